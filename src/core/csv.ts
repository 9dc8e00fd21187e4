/**
 * CSV import and export of notes (DESIGN.md section 3): a header row, then one
 * row per entity with the columns id, name, aliases, kind, tags and note;
 * aliases and tags are separated by `|`. Rows obey the pack's rules (pack.ts):
 * the same schema, limits and issue codes, with `entry` the row number after
 * the header. Links, sources and unknown pack fields have no column.
 */
import Papa from 'papaparse';
import { oneRowEnd } from './csv-rows';
import type { Entity } from './entity';
import { checkEntries, type PackEntity, type PackIssue, type RawEntry } from './pack';

export const CSV_COLUMNS = ['id', 'name', 'aliases', 'kind', 'tags', 'note'] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** Like PackParseResult: a failure still carries the rows that passed. */
export type CsvParseResult =
  { ok: true; entities: PackEntity[] } | { ok: false; issues: PackIssue[]; valid: PackEntity[] };

/*
 * Spreadsheets run a cell that starts with = + - @ tab or CR as a formula
 * (https://owasp.org/www-community/attacks/CSV_Injection). On writing, such a
 * cell gets a leading `'`, which spreadsheets take as "this is text" and hide
 * (papaparse's escapeFormulae). A cell that already starts with `'`s before
 * one of those characters gets one more, so reading can always strip exactly
 * one `'` from a cell of that shape and give back the text as it was. A
 * hand-written `'=x` therefore reads as `=x`, as a spreadsheet would show it.
 */
const FORMULA_ON_WRITE = /^'*[=+\-@\t\r]/;
const FORMULA_ON_READ = /^'+[=+\-@\t\r]/;

const unescapeFormula = (cell: string) => (FORMULA_ON_READ.test(cell) ? cell.slice(1) : cell);

/*
 * Aliases and tags share one cell, separated by `|`. A `|` or `\` inside an
 * alias or tag is written `\|` or `\\`, so nothing is lost on the way back.
 * Reading turns only those two pairs back and keeps any other backslash, so
 * a hand-written `AC\DC` reads as typed.
 */
const joinList = (items: readonly string[]) =>
  items.map((item) => item.replace(/[\\|]/g, '\\$&')).join('|');

