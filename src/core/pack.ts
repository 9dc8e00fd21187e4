/**
 * Pack format v1 (DESIGN.md section 3): parsing with a validation report,
 * and writing. The JSON Schema twin of these rules is assets/pack-v1.schema.json;
 * pack.test.ts checks that both accept and reject the same documents.
 */
import * as v from 'valibot';
import {
  CASE_RULES,
  CONTENT_FIELDS,
  KINDS,
  isUnicodeText,
  isWebUrl,
  type CaseRule,
  type Entity,
  type Kind,
  type Link,
  type Source,
} from './entity';
import { LIMITS } from './limits';

export const PACK_FORMAT = 'backstory-pack';
export const PACK_VERSION = 1;
// Re-exported: the pack format is where readers of the format look for its limits.
export { LIMITS };

/** Numbers in messages as the reader's language writes them (English here: 100,000). */
const num = (n: number) => n.toLocaleString('en-US');
/** Text a file can carry as it is (see isUnicodeText): checked in every text field. */
const unicode = v.check(isUnicodeText, 'holds half of a character (a lone surrogate), not text');

const text = (max: number) =>
  v.pipe(v.string(), v.maxLength(max, `longer than ${num(max)} characters`), unicode);
const nonEmpty = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `longer than ${num(max)} characters`),
    unicode,
  );
const webUrl = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url, `longer than ${num(LIMITS.url)} characters`),
  v.check(isWebUrl, 'must be an http(s) URL'),
  unicode,
);
/** A moment as `Date.prototype.toISOString` writes it (UTC, to the millisecond or second). */
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const moment = v.pipe(
  v.string(),
  v.regex(ISO_MOMENT, 'must be a UTC date and time such as 2026-12-01T10:26:00.000Z'),
);

const caseForm = v.pipe(
  v.string(),
  v.maxLength(LIMITS.alias, `longer than ${num(LIMITS.alias)} characters`),
  unicode,
);
const caseRule = v.picklist(CASE_RULES, `must be one of ${CASE_RULES.join(', ')}`);

/*
 * Keys valibot leaves out of the objects it gives back (it guards against
 * prototype pollution, assigning keys one by one), though JSON.parse makes
 * them fields like any other: a case rule for a note named "constructor",
 * an unknown field "prototype". Such a field was dropped without a word,
 * and one too deep to keep passed unchecked. So unknown fields and case
 * rules are taken from the entry as the file has it, into objects made by
 * Object.fromEntries, which defines keys and never sets a prototype.
 */
const SKIPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The fields the format knows in an entity (PackEntitySchema's): what it
 * says, its id, and a backup's record of it. Any other is an unknown field,
 * kept in Entity.extra.
 */
export const PACK_ENTITY_FIELDS = [
  'id',
  ...CONTENT_FIELDS,
  'origin',
  'createdAt',
  'updatedAt',
] as const;
const KNOWN_FIELDS = new Set<string>(PACK_ENTITY_FIELDS);

export const PackEntitySchema = v.looseObject({
  id: v.optional(nonEmpty(200)),
  name: nonEmpty(LIMITS.name),
  aliases: v.optional(v.pipe(v.array(nonEmpty(LIMITS.alias)), v.maxLength(LIMITS.aliases)), []),
  kind: v.optional(v.picklist(KINDS, `must be one of ${KINDS.join(', ')}`), 'other'),
  note: v.optional(text(LIMITS.note), ''),
  tags: v.optional(v.pipe(v.array(nonEmpty(LIMITS.tag)), v.maxLength(LIMITS.tags)), []),
  links: v.optional(
    v.array(v.object({ title: v.optional(text(LIMITS.linkTitle), ''), url: webUrl })),
    [],
  ),
  sources: v.optional(
    v.array(
      v.object({
        url: webUrl,
        title: v.optional(text(LIMITS.sourceTitle)),
        quote: v.optional(text(LIMITS.quote)),
        at: v.optional(text(LIMITS.at)),
        license: v.optional(text(LIMITS.sourceLicense)),
      }),
    ),
    [],
  ),
  /** Case rules by surface form: "exact" or "any" (DESIGN.md section 4, rule 2). */
  matchCase: v.optional(v.record(caseForm, caseRule)),
  /*
   * A backup's own record of each note (writeBackup): whose it is ("local"
   * for the reader's own, else the pack it came from) and when it was made
   * and last changed, so a restore gives back the same collection.
   */
  origin: v.optional(nonEmpty(LIMITS.origin)),
  createdAt: v.optional(moment),
  updatedAt: v.optional(moment),
});

const PackHeaderSchema = v.looseObject({
  format: v.literal(PACK_FORMAT, `must be "${PACK_FORMAT}"`),
  version: v.literal(
    PACK_VERSION,
    `must be ${PACK_VERSION}: this version of Backstory reads pack format 1`,
  ),
  title: v.optional(text(300), ''),
  description: v.optional(text(5000), ''),
  updated: v.optional(v.string()),
  /*
   * For packs read by URL (subscriptions, src/core/subscription.ts): how long
   * a copy stays fresh ("12h", "7d"), the pack's home page and licence, the
   * curator's revision label, and the SHA-256 of its entities (entitiesSha256 in pack-hash.ts).
   */
  expires: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,4}[hd]$/, 'must be hours or days, such as "12h" or "7d"')),
  ),
  homepage: v.optional(webUrl),
  license: v.optional(text(200)),
  revision: v.optional(text(100)),
  sha256: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')),
  ),
  /** Present in a backup of the whole collection (writeBackup): its id and when it was made. */
  backup: v.optional(
    v.object({ id: nonEmpty(100), exportedAt: moment }, 'must be an object with id and exportedAt'),
  ),
  entities: v.array(v.unknown(), 'must be a list'),
});

