/**
 * Bad packs for the fuzz tests: entries and headers broken in one field
 * (just past a limit, the wrong type, half of a character), each with the
 * field the report must name, and packs holding values of any type anywhere.
 */
import fc from 'fast-check';
import { LIMITS } from '../core/pack';
import { anyText, exactText, someText } from './fuzz';
import { header, KNOWN, nested, packText, unknownKey, validEntry } from './fuzz-pack';

/** One way to break an entry, and the field the report must name. */
export interface Breakage {
  field: string;
  apply: (raw: Record<string, unknown>) => Record<string, unknown>;
}

const set = (field: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Breakage> =>
  value.map((v) => ({ field, apply: (raw) => ({ ...raw, [field]: v }) }));

const tooLong = (limit: number) => exactText(limit + 1);

export const breakage: fc.Arbitrary<Breakage> = fc.oneof(
  set('name', fc.oneof(tooLong(LIMITS.name), fc.constantFrom('', '  \n', 5, null, ['A']))),
  fc.constant<Breakage>({
    field: 'name',
    apply: ({ name: _, ...raw }: Record<string, unknown>) => raw,
  }),
  set(
    'aliases',
    fc.oneof(
      fc.array(someText(3), { minLength: LIMITS.aliases + 1, maxLength: LIMITS.aliases + 1 }),
      tooLong(LIMITS.alias).map((a) => [a]),
      fc.constantFrom('x', [5], [''], {}),
    ),
  ),
  set(
    'tags',
    fc.oneof(
      fc.array(someText(3), { minLength: LIMITS.tags + 1, maxLength: LIMITS.tags + 1 }),
      tooLong(LIMITS.tag).map((t) => [t]),
      fc.constantFrom('x', [' ']),
    ),
  ),
  set('note', fc.oneof(fc.constant('n'.repeat(LIMITS.note + 1)), fc.constantFrom(5, null, []))),
  // Half of a character, anywhere text is checked.
  ...(['note', 'name', 'origin'] as const).map((field) =>
    set(field, fc.constantFrom('cut \ud83d', '\udfff', 'a\ud800b')),
  ),
  set('aliases', fc.constantFrom(['\ud800'], ['ok', 'x\udc00'])),
  set('links', fc.constant([{ title: '\ud83d', url: 'https://e.org/' }])),
  set('matchCase', fc.constant({ '\udfff': 'any' })),
  set('kind', fc.constantFrom('planet', 'Person', '', 0)),
  set(
    'links',
    fc.oneof(
      fc.constantFrom(
        [{ url: 'javascript:alert(1)' }],
        [{ url: 'ftp://example.org/' }],
        [{ title: 'no url' }],
        {},
        'https://example.org/',
      ),
      fc.constant([{ url: 'https://example.org/'.padEnd(LIMITS.url + 1, 'p') }]),
      fc.constant([{ title: 't'.repeat(LIMITS.linkTitle + 1), url: 'https://example.org/' }]),
    ),
  ),
  set(
    'sources',
    fc.oneof(
      fc.constantFrom([{ url: 'data:text/html,x' }], [{}], [{ url: 'https://e.org/', at: 5 }]),
      fc.constant([{ url: 'https://e.org/', quote: 'q'.repeat(LIMITS.quote + 1) }]),
      fc.constant([{ url: 'https://e.org/', at: 'a'.repeat(LIMITS.at + 1) }]),
      fc.constant([{ url: 'https://e.org/', title: 't'.repeat(LIMITS.sourceTitle + 1) }]),
      fc.constant([{ url: 'https://e.org/', license: 'l'.repeat(LIMITS.sourceLicense + 1) }]),
    ),
  ),
  set(
    'matchCase',
    fc.constantFrom({ A: 'upper' }, { ['k'.repeat(LIMITS.alias + 1)]: 'any' }, 5, 'any'),
  ),
  set('id', fc.oneof(tooLong(200), fc.constantFrom('', ' ', 5, {}))),
  set('origin', fc.oneof(tooLong(200), fc.constantFrom('', 5))),
  set('createdAt', fc.constantFrom('yesterday', 5, '2020-01-01', '2020-01-01T00:00:00+01:00')),
  set('updatedAt', fc.constantFrom('2020-01-01T00:00:00.0000Z', null)),
  unknownKey.chain((key) =>
    set(
      key,
      fc.oneof(
        fc.constant(nested(LIMITS.extraDepth + 1)),
        fc.constant('x'.repeat(LIMITS.extraChars - 1)),
      ),
    ),
  ),
);

/** A header field broken (past its limit, of the wrong type), and the field to name. */
export const headerBreakage: fc.Arbitrary<{ field: string; value: unknown }> = fc.oneof(
  fc
    .constantFrom('title', 'description')
    .chain((field) =>
      fc.constantFrom(
        { field, value: 't'.repeat(field === 'title' ? 301 : 5_001) },
        { field, value: 'cut \ud83d' },
        { field, value: 5 },
      ),
    ),
  fc.constantFrom(
    { field: 'format', value: 'backstory-pack ' },
    { field: 'version', value: 2 },
    { field: 'version', value: '1' },
    { field: 'backup', value: { id: ' ', exportedAt: '2020-01-01T00:00:00Z' } },
    { field: 'backup', value: { id: 'b', exportedAt: 'now' } },
    { field: 'backup', value: [] },
    { field: 'entities', value: {} },
  ),
);

/** Any JSON value, a long text among them: what a file may hold where a field should be. */
const anyValue = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: anyText(10).map((s) => s.padEnd(5_000, 'w')) },
  { weight: 1, arbitrary: anyText(10).map((s) => ({ [s.padEnd(5_000, 'k')]: s })) },
);

/** A pack whose header fields and entries may hold values of any type. */
export const junkPack = fc
  .tuple(
    header,
    fc.dictionary(fc.constantFrom('format', 'version', 'title', 'entities', 'backup'), anyValue, {
      maxKeys: 1,
    }),
    fc.array(
      fc.oneof(
        validEntry.map((e) => e.raw),
        anyValue,
        fc
          .tuple(validEntry, fc.constantFrom(...KNOWN), anyValue)
          .map(([e, key, value]) => ({ ...e.raw, [key]: value })),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([head, wrong, entities]) => packText({ ...head, ...wrong }, entities));
