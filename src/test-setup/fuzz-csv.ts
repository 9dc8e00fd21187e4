/**
 * CSV files for the fuzz tests: a table of cells written out with random
 * quoting, line ends, byte order mark, blank lines and delimiters, and, for
 * well-formed files of notes, what parsing must give back.
 */
import fc from 'fast-check';
import { CSV_COLUMNS } from '../core/csv';
import { KINDS } from '../core/entity';
import type { PackEntity } from '../core/pack';
import { anyText, someText, text } from './fuzz';

export interface CsvLayout {
  /** The line end after each row (the last one is cycled), and after the last row or none. */
  ends: string[];
  trailing: boolean;
  bom: boolean;
  delimiter: string;
  /** 'needed': only cells that must be; 'always'; 'never' (cells that need it break the file). */
  quote: 'needed' | 'always' | 'never';
  /** Rows (by position) preceded by a blank line. */
  blanks: number[];
}

export const LINE_ENDS = ['\r\n', '\n', '\r'];

/** Writes rows of cells as CSV text. */
export function writeRows(rows: readonly (readonly string[])[], layout: CsvLayout): string {
  const { ends, delimiter, quote } = layout;
  const needs = (cell: string) => cell.includes(delimiter) || /["\r\n]/.test(cell);
  const field = (cell: string) =>
    quote === 'always' || (quote === 'needed' && needs(cell))
      ? `"${cell.replaceAll('"', '""')}"`
      : cell;
  let text = layout.bom ? '\uFEFF' : '';
  rows.forEach((row, i) => {
    const end = ends[i % ends.length]!;
    if (layout.blanks.includes(i) && i > 0) text += end;
    text += row.map(field).join(delimiter);
    if (i < rows.length - 1 || layout.trailing) text += end;
  });
  return text;
}

/** A layout a spreadsheet could write: commas, one kind of line end, quotes where needed. */
export const sound: fc.Arbitrary<CsvLayout> = fc.record({
  ends: fc.constantFrom(...LINE_ENDS).map((end) => [end]),
  trailing: fc.boolean(),
  bom: fc.boolean(),
  delimiter: fc.constant(','),
  quote: fc.constantFrom('needed' as const, 'always' as const),
  blanks: fc.array(fc.nat(6), { maxLength: 2 }),
});

/** Any layout: mixed line ends, other delimiters, cells left unquoted that need quotes. */
export const anyLayout: fc.Arbitrary<CsvLayout> = fc.record({
  ends: fc.array(fc.constantFrom(...LINE_ENDS), { minLength: 1, maxLength: 4 }),
  trailing: fc.boolean(),
  bom: fc.boolean(),
  delimiter: fc.constantFrom(',', ';', '\t'),
  quote: fc.constantFrom('needed' as const, 'always' as const, 'never' as const),
  blanks: fc.array(fc.nat(6), { maxLength: 2 }),
});

/** A column's name as a person may write it: any case, spaces around. */
const written = (name: string) =>
  fc
    .tuple(fc.mixedCase(fc.constant(name)), fc.constantFrom('', ' ', '  '))
    .map(([n, pad]) => `${pad}${n}${pad}`);

/** A spreadsheet cell that reads back as `text` after a leading formula quote is taken off. */
const unescapeFormula = (cell: string) => (/^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** Items of an alias or tag list, without the characters the list escapes. */
const listItem = someText(6).filter((s) => !/[|\\]/.test(s));

/** A well-formed file of notes: its rows, and the entries parsing must give. */
export const notesTable = fc
  .tuple(
    fc.shuffledSubarray([...CSV_COLUMNS.filter((c) => c !== 'name'), 'comment', 'x'], {
      minLength: 0,
    }),
    fc.nat(),
    fc.array(
      fc.record({
        id: fc.option(someText(6), { nil: undefined }),
        name: someText(10).filter((s) => unescapeFormula(s).trim().length > 0),
        aliases: fc.array(listItem, { maxLength: 3 }),
        kind: fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
        tags: fc.array(listItem, { maxLength: 3 }),
        note: text(20),
        // Columns Backstory does not read: anything.
        other: anyText(5),
      }),
      { maxLength: 5 },
    ),
  )
  .chain(([others, at, records]) => {
    const columns = [...others];
    columns.splice(at % (columns.length + 1), 0, 'name');
    return fc
      .tuple(
        fc.tuple(...columns.map(written)),
        fc.tuple(...records.map((r) => (r.kind ? written(r.kind) : fc.constant('')))),
      )
      .map(([header, kinds]) => {
        const seen = new Set<string>();
        const rows = records.map((r, i) => {
          // An id is unique once trimmed: a repeat is dropped.
          const key = unescapeFormula(r.id ?? '').trim();
          const id = key && !seen.has(key) ? r.id! : '';
          if (id) seen.add(key);
          const cells: Record<string, string> = {
            id,
            name: r.name,
            aliases: r.aliases.join('|'),
            kind: kinds[i]!,
            tags: r.tags.join('|'),
            note: r.note,
          };
          return columns.map((c) => cells[c] ?? r.other);
        });
        const value = (row: readonly string[], column: string) => {
          const i = columns.indexOf(column);
          return unescapeFormula(i === -1 ? '' : row[i]!);
        };
        const list = (cell: string) =>
          cell
            .split('|')
            .map((s) => s.trim())
            .filter(Boolean);
        const expected = rows.map((row): PackEntity => {
          const id = value(row, 'id').trim();
          return {
            ...(id ? { id } : {}),
            name: value(row, 'name').trim(),
            aliases: list(value(row, 'aliases')),
            kind: (value(row, 'kind').trim().toLowerCase() || 'other') as PackEntity['kind'],
            note: value(row, 'note'),
            tags: list(value(row, 'tags')),
            links: [],
            sources: [],
          };
        });
        return { rows: [header, ...rows], expected };
      });
  });

/** Any table: a header from the known columns and others, rows of any cells and length. */
export const anyTable = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...CSV_COLUMNS), anyText(6)), { maxLength: 7 }),
    fc.array(
      fc.array(fc.oneof(anyText(12), fc.constantFrom('"', '""', '"x', 'x"')), { maxLength: 8 }),
      {
        maxLength: 5,
      },
    ),
  )
  .map(([header, rows]) => [header, ...rows]);