/** An entity as a pack carries it: no origin or timestamps yet. */
export type PackEntity = {
  id?: string;
  name: string;
  aliases: string[];
  kind: Kind;
  note: string;
  tags: string[];
  links: Link[];
  sources: Source[];
  matchCase?: Record<string, CaseRule>;
  extra?: Record<string, unknown>;
  /** From a backup: the note's own origin and times (ms), which a restore keeps. */
  origin?: string;
  createdAt?: number;
  updatedAt?: number;
};

/** The header fields a pack read by URL may carry (see PackHeaderSchema). */
export interface PackFeed {
  expires?: string;
  homepage?: string;
  license?: string;
  revision?: string;
  sha256?: string;
}

export interface Pack extends PackFeed {
  title: string;
  description: string;
  updated?: string;
  backup?: { id: string; exportedAt: string };
  entities: PackEntity[];
}

export interface PackIssue {
  /** 1-based position in the `entities` list; absent for problems with the whole file. */
  entry?: number;
  field?: string;
  /** In English, for logs and tests; the manager shows `code` in the reader's language. */
  message: string;
  /** The kind of problem: a message name in _locales is `pack_` + code. */
  code: PackIssueCode;
  params: string[];
}

export type PackIssueCode =
  | 'notJson'
  | 'notObject'
  | 'empty'
  | 'tooLong'
  | 'tooMany'
  | 'notWebUrl'
  | 'notOneOf'
  | 'wrongFormat'
  | 'wrongVersion'
  | 'duplicateId'
  | 'wrongType'
  | 'notText'
  // CSV files (csv.ts):
  | 'emptyFile'
  | 'headerNotCsv'
  | 'noNameColumn'
  | 'duplicateColumn'
  | 'badQuotes'
  | 'extraFields'
  // Unknown fields (checkExtra):
  | 'tooDeep'
  | 'tooLarge'
  // A file read in slices (pack-stream.ts): one part larger than any pack needs.
  | 'partTooLarge';

/**
 * Text from the file as a problem quotes it (a field's path, the value found):
 * cut to `max` characters, never in the middle of one. A file can hold
 * megabytes where a name belongs, or as a key, and the problems with every
 * entry travel to the manager and are listed there.
 */
function quoted(text: string, max = 100): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** What a validation issue is, for a message in the reader's language. */
function codeOf(issue: v.BaseIssue<unknown>, field: string | undefined): [PackIssueCode, string[]] {
  switch (issue.type) {
    case 'min_length':
      return ['empty', []];
    case 'max_length':
      return Array.isArray(issue.input)
        ? ['tooMany', [String(issue.requirement)]]
        : ['tooLong', [String(issue.requirement)]];
    case 'check':
      return issue.requirement === isUnicodeText ? ['notText', []] : ['notWebUrl', []];
    case 'picklist':
      // Two fields have a list of choices: the kind, and each case rule.
      return ['notOneOf', [(field?.startsWith('matchCase.') ? CASE_RULES : KINDS).join(', ')]];
    case 'literal':
      return field === 'version'
        ? ['wrongVersion', [String(PACK_VERSION)]]
        : ['wrongFormat', [PACK_FORMAT]];
    default:
      return ['wrongType', [quoted(issue.expected ?? ''), quoted(issue.received)]];
  }
}

/**
 * A failed parse still carries the entries that passed, so the user can choose
 * to import the valid part (DESIGN.md section 9); nothing is written unasked.
 */
