/**
 * Pack format v1 (DESIGN.md section 3): parsing with a validation report,
 * and writing. The JSON Schema twin of these rules is assets/pack-v1.schema.json;
 * pack.test.ts checks that both accept and reject the same documents.
 */
import * as v from 'valibot';
import {
  CASE_RULES,
  KINDS,
  isWebUrl,
  type CaseRule,
  type Entity,
  type Kind,
  type Link,
  type Source,
} from './entity';

export const PACK_FORMAT = 'backstory-pack';
export const PACK_VERSION = 1;
export const LIMITS = { name: 200, alias: 200, aliases: 100, tag: 60, tags: 50, note: 100_000 };

/** Numbers in messages as the reader's language writes them (English here: 100,000). */
const num = (n: number) => n.toLocaleString('en-US');
const text = (max: number) =>
  v.pipe(v.string(), v.maxLength(max, `longer than ${num(max)} characters`));
const nonEmpty = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `longer than ${num(max)} characters`),
  );
const webUrl = v.pipe(v.string(), v.check(isWebUrl, 'must be an http(s) URL'));

const KNOWN_FIELDS = new Set([
  'id',
  'name',
  'aliases',
  'kind',
  'note',
  'tags',
  'links',
  'sources',
  'matchCase',
]);

export const PackEntitySchema = v.looseObject({
  id: v.optional(nonEmpty(200)),
  name: nonEmpty(LIMITS.name),
  aliases: v.optional(v.pipe(v.array(nonEmpty(LIMITS.alias)), v.maxLength(LIMITS.aliases)), []),
  kind: v.optional(v.picklist(KINDS, `must be one of ${KINDS.join(', ')}`), 'other'),
  note: v.optional(text(LIMITS.note), ''),
  tags: v.optional(v.pipe(v.array(nonEmpty(LIMITS.tag)), v.maxLength(LIMITS.tags)), []),
  links: v.optional(v.array(v.object({ title: v.optional(text(300), ''), url: webUrl })), []),
  sources: v.optional(
    v.array(
      v.object({
        url: webUrl,
        title: v.optional(text(300)),
        quote: v.optional(text(2000)),
        at: v.optional(v.string()),
      }),
    ),
    [],
  ),
  /** Case rules by surface form: "exact" or "any" (DESIGN.md section 4, rule 2). */
  matchCase: v.optional(
    v.record(
      v.pipe(v.string(), v.maxLength(LIMITS.alias, `longer than ${num(LIMITS.alias)} characters`)),
      v.picklist(CASE_RULES, `must be one of ${CASE_RULES.join(', ')}`),
    ),
  ),
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
};

export interface Pack {
  title: string;
  description: string;
  updated?: string;
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
  // CSV files (csv.ts):
  | 'emptyFile'
  | 'headerNotCsv'
  | 'noNameColumn'
  | 'duplicateColumn'
  | 'badQuotes'
  | 'extraFields';

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
      return ['notWebUrl', []];
    case 'picklist':
      return ['notOneOf', [KINDS.join(', ')]];
    case 'literal':
      return field === 'version'
        ? ['wrongVersion', [String(PACK_VERSION)]]
        : ['wrongFormat', [PACK_FORMAT]];
    default:
      return ['wrongType', [issue.expected ?? '', issue.received]];
  }
}

/**
 * A failed parse still carries the entries that passed, so the user can choose
 * to import the valid part (DESIGN.md section 9); nothing is written unasked.
 */
export type PackParseResult =
  | { ok: true; pack: Pack }
  /** `title`: the pack's, when the file itself is sound (the origin of the valid part). */
  | { ok: false; issues: PackIssue[]; valid: PackEntity[]; title?: string };

function issuesOf(result: v.SafeParseResult<v.GenericSchema>, entry?: number): PackIssue[] {
  return (result.issues ?? []).map((issue) => {
    const field = v.getDotPath(issue) ?? undefined;
    const [code, params] = codeOf(issue, field);
    return { entry, field, message: issue.message, code, params };
  });
}

/** One entry to check: its 1-based number for the issues, and what the file holds. */
export interface RawEntry {
  entry: number;
  raw: unknown;
}

/**
 * Checks entries against the pack's rules (PackEntitySchema, LIMITS, unique
 * ids). An entry that repeats an earlier entry's id is an issue; the first one
 * stays valid. Shared by the pack and CSV parsers so both obey the same rules.
 */
export function checkEntries(entries: Iterable<RawEntry>): {
  valid: PackEntity[];
  issues: PackIssue[];
} {
  const issues: PackIssue[] = [];
  const valid: PackEntity[] = [];
  const ids = new Map<string, number>();
  for (const { entry, raw } of entries) {
    const result = v.safeParse(PackEntitySchema, raw);
    if (!result.success) {
      issues.push(...issuesOf(result, entry));
      continue;
    }
    const { id, name, aliases, kind, note, tags, links, sources, matchCase, ...rest } =
      result.output;
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined) {
        issues.push({
          entry,
          field: 'id',
          message: `repeats the id of entry ${first}`,
          code: 'duplicateId',
          params: [String(first)],
        });
        continue;
      }
      ids.set(id, entry);
    }
    const extra = Object.fromEntries(Object.entries(rest).filter(([k]) => !KNOWN_FIELDS.has(k)));
    valid.push({
      ...(id === undefined ? {} : { id }),
      name,
      aliases,
      kind,
      note,
      tags,
      links: links.map((l) => ({ title: l.title, url: l.url })),
      sources,
      ...(matchCase && Object.keys(matchCase).length ? { matchCase } : {}),
      ...(Object.keys(extra).length ? { extra } : {}),
    });
  }
  return { valid, issues };
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
    return {
      ok: false,
      issues: [
        {
          message: `This file is not valid JSON (${(error as Error).message}).`,
          code: 'notJson',
          params: [(error as Error).message],
        },
      ],
      valid: [],
    };
  }
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

  const { valid, issues } = checkEntries(
    header.output.entities.map((raw, i) => ({ entry: i + 1, raw })),
  );
  const { title, description, updated } = header.output;
  if (issues.length) return { ok: false, issues, valid, title };
  return {
    ok: true,
    pack: { title, description, ...(updated ? { updated } : {}), entities: valid },
  };
}

/** Writes entities as a pack file (pretty-printed JSON). Unknown fields go back out. */
export function writePack(title: string, entities: readonly Entity[], now = new Date()): string {
  const doc = {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    title,
    updated: now.toISOString(),
    entities: entities.map((e) => ({
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
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
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
