/**
 * Packs for the fuzz tests: entries within every limit of the format (and
 * at it), each with what parsing must give back. Broken ones are in
 * fuzz-pack-bad.ts.
 */
import fc from 'fast-check';
import { CASE_RULES, KINDS } from '../core/entity';
import {
  LIMITS,
  PACK_ENTITY_FIELDS,
  PACK_FORMAT,
  PACK_VERSION,
  type PackEntity,
} from '../core/pack';
import { anyText, exactText, near, sized, someText, text } from './fuzz';

/** An entry as the file holds it, and as parsing must give it back. */
export interface Generated {
  raw: Record<string, unknown>;
  expected: PackEntity;
}

/** The fields the format knows: any other is kept as an unknown field. */
export const KNOWN: readonly string[] = PACK_ENTITY_FIELDS;

/** Keys that objects treat specially, and known names in another case. */
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '', ' ', '0'];
export const unknownKey = fc
  .oneof(fc.constantFrom(...ODD_KEYS, 'Name', 'ID', 'wikidata', 'extra'), anyText(8))
  .filter((k) => !KNOWN.includes(k));

/** Text a trimmed field accepts: short, or exactly at its limit or one under. */
const trimmed = (limit: number) =>
  fc.oneof(
    { weight: 4, arbitrary: someText(8) },
    { weight: 1, arbitrary: exactText(limit) },
    { weight: 1, arbitrary: exactText(limit - 1) },
  );

/** Text an untrimmed field accepts, up to exactly its limit. */
const untrimmed = (limit: number) =>
  fc.oneof(
    { weight: 4, arbitrary: text(12) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(text(6), fc.constantFrom(limit, limit - 1))
        .map(([s, n]) => sized(s, n, 'n')),
    },
  );

const webUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('https://example.org/', 'http://xn--mller-kva.de/ü?q=a b#x'),
  // Exactly the limit, or one under.
  near(LIMITS.url - 1).map((n) => 'https://example.org/'.padEnd(n, 'p')),
);

/** A list of up to a few items, or exactly as many as the limit allows. */
const list = <T>(item: fc.Arbitrary<T>, limit: number, short: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.array(item, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(short, { minLength: limit, maxLength: limit }) },
  );

/** A moment in the past as toISOString writes it, or without its milliseconds. */
const pastMoment = fc
  .tuple(
    fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('2025-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom(24, 20, 23),
  )
  .map(([d, cut]) => {
    const iso = d.toISOString();
    return {
      iso: cut === 24 ? iso : `${iso.slice(0, cut - 1)}Z`,
      ms: Date.parse(iso.slice(0, cut - 1) + 'Z'),
    };
  });

/** Nested `depth` levels deep: the value at depth 1 is the field's. */
export const nested = (depth: number, leaf: unknown = 'leaf'): unknown => {
  let value = leaf;
  for (let i = 1; i < depth; i++) value = { d: value };
  return value;
};

/**
 * Numbers JSON.parse reads as something JSON.stringify writes otherwise (1e400 is
 * Infinity, written null; -0 is written 0): a string packText puts back as the literal.
 */
const NUMBERS = ['1e400', '-1e400', '-0', '1e-400', '12345678901234567890'];
const numberMark = (literal: string) => `\u0000number:${literal}`;

const extraFields = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.dictionary(unknownKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(unknownKey, fc.constantFrom(...NUMBERS))
      .map(([key, literal]) => ({ [key]: { n: numberMark(literal) } })),
  },
  // At the limits: nested exactly as deep as allowed; as large as allowed (a string counts its
  // length and 2).
  { weight: 1, arbitrary: unknownKey.map((k) => ({ [k]: nested(LIMITS.extraDepth) })) },
  {
    weight: 1,
    arbitrary: unknownKey.map((k) => ({ [k]: 'x'.repeat(LIMITS.extraChars - 2) })),
  },
);

const entryArb = fc.record(
  {
    id: trimmed(200),
    // Names that fold to one another ("Çakır", "cakir"), so entries meet, also without ids.
    name: fc.oneof(
      { weight: 3, arbitrary: trimmed(LIMITS.name) },
      { weight: 1, arbitrary: fc.constantFrom('Çakır', 'cakir', ' CAKIR', 'Ada', 'ada') },
    ),
    aliases: list(trimmed(LIMITS.alias), LIMITS.aliases, someText(3)),
    kind: fc.constantFrom(...KINDS),
    note: fc.oneof(
      { weight: 6, arbitrary: untrimmed(LIMITS.note) },
      // ASCII with a NUL after each character: in UTF-8, the zero bytes of UTF-16 text.
      {
        weight: 1,
        arbitrary: fc
          .string({ unit: 'grapheme-ascii', minLength: 300, maxLength: 600 })
          .map((s) => [...s].join('\u0000')),
      },
    ),
    tags: list(trimmed(LIMITS.tag), LIMITS.tags, someText(3)),
    links: fc.array(
      fc.record({ title: untrimmed(LIMITS.linkTitle), url: webUrl }, { requiredKeys: ['url'] }),
      { maxLength: 3 },
    ),
    sources: fc.array(
      fc.record(
        {
          url: webUrl,
          title: untrimmed(LIMITS.sourceTitle),
          quote: untrimmed(LIMITS.quote),
          at: untrimmed(LIMITS.at),
          license: untrimmed(LIMITS.sourceLicense),
        },
        { requiredKeys: ['url'] },
      ),
      { maxLength: 3 },
    ),
    // Case rules for the entry's own forms, and for any text (the format allows both).
    matchCase: fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...ODD_KEYS), untrimmed(LIMITS.alias)),
        fc.constantFrom(...CASE_RULES),
      ),
      { maxLength: 3 },
    ),
    extra: extraFields,
    origin: trimmed(200),
    createdAt: pastMoment,
    updatedAt: pastMoment,
  },
  { requiredKeys: ['name'] },
);