export type PackParseResult =
  | { ok: true; pack: Pack }
  | {
      ok: false;
      issues: PackIssue[];
      valid: PackEntity[];
      /** The pack's, when the file itself is sound (the origin of the valid part). */
      title?: string;
      /**
       * The whole header, when it is sound: a subscription applies the valid part and
       * still needs the feed fields (its `updated`, `expires`, `sha256`).
       */
      header?: PackHeader;
      /**
       * The ids the refused entries carry (as the parser trims them), where they have one:
       * a subscription keeps the notes those entries were, rather than take them for removed.
       */
      invalidIds?: string[];
    };

/** A pack without its entities. */
export type PackHeader = Omit<Pack, 'entities'>;

function issuesOf(result: v.SafeParseResult<v.GenericSchema>, entry?: number): PackIssue[] {
  return (result.issues ?? []).map((issue) => {
    const path = v.getDotPath(issue);
    const field = path === null ? undefined : quoted(path);
    const [code, params] = codeOf(issue, field);
    return { entry, field, message: quoted(issue.message, 200), code, params };
  });
}

/** One entry to check: its 1-based number for the issues, and what the file holds. */
export interface RawEntry {
  entry: number;
  raw: unknown;
}

/**
 * Checks entries against the pack's rules (PackEntitySchema, LIMITS, unique
 * ids), one at a time as they come: an entry that repeats an earlier entry's
 * id is an issue, and the first one stays valid. Shared by the pack and CSV
 * parsers so both obey the same rules; a pack read in slices checks each
 * slice's entries as they arrive (core/pack-stream.ts).
 */
export class EntryChecker {
  readonly issues: PackIssue[] = [];
  readonly valid: PackEntity[] = [];
  /** How many entries were checked: the next one's number is this plus one. */
  count = 0;
  private readonly ids = new Map<string, number>();

  /** Checks the next entry of the file. */
  add(raw: unknown): void {
    this.check({ entry: this.count + 1, raw });
  }

  check({ entry, raw }: RawEntry): void {
    this.count++;
    const result = v.safeParse(PackEntitySchema, raw);
    if (!result.success) {
      this.issues.push(...issuesOf(result, entry));
      return;
    }
    const { id, name, aliases, kind, note, tags, links, sources, origin, createdAt, updatedAt } =
      result.output;
    const fields = raw as Record<string, unknown>;
    const matchCase = caseRulesOf(fields.matchCase, entry);
    if (Array.isArray(matchCase)) {
      this.issues.push(...matchCase);
      return;
    }
    if (id !== undefined) {
      const first = this.ids.get(id);
      if (first !== undefined) {
        this.issues.push({
          entry,
          field: 'id',
          message: `repeats the id of entry ${first}`,
          code: 'duplicateId',
          // The id too, which a subscription names (SubscriptionError `duplicateId`).
          params: [String(first), quoted(id)],
        });
        return;
      }
      this.ids.set(id, entry);
    }
    const extra = Object.fromEntries(Object.entries(fields).filter(([k]) => !KNOWN_FIELDS.has(k)));
    const problem = checkExtra(extra, entry);
    if (problem) {
      this.issues.push(problem);
      return;
    }
    this.valid.push({
      ...(id === undefined ? {} : { id }),
      name,
      aliases,
      kind,
      note,
      tags,
      links: links.map((l) => ({ title: l.title, url: l.url })),
      sources,
      ...(matchCase && Object.keys(matchCase).length ? { matchCase } : {}),
      ...(Object.keys(extra).length ? { extra: asWritten(extra) } : {}),
      ...(origin === undefined ? {} : { origin }),
      ...timesOf(createdAt, updatedAt),
    });
  }
}

/** Checks entries against the pack's rules (EntryChecker). */
export function checkEntries(entries: Iterable<RawEntry>): {
  valid: PackEntity[];
  issues: PackIssue[];
} {
  const checker = new EntryChecker();
  for (const entry of entries) checker.check(entry);
  return { valid: checker.valid, issues: checker.issues };
}

/**
 * Unknown fields as an export will write them: JSON.parse reads 1e400 as
 * Infinity and -0 as -0, which JSON.stringify writes as null and 0, so
 * kept as read they came back from their own backup as other values. They
 * are at most LIMITS.extraChars long (checkExtra), so this costs little.
 */
function asWritten(extra: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(extra)) as Record<string, unknown>;
}

/**
 * An entry's case rules, which the schema has checked but for the keys it
 * skips (SKIPPED_KEYS): those are checked here, and all come from the file.
 */