function splitList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  let escaped = false;
  for (const c of cell) {
    if (escaped) {
      current += c === '\\' || c === '|' ? c : `\\${c}`;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === '|') {
      items.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  items.push(escaped ? `${current}\\` : current);
  return items.map((item) => item.trim()).filter(Boolean);
}

const isBlank = (record: readonly string[]) => record.every((cell) => !cell.trim());

const fileIssue = (issue: Omit<PackIssue, 'entry' | 'field'>): CsvParseResult => ({
  ok: false,
  issues: [issue],
  valid: [],
});

/** Column positions from the header row, or the problem with it. */
function columnsOf(header: readonly string[]): Map<Column, number> | CsvParseResult {
  const names = header.map((cell) => cell.trim().toLowerCase());
  const columns = new Map<Column, number>();
  for (const column of CSV_COLUMNS) {
    const at = names.indexOf(column);
    if (at === -1) continue;
    if (names.lastIndexOf(column) !== at) {
      return fileIssue({
        message: `The header row has the column "${column}" more than once.`,
        code: 'duplicateColumn',
        params: [column],
      });
    }
    columns.set(column, at);
  }
  if (!columns.has('name')) {
    let found = header.map((cell) => cell.trim()).join(', ');
    if (found.length > 200) found = `${found.slice(0, 200)}…`;
    return fileIssue({
      message: `The header row has no "name" column (it has: ${found}).`,
      code: 'noNameColumn',
      params: [found],
    });
  }
  return columns;
}

/**
 * Parses a CSV file of notes. Columns are found by name in the header row,
 * in any order and case; only `name` is required, unknown columns are
 * ignored. Blank rows are skipped but counted, so row numbers match the file.
 * An empty kind is 'other'; a kind is matched in any case ("Person").
 */
export function parseCsv(text: string): CsvParseResult {
  // The BOM spreadsheets write (and writeCsv writes) is not part of the header;
  // rows may end in CRLF, LF or CR, also in one file.
  const file = oneRowEnd(text.replace(/^\uFEFF/, ''));
  const { data, errors } = Papa.parse<string[]>(file.text, {
    delimiter: ',',
    ...(file.newline ? { newline: file.newline } : {}),
    header: false,
    skipEmptyLines: false,
  });
  const start = data.findIndex((record) => !isBlank(record));
  if (start === -1) {
    return fileIssue({
      message:
        'This file is empty: a CSV file of notes starts with a header row such as id,name,aliases,kind,tags,note.',
      code: 'emptyFile',
      params: [],
    });
  }
  // Papaparse numbers records from 0, so a record's number after the header is row - start.
  const quoteErrors = new Map<number, string>();
  for (const error of errors) {
    const entry = (error.row ?? 0) - start;
    if (entry < 1) {
      return fileIssue({
        message: `The header row is not valid CSV (${error.message}).`,
        code: 'headerNotCsv',
        params: [error.message],
      });
    }
    if (!quoteErrors.has(entry)) quoteErrors.set(entry, error.message);
  }
  const columns = columnsOf(data[start]!);
  if (!(columns instanceof Map)) return columns;

  const width = data[start]!.length;
  const issues: PackIssue[] = [];
  const rows: RawEntry[] = [];
  data.slice(start + 1).forEach((record, i) => {
    const entry = i + 1;
    if (isBlank(record)) return;
    const quoteError = quoteErrors.get(entry);
    if (quoteError !== undefined) {
      issues.push({
        entry,
        message: `has a quoted field that is not closed properly (${quoteError})`,
        code: 'badQuotes',
        params: [quoteError],
      });
      return;
    }
    // More cells than columns is usually a comma outside quotes: the note would be cut short.
    if (!isBlank(record.slice(width))) {
      issues.push({
        entry,
        message: `has ${record.length} fields, more than the ${width} columns of the header row`,
        code: 'extraFields',
        params: [String(record.length), String(width)],
      });
      return;
    }
    const cell = (column: Column) => {
      const at = columns.get(column);
      return unescapeFormula(at === undefined ? '' : (record[at] ?? ''));
    };
    const id = cell('id');
    const kind = cell('kind').trim().toLowerCase();
    rows.push({
      entry,
      raw: {
        ...(id.trim() ? { id } : {}),
        name: cell('name'),
        aliases: splitList(cell('aliases')),
        ...(kind ? { kind } : {}),
        tags: splitList(cell('tags')),
        note: cell('note'),
      },
    });
  });
  const checked = checkEntries(rows);
  if (!issues.length && !checked.issues.length) return { ok: true, entities: checked.valid };
  const byEntry = (a: PackIssue, b: PackIssue) => (a.entry ?? 0) - (b.entry ?? 0);
  return { ok: false, issues: [...issues, ...checked.issues].sort(byEntry), valid: checked.valid };
}

/**
 * Writes entities as CSV for spreadsheets: a UTF-8 byte order mark (without
 * it Excel reads Hebrew, Turkish or Chinese text as mojibake), CRLF line ends
 * (RFC 4180), fields quoted only where needed, formulas escaped as above.
 */
export function writeCsv(entities: readonly Entity[]): string {
  return csvHead() + csvRows(entities);
}

/** The start of a CSV export: the byte order mark and the header row. */
export function csvHead(): string {
  return `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
}

/** Rows for these entities, each ending with CRLF: an export writes them a page at a time. */
export function csvRows(entities: readonly Entity[]): string {
  if (entities.length === 0) return '';
  const csv = Papa.unparse(
    entities.map((e) => [e.id, e.name, joinList(e.aliases), e.kind, joinList(e.tags), e.note]),
    { newline: '\r\n', escapeFormulae: FORMULA_ON_WRITE },
  );
  return `${withoutTrailingNewlines(csv)}\r\n`;
}

/**
 * `text` without the CRLFs at its end, in one pass from the end: the regular
 * expression it replaces (`/(?:\r\n)*$/`) retries at every CRLF of a note made
 * of them, which is quadratic (100,000 took seconds of the worker).
 */
function withoutTrailingNewlines(text: string): string {
  let end = text.length;
  while (end >= 2 && text[end - 2] === '\r' && text[end - 1] === '\n') end -= 2;
  return text.slice(0, end);
}
