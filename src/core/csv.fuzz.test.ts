/**
 * Property tests of the CSV reader and writer (src/test-setup/fuzz.ts says
 * how to run more of them, or replay a seed): whatever the text, parsing
 * returns; a well-formed file gives back its cells; what writeCsv writes,
 * at every limit, reads back the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv, type CsvParseResult } from './csv';
import type { Entity } from './entity';
import { describeIssue, type PackEntity } from './pack';
import { anyText, fuzzParams } from '../test-setup/fuzz';
import {
  anyLayout,
  anyTable,
  LINE_ENDS,
  notesTable,
  sound,
  writeRows,
} from '../test-setup/fuzz-csv';
import { validEntries } from '../test-setup/fuzz-pack';

const READABLE = 500;

/** Entities as stored, from what a file gave. */
const stored = (entities: readonly PackEntity[]): Entity[] =>
  entities.map((e, i) => ({
    ...e,
    id: e.id ?? `generated-${i}`,
    origin: 'sheet',
    createdAt: 0,
    updatedAt: 0,
  }));

/** What a CSV file carries of an entity. */
const basic = ({ id, name, aliases, kind, tags, note }: PackEntity) => ({
  id,
  name,
  aliases,
  kind,
  tags,
  note,
});

function expectSound(result: CsvParseResult) {
  const entities = result.ok ? result.entities : result.valid;
  if (entities.length) {
    const again = parseCsv(writeCsv(stored(entities)));
    expect(again.ok && again.entities.map(basic)).toEqual(stored(entities).map(basic));
  }
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    const text = describeIssue(issue);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(READABLE);
    if (issue.entry !== undefined) expect(issue.entry).toBeGreaterThanOrEqual(1);
  }
}

describe('parseCsv, fuzzed', () => {
  it('returns for any text: accepted rows that write and read back, or readable problems', () => {
    const text = fc.oneof(
      fc.tuple(anyTable, anyLayout).map(([rows, layout]) => writeRows(rows, layout)),
      fc.tuple(notesTable, anyLayout).map(([{ rows }, layout]) => writeRows(rows, layout)),
      anyText(80),
    );
    fc.assert(
      fc.property(text, (csv) => expectSound(parseCsv(csv))),
      fuzzParams(1301, 200),
    );
  });

  it('gives back the cells of a well-formed file: any quoting, line end, byte order mark', () => {
    fc.assert(
      fc.property(notesTable, sound, ({ rows, expected }, layout) => {
        const result = parseCsv(writeRows(rows, layout));
        expect(result.ok ? [] : result.issues.map(describeIssue)).toEqual([]);
        expect(result.ok && result.entities).toEqual(expected);
      }),
      fuzzParams(1302, 150),
    );
  });

  it('ends a row at any line end, also in a file that mixes them', () => {
    const mixed = sound.chain((layout) =>
      fc
        .array(fc.constantFrom(...LINE_ENDS), { minLength: 2, maxLength: 6 })
        .map((ends) => ({ ...layout, ends })),
    );
    fc.assert(
      fc.property(notesTable, mixed, ({ rows, expected }, layout) => {
        const result = parseCsv(writeRows(rows, layout));
        expect(result.ok ? [] : result.issues.map(describeIssue)).toEqual([]);
        expect(result.ok && result.entities).toEqual(expected);
      }),
      fuzzParams(1303, 150),
    );
  });
});

describe('writeCsv, fuzzed', () => {
  it('writes what parseCsv reads back unchanged, at every limit', () => {
    fc.assert(
      fc.property(validEntries(4), (entries) => {
        const entities = stored(entries.map((e) => e.expected));
        const result = parseCsv(writeCsv(entities));
        expect(result.ok ? [] : result.issues.map(describeIssue)).toEqual([]);
        expect(result.ok && result.entities.map(basic)).toEqual(entities.map(basic));
      }),
      fuzzParams(1304, 100),
    );
  });
});