function caseRulesOf(given: unknown, entry: number): Record<string, CaseRule> | PackIssue[] {
  const rules = Object.entries((given ?? {}) as Record<string, unknown>);
  const issues = rules
    .filter(([form]) => SKIPPED_KEYS.has(form))
    .flatMap(([form, rule]) =>
      issuesOf(v.safeParse(caseRule, rule), entry).map((issue) => ({
        ...issue,
        field: `matchCase.${form}`,
      })),
    );
  return issues.length ? issues : (Object.fromEntries(rules) as Record<string, CaseRule>);
}

/**
 * Whether a pack's unknown fields stay within LIMITS.extraDepth and
 * LIMITS.extraChars, measured without recursion and without reading past
 * the limit: a field nested thousands deep, or of megabytes, costs no more
 * to refuse than a small one.
 */
function checkExtra(extra: Record<string, unknown>, entry: number): PackIssue | null {
  let chars = 0;
  for (const [field, value] of Object.entries(extra)) {
    const stack: [unknown, number][] = [[value, 1]];
    while (stack.length) {
      const [node, depth] = stack.pop()!;
      if (depth > LIMITS.extraDepth)
        return {
          entry,
          field: quoted(field),
          message: `nested deeper than ${LIMITS.extraDepth} levels`,
          code: 'tooDeep',
          params: [String(LIMITS.extraDepth)],
        };
      // What JSON would spend on it, near enough: the text of strings, the keys, a few per value.
      chars += typeof node === 'string' ? node.length + 2 : 4;
      if (chars > LIMITS.extraChars)
        return {
          entry,
          field: quoted(field),
          message: `fields Backstory does not know take more than ${num(LIMITS.extraChars)} characters`,
          code: 'tooLarge',
          params: [num(LIMITS.extraChars)],
        };
      if (node && typeof node === 'object') {
        for (const [key, child] of Object.entries(node)) {
          chars += key.length + 3;
          stack.push([child, depth + 1]);
        }
      }
    }
  }
  return null;
}

/**
 * A backup's times as milliseconds: one that names no real moment (February
 * 30th), or lies in the future, or an update before the creation, is
 * dropped rather than trusted, and the import stamps its own time instead.
 */
function timesOf(
  created: string | undefined,
  updated: string | undefined,
  now = Date.now(),
): { createdAt?: number; updatedAt?: number } {
  const ms = (iso: string | undefined): number | undefined => {
    if (iso === undefined) return undefined;
    const t = Date.parse(iso);
    // Date.parse rolls February 30th over to March 2nd: the text must come back the same.
    return Number.isFinite(t) &&
      t <= now &&
      new Date(t).toISOString().slice(0, 10) === iso.slice(0, 10)
      ? t
      : undefined;
  };
  const createdAt = ms(created);
  let updatedAt = ms(updated);
  if (createdAt !== undefined && updatedAt !== undefined && updatedAt < createdAt)
    updatedAt = undefined;
  return {
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(updatedAt === undefined ? {} : { updatedAt }),
  };
}

/**
 * Parses and validates a pack file's text. Any problem makes the pack invalid;
 * `valid` then holds the entries that passed (none if the file itself is wrong).
 */
export function parsePack(json: string): PackParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (error) {
    return notJson((error as Error).message);
  }
  return checkPack(doc);
}

/** The answer for a file that is not JSON, with the parser's words for why. */
export function notJson(reason: string): PackParseResult {
  return {
    ok: false,
    issues: [
      {
        message: `This file is not valid JSON (${reason}).`,
        code: 'notJson',
        params: [reason],
      },
    ],
    valid: [],
  };
}

/**
 * Checks a parsed pack file (from parsePack, or read a piece at a time:
 * core/pack-stream.ts). `checked`, when given, has checked every entry of
 * the document's `entities` list already, in order, as they arrived.
 */
export function checkPack(doc: unknown, checked?: EntryChecker): PackParseResult {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return {
      ok: false,
      issues: [
        {
          message: 'A pack is a JSON object with "format", "version" and "entities".',
          code: 'notObject',
          params: [],
        },
      ],
      valid: [],
    };
  }
  const header = v.safeParse(PackHeaderSchema, doc);
  if (!header.success) return { ok: false, issues: issuesOf(header), valid: [] };

  const { valid, issues } =
    checked?.count === header.output.entities.length
      ? checked
      : checkEntries(header.output.entities.map((raw, i) => ({ entry: i + 1, raw })));
  const { title, description, updated, backup, expires, homepage, license, revision, sha256 } =
    header.output;
  const feed = Object.fromEntries(
    Object.entries({ expires, homepage, license, revision, sha256 }).filter(([, x]) => x),
  ) as PackFeed;
  const head: PackHeader = {
    title,
    description,
    ...(updated ? { updated } : {}),
    ...(backup ? { backup } : {}),
    ...feed,
  };
  if (issues.length) {
    const invalidIds = idsOf(header.output.entities, issues);
    return { ok: false, issues, valid, title, header: head, invalidIds };
  }
  return { ok: true, pack: { ...head, entities: valid } };
}

