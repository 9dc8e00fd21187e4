import fc from 'fast-check';
import { makeEntity } from '../test-setup/fixtures';
import { describe, expect, it } from 'vitest';
import { csvHead, csvRows, parseCsv, writeCsv } from './csv';
import { KINDS, type Entity } from './entity';
import { describeIssue, LIMITS } from './pack';

const entitiesOf = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.issues.map(describeIssue).join('\n'));
  return result.entities;
};

const problemsOf = (text: string) => {
  const result = parseCsv(text);
  if (result.ok) throw new Error('expected an invalid file');
  return result.issues.map(describeIssue);
};

const entity = (fields: Partial<Entity>): Entity =>
  makeEntity({ id: 'e1', name: 'Hulusi Akar', createdAt: 1, updatedAt: 2, ...fields });

describe('parseCsv', () => {
  it('reads a name-only file, filling defaults', () => {
    expect(entitiesOf('name\nHulusi Akar\n')).toEqual([
      {
        name: 'Hulusi Akar',
        aliases: [],
        kind: 'other',
        note: '',
        tags: [],
        links: [],
        sources: [],
      },
    ]);
  });

  it('finds columns by name in any order and case, ignoring unknown ones', () => {
    const [e] = entitiesOf('Note,Comment, NAME ,ID\nx,ignored,A,a1\n');
    expect(e).toMatchObject({ id: 'a1', name: 'A', note: 'x' });
  });

  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    const [e] = entitiesOf(
      'name,note\r\n"Akar, Hulusi","He said ""no"".\r\nSecond line, too."\r\n',
    );
    expect(e).toMatchObject({ name: 'Akar, Hulusi', note: 'He said "no".\r\nSecond line, too.' });
  });

  it('strips a leading byte order mark', () => {
    expect(entitiesOf('\uFEFFname\nA')[0]!.name).toBe('A');
  });

  it('reads CRLF and LF files alike', () => {
    const text = 'name,note\nA,x\nB,"y\nz"\n';
    expect(entitiesOf(text.replaceAll('\n', '\r\n')).map((e) => e.note)).toEqual(['x', 'y\r\nz']);
    expect(entitiesOf(text).map((e) => e.note)).toEqual(['x', 'y\nz']);
  });

  it('keeps Hebrew, Turkish and Chinese text', () => {
    const [e] = entitiesOf('name,aliases,note\nבני גנץ,Gantz|Ganç,以色列国防部长\n');
    expect(e).toMatchObject({
      name: 'בני גנץ',
      aliases: ['Gantz', 'Ganç'],
      note: '以色列国防部长',
    });
  });

  it('splits aliases and tags on |, trimming and dropping empty pieces', () => {
    const [e] = entitiesOf('name,aliases,tags\nA, Akar | |Hulusi ,turkey||defence|\n');
    expect(e).toMatchObject({ aliases: ['Akar', 'Hulusi'], tags: ['turkey', 'defence'] });
  });

  it('reads an empty kind as other, and a kind in any case', () => {
    expect(entitiesOf('name,kind\nA,\nB,Person\n').map((e) => e.kind)).toEqual(['other', 'person']);
  });

  it('keeps HTML and script text verbatim: it is data, shown as plain text elsewhere', () => {
    const note = '<script>alert(1)</script><img src=x onerror="alert(2)">';
    const [e] = entitiesOf(`name,note\n<b>A</b>,"${note.replaceAll('"', '""')}"\n`);
    expect(e).toMatchObject({ name: '<b>A</b>', note });
  });

  it('skips blank rows but counts them in row numbers', () => {
    expect(problemsOf('name,note\n\nA\n,\n ,x\n')).toEqual([
      'Entry 4, field name: must not be empty',
    ]);
  });

  it.each([
    ['an empty file', '', /This file is empty/],
    ['a file of blank lines', '\uFEFF\r\n\r\n', /This file is empty/],
    ['no name column', 'title,note\nA,x\n', /no "name" column \(it has: title, note\)/],
    ['a repeated column', 'name,note,Note\nA,x,y\n', /the column "note" more than once/],
    ['a broken header', '"name,note\nA,x\n', /header row is not valid CSV/],
  ])('rejects %s', (_, text, message) => {
    const result = parseCsv(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(describeIssue).join('\n')).toMatch(message);
    expect(result.valid).toEqual([]);
  });

  it('names the row and field of an empty name', () => {
    expect(problemsOf('name,note\nA,x\n  ,y\n')).toEqual([
      'Entry 2, field name: must not be empty',
    ]);
  });

  it('rejects a kind outside the list', () => {
    expect(problemsOf('name,kind\nA,planet\n')).toEqual([
      'Entry 1, field kind: must be one of person, organization, place, topic, other',
    ]);
  });

  it('rejects a note over the size limit', () => {
    expect(problemsOf(`name,note\nA,${'x'.repeat(LIMITS.note + 1)}\n`)).toEqual([
      'Entry 1, field note: longer than 100,000 characters',
    ]);
  });

  it('rejects repeated ids', () => {
    expect(problemsOf('id,name\na,A\nb,B\na,C\n')).toEqual([
      'Entry 3, field id: repeats the id of entry 1',
    ]);
  });

  it('rejects a row with a broken quoted field', () => {
    expect(problemsOf('name,note\nA,x\nB,"unclosed\n')).toEqual([
      'Entry 2: has a quoted field that is not closed properly (Quoted field unterminated)',
    ]);
  });

  it('rejects a row with more fields than columns, as from a comma outside quotes', () => {
    expect(problemsOf('name,note\nA,cut, short\nB,x,,\n')).toEqual([
      'Entry 1: has 3 fields, more than the 2 columns of the header row',
    ]);
  });

  it('gives back the valid rows along with the issues, in row order', () => {
    const result = parseCsv('id,name,kind\n1,A,\n2,,\n3,C,planet\n1,D,\n5,E,"x\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.valid.map((e) => e.name)).toEqual(['A']);
    expect(result.issues.map((i) => [i.entry, i.code])).toEqual([
      [2, 'empty'],
      [3, 'notOneOf'],
      [4, 'duplicateId'],
      [5, 'badQuotes'],
    ]);
  });
});