/** A valid entry, and what parsing it gives. */
export const validEntry: fc.Arbitrary<Generated> = entryArb.map((e) => {
  const raw: Record<string, unknown> = { ...e.extra };
  const expected: PackEntity = {
    name: e.name.trim(),
    aliases: (e.aliases ?? []).map((a) => a.trim()),
    kind: e.kind ?? 'other',
    note: e.note ?? '',
    tags: (e.tags ?? []).map((t) => t.trim()),
    links: (e.links ?? []).map((l) => ({ title: l.title ?? '', url: l.url })),
    sources: e.sources ?? [],
  };
  if (e.id !== undefined) raw.id = expected.id = e.id.trim();
  raw.name = e.name;
  for (const key of ['aliases', 'kind', 'note', 'tags', 'links', 'sources'] as const)
    if (e[key] !== undefined) raw[key] = e[key];
  if (e.matchCase) {
    // Object.fromEntries makes a key such as __proto__ a field of its own, as JSON.parse does.
    raw.matchCase = Object.fromEntries(e.matchCase);
    if (e.matchCase.length) expected.matchCase = Object.fromEntries(e.matchCase);
  }
  if (e.extra && Object.keys(e.extra).length)
    // As a JSON writer writes them back: a number JSON cannot hold becomes null, -0 becomes 0.
    expected.extra = JSON.parse(JSON.stringify(e.extra), (_, value: unknown) =>
      typeof value === 'string' && value.startsWith(numberMark(''))
        ? (JSON.parse(JSON.stringify(JSON.parse(value.slice(numberMark('').length)))) as unknown)
        : value,
    ) as Record<string, unknown>;
  if (e.origin !== undefined) {
    raw.origin = e.origin;
    expected.origin = e.origin.trim();
  }
  if (e.createdAt) {
    raw.createdAt = e.createdAt.iso;
    expected.createdAt = e.createdAt.ms;
  }
  if (e.updatedAt) {
    raw.updatedAt = e.updatedAt.iso;
    // An update before the creation is dropped.
    if (!e.createdAt || e.updatedAt.ms >= e.createdAt.ms) expected.updatedAt = e.updatedAt.ms;
  }
  return { raw, expected };
});

/** Valid entries with ids unique once trimmed (a later copy of an id loses it). */
export const validEntries = (maxLength: number, minLength = 0) =>
  fc.array(validEntry, { minLength, maxLength }).map((entries) => {
    const seen = new Set<string>();
    return entries.map(({ raw, expected }): Generated => {
      if (expected.id === undefined || !seen.has(expected.id)) {
        if (expected.id !== undefined) seen.add(expected.id);
        return { raw, expected };
      }
      const { id: _raw, ...restRaw } = raw;
      const { id: _expected, ...restExpected } = expected;
      return { raw: restRaw, expected: restExpected };
    });
  });

/** A pack's header fields, within their limits, and unknown header fields. */
export const header = fc.record(
  {
    title: untrimmed(300),
    description: untrimmed(5000),
    // Not checked beyond being text: any will do.
    updated: anyText(30),
    backup: fc.record({ id: trimmed(100), exportedAt: pastMoment.map((m) => m.iso) }),
    generator: anyText(10),
  },
  { requiredKeys: [] },
);

/** A pack's text from its header and entries, in one of the ways a file may be laid out. */
export const packText = (
  head: Record<string, unknown>,
  entities: unknown[],
  indent: 0 | 2 | '\t' = 2,
): string =>
  JSON.stringify({ format: PACK_FORMAT, version: PACK_VERSION, ...head, entities }, null, indent)
    // The numbers marked by numberMark, as their literals.
    .replace(/"\\u0000number:([^"]+)"/g, '$1');

/** A valid pack of at least one entry: its header, entries and text. */
export const validPack = fc.tuple(header, validEntries(4, 1)).map(([head, entries]) => ({
  head,
  entries,
  text: packText(
    head,
    entries.map((e) => e.raw),
  ),
}));