/** The ids of the entries these issues refuse, as PackEntitySchema would read them (trimmed). */
function idsOf(entries: readonly unknown[], issues: readonly PackIssue[]): string[] {
  const refused = new Set(issues.flatMap((i) => (i.entry === undefined ? [] : [i.entry])));
  return [...refused].flatMap((entry) => {
    const raw = entries[entry - 1];
    const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id.trim() ? [id.trim()] : [];
  });
}

/** A stored time as a backup writes it; none for a time that is not one (JSON drops undefined). */
function isoOf(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** The title of a backup file, which names no pack: its notes keep their own origins. */
export const BACKUP_TITLE = 'Backstory backup';

/**
 * Writes the whole collection as a backup: a pack whose notes also carry
 * their origin and times, under an id and date of its own, so restoring it
 * into a fresh browser gives back the same collection, ages and origins
 * included, and importing it elsewhere overwrites nothing silently (see
 * core/import-plan.ts).
 */
export function writeBackup(
  entities: readonly Entity[],
  now = new Date(),
  id: string = crypto.randomUUID(),
): string {
  return writePack(BACKUP_TITLE, entities, now, { id, exportedAt: now.toISOString() });
}

/**
 * Writes entities as a pack file (pretty-printed JSON) to share: the notes
 * without their origin or times, which are the reader's, so whoever imports
 * it gets them as the file's. Unknown fields go back out.
 */
export function writePack(
  title: string,
  entities: readonly Entity[],
  now = new Date(),
  backup?: { id: string; exportedAt: string },
): string {
  const writer = new PackWriter(title, now, backup);
  return writer.head() + writer.entries(entities) + writer.tail();
}

/**
 * A pack file's text in pieces, so an export of any size is written a page
 * of notes at a time (background/export-port.ts) and never held as one
 * string: head(), then entries() as often as needed, then tail(). The
 * pieces joined are exactly `JSON.stringify(pack, null, 2)` and a newline,
 * the text writePack gives.
 */
export class PackWriter {
  private count = 0;

  constructor(
    private readonly title: string,
    private readonly now = new Date(),
    private readonly backup?: { id: string; exportedAt: string },
  ) {}

  /** Everything before the first note, up to and including the list's "[". */
  head(): string {
    const header = {
      format: PACK_FORMAT,
      version: PACK_VERSION,
      title: this.title,
      updated: this.now.toISOString(),
      ...(this.backup ? { backup: this.backup } : {}),
      entities: [],
    };
    // Ends in `"entities": []` and `}`: keep the "[" only.
    const text = JSON.stringify(header, null, 2);
    return text.slice(0, text.length - ']\n}'.length);
  }

  /** The next notes, each as JSON.stringify would indent it inside the list. */
  entries(entities: readonly Entity[]): string {
    let text = '';
    for (const e of entities) {
      // JSON escapes line breaks inside strings, so every "\n" here is one of its own.
      const entry = JSON.stringify(this.entry(e), null, 2).replaceAll('\n', '\n    ');
      text += `${this.count++ === 0 ? '\n' : ',\n'}    ${entry}`;
    }
    return text;
  }

  tail(): string {
    return this.count === 0 ? ']\n}\n' : '\n  ]\n}\n';
  }

  private entry(e: Entity) {
    return {
      ...e.extra,
      id: e.id,
      name: e.name,
      aliases: e.aliases,
      kind: e.kind,
      note: e.note,
      tags: e.tags,
      links: e.links,
      ...(e.sources.length ? { sources: e.sources } : {}),
      ...(e.matchCase && Object.keys(e.matchCase).length ? { matchCase: e.matchCase } : {}),
      ...(this.backup
        ? { origin: e.origin, createdAt: isoOf(e.createdAt), updatedAt: isoOf(e.updatedAt) }
        : {}),
    };
  }
}

/** A one-line human description of an issue, e.g. "Entry 3, field name: must not be empty". */
export function describeIssue(issue: PackIssue): string {
  const where = [
    issue.entry === undefined ? '' : `Entry ${issue.entry}`,
    issue.field ? `${issue.entry === undefined ? 'Field' : 'field'} ${issue.field}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}