describe('writeCsv', () => {
  it('writes a byte order mark, the header and CRLF line ends, quoting only where needed', () => {
    const csv = writeCsv([
      entity({ aliases: ['Akar', 'Hulusi'], tags: ['turkey'], note: 'Minister, 2018–2023\n"MoD"' }),
    ]);
    expect(csv).toBe(
      '\uFEFFid,name,aliases,kind,tags,note\r\n' +
        'e1,Hulusi Akar,Akar|Hulusi,person,turkey,"Minister, 2018–2023\n""MoD"""\r\n',
    );
  });

  it('writes a note made of line breaks, the largest there may be, and reads it back', () => {
    const note = '\r\n'.repeat(LIMITS.note / 2);
    const csv = writeCsv([entity({ note })]);
    expect(csv.endsWith('"\r\n')).toBe(true);
    expect(csv.endsWith('\r\n\r\n')).toBe(false);
    expect(entitiesOf(csv)[0]!.note).toBe(note);
  });

  it('writes a page at a time exactly what it writes at once', () => {
    const list = [
      entity({ note: 'a,b\r\n"c"' }),
      entity({ id: 'x2', note: '=1+1' }),
      entity({ id: 'x3' }),
    ];
    const paged = csvHead() + csvRows(list.slice(0, 1)) + csvRows([]) + csvRows(list.slice(1));
    expect(paged).toBe(writeCsv(list));
    expect(parseCsv(paged).ok).toBe(true);
  });

  it('writes only the header when there is nothing to write', () => {
    expect(writeCsv([])).toBe('\uFEFFid,name,aliases,kind,tags,note\r\n');
  });

  it('escapes cells a spreadsheet would run as formulas, and reads them back', () => {
    const risky = entity({
      name: '=HYPERLINK("http://evil.example","click")',
      aliases: ['@SUM(A1)', '+1'],
      tags: ['-x'],
      note: "'=already quoted",
    });
    const csv = writeCsv([risky]);
    // No cell, quoted or not, starts with a formula character.
    expect(csv.split('\r\n')[1]).not.toMatch(/(^|,)"?[=+\-@\t\r]/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain(`"''=already quoted"`);
    expect(entitiesOf(csv)[0]).toMatchObject({
      name: risky.name,
      aliases: risky.aliases,
      tags: risky.tags,
      note: risky.note,
    });
  });

  it('escapes | and \\ inside an alias or tag, and reads them back', () => {
    const csv = writeCsv([entity({ aliases: ['AC|DC', 'back\\slash'], tags: ['a\\|b'] })]);
    expect(csv).toContain('AC\\|DC|back\\\\slash');
    expect(entitiesOf(csv)[0]).toMatchObject({
      aliases: ['AC|DC', 'back\\slash'],
      tags: ['a\\|b'],
    });
  });

  it('keeps a hand-written backslash that escapes nothing', () => {
    expect(entitiesOf('name,aliases\nA,AC\\DC|end\\\n')[0]!.aliases).toEqual(['AC\\DC', 'end\\']);
  });

  it('writes what parseCsv reads back unchanged', () => {
    // Any Unicode, with the characters that matter to CSV, formulas and lists made common.
    const unit = fc.oneof(
      fc.constantFrom(...'|\\\'=+-@\t\r\n", \uFEFFבç中'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    const trimmed = (max: number) =>
      fc
        .string({ unit, minLength: 1, maxLength: Math.min(max, 30) })
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    const arbitraryEntity = fc.record({
      id: trimmed(200),
      name: trimmed(LIMITS.name),
      aliases: fc.array(trimmed(LIMITS.alias), { maxLength: 5 }),
      kind: fc.constantFrom(...KINDS),
      tags: fc.array(trimmed(LIMITS.tag), { maxLength: 5 }),
      note: fc.string({ unit, maxLength: 200 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryEntity, { selector: (e) => e.id, maxLength: 5 }),
        (fields) => {
          const entities = fields.map((f) => entity(f));
          expect(entitiesOf(writeCsv(entities))).toEqual(
            fields.map((f) => ({ ...f, links: [], sources: [] })),
          );
        },
      ),
    );
  });
});

describe('regressions found by the fuzz tests (csv.fuzz.test.ts)', () => {
  // Seed 1303: papaparse takes one line end for a whole file, so in a file that mixes CRLF and
  // LF (edited in two programs, joined from two files) rows ran together: one note named " !\n".
  it('ends a row at any line end, also in a file that mixes them; quoted line breaks are text', () => {
    expect(entitiesOf('name\r\n !\n \u0000\r\n').map((e) => e.name)).toEqual(['!', '\u0000']);
    expect(
      entitiesOf('name,note\nA,"x\r\ny"\r\nB,"5"" \r tall"\rC,plain\n').map((e) => [
        e.name,
        e.note,
      ]),
    ).toEqual([
      ['A', 'x\r\ny'],
      ['B', '5" \r tall'],
      ['C', 'plain'],
    ]);
    // A quote inside an unquoted field is a character, and starts nothing.
    expect(entitiesOf('name,note\r\nA,5" screen\nB,x\r\n').map((e) => [e.name, e.note])).toEqual([
      ['A', '5" screen'],
      ['B', 'x'],
    ]);
  });
});
