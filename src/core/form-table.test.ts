/**
 * The form table's scan, rule by rule (DESIGN.md section 4): each case is
 * scanned with the table and with the automaton, which must agree, and the
 * marks are what the rule says.
 */
import { describe, expect, it } from 'vitest';
import { foldCodes } from './fold';
import { hashText } from './form-hash';
import { KINDS } from './entity';
import { MAX_FORM_UNITS, MAX_TABLE_ENTITIES, tableSize, valueOf } from './form-table';
import { buildFormTable, buildFormTableSteps, entityKindCodes } from './form-table-build';
import { asTableMatches, scanTable, type TableMatch } from './form-table-scan';
import { compile, scanFolded, type FormInput } from './matcher';

const inputs = (forms: (string | FormInput)[]): FormInput[] =>
  forms.map((f, entity) => (typeof f === 'string' ? { text: f, entity } : f));

/** Kinds for `n` entities, each entity's its index's (so a kind given to another entity shows). */
const someKinds = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % KINDS.length);

/** The table's matches of `text`, after checking they are the automaton's. */
function scanBoth(forms: (string | FormInput)[], text: string): TableMatch[] {
  const given = inputs(forms);
  const m = compile(given);
  const kinds = someKinds(Math.max(0, ...given.map((f) => f.entity + 1)));
  const table = buildFormTable(m, kinds)!;
  const folded = foldCodes(text);
  const found = scanTable(table, text, folded);
  expect(found).toEqual(asTableMatches(scanFolded(m, text, folded), kinds));
  return found!;
}

/** The marked substrings. */
const marks = (forms: (string | FormInput)[], text: string) =>
  scanBoth(forms, text).map((x) => text.slice(x.start, x.end));

describe('scanTable', () => {
  it.each([
    [['Hulusi Akar'], 'Minister Hulusi Akar said', ['Hulusi Akar']],
    [['Hulusi Akar'], 'HULUSI akar', ['HULUSI akar']],
    [['Benny Gantz'], 'Benny\u00a0 Gantz', ['Benny\u00a0 Gantz']],
    [["Gantz's visit"], 'Gantz’s visit', ['Gantz’s visit']],
    [['Erdogan'], 'Erdoğan spoke, Erdog\u0306an too', ['Erdoğan', 'Erdog\u0306an']],
    [['İzmir'], 'IZMIR and izmir and İzmir', ['IZMIR', 'izmir', 'İzmir']],
    [['Straße'], 'STRASSE strasse', ['STRASSE', 'strasse']],
  ])('folds: %j in %j', (forms, text, expected) => {
    expect(marks(forms, text)).toEqual(expected);
  });

  it.each([
    [['US'], 'the US and us and Us', ['US']],
    [['NATO'], 'NATO, nato, Nato', ['NATO']],
    [['NATO'], 'NA\u00adTO and NA\u200bTO', ['NA\u00adTO', 'NA\u200bTO']],
    [['Nato'], 'NATO, nato', ['NATO', 'nato']],
    [[{ text: 'IDF', entity: 0, caseSensitive: false }], 'idf', ['idf']],
    [[{ text: 'Apple', entity: 0, caseSensitive: true }], 'apple Apple', ['Apple']],
  ])('case: %j in %j', (forms, text, expected) => {
    expect(marks(forms, text)).toEqual(expected);
  });

  it.each([
    [['Akar'], 'Akarsu', []],
    [['Tunis'], 'Tunisia and Tunis.', ['Tunis']],
    [['Gantz'], "Gantz's Gantz’ Gantz-led", ['Gantz', 'Gantz', 'Gantz']],
    [['Akar'], "Akar'ın", ['Akar']],
    [['G7'], 'G7 G70', ['G7']],
    [['北京'], '在北京市', ['北京']],
    [['NATO'], 'NATO加盟国', ['NATO']],
    [['Akar'], 'x\u0301Akar', []],
    [['Inc.'], 'Inc.x Inc. x', ['Inc.']],
    [['กรุงเทพ'], 'ไปกรุงเทพฯ', ['กรุงเทพ']],
    [['हिंदी'], 'हिंदीभाषा हिंदी', ['हिंदी']],
  ])('word edges: %j in %j', (forms, text, expected) => {
    expect(marks(forms, text)).toEqual(expected);
  });

  it('takes the leftmost, then the longest, never overlapping', () => {
    const forms = ['Defence Minister', 'Hulusi Akar', 'Akar', 'Turkish Defence'];
    expect(marks(forms, 'Defence Minister Hulusi Akar')).toEqual([
      'Defence Minister',
      'Hulusi Akar',
    ]);
    expect(marks(forms, 'Turkish Defence Minister Hulusi Akar')).toEqual([
      'Turkish Defence',
      'Hulusi Akar',
    ]);
  });

  it('goes on past an edge prefix, and stops where no form goes on', () => {
    const forms = ['Bank of England', 'Bank', 'England'];
    expect(marks(forms, 'the Bank of England, the Bank of Englandia, Bank of Spain')).toEqual([
      'Bank of England',
      'Bank',
      'Bank',
    ]);
    // "Hulusi" is no form, only an edge prefix of one.
    expect(marks(['Hulusi Akar'], 'Hulusi Akarsu, Hulusi')).toEqual([]);
  });

  it('between patterns of one folded form, takes the first whose case fits', () => {
    // "US" (exact, entity 0) and "us" (any case, entity 1) fold alike.
    const forms: FormInput[] = [
      { text: 'US', entity: 0 },
      { text: 'us', entity: 1, caseSensitive: false },
      { text: 'Us', entity: 2, caseSensitive: true },
    ];
    expect(scanBoth(forms, 'US').map((x) => x.entity)).toEqual([0]);
    expect(scanBoth(forms, 'Us uS').map((x) => x.entity)).toEqual([1, 1]);
    // The any-case form first: it takes every case.
    const anyFirst: FormInput[] = [
      { text: 'us', entity: 0, caseSensitive: false },
      { text: 'US', entity: 1 },
    ];
    expect(scanBoth(anyFirst, 'US').map((x) => x.entity)).toEqual([0]);
    // Two exact forms: each its own case; a third case, none.
    const exact: FormInput[] = [
      { text: 'Us', entity: 0, caseSensitive: true },
      { text: 'US', entity: 1, caseSensitive: true },
    ];
    expect(scanBoth(exact, 'US Us us').map((x) => x.entity)).toEqual([1, 0]);
  });

  it('reports each form’s first entity (a later duplicate adds nothing)', () => {
    const forms: FormInput[] = [
      { text: 'Gantz', entity: 0 },
      { text: 'GANTZ', entity: 1, caseSensitive: false },
    ];
    expect(scanBoth(forms, 'Gantz').map((x) => [x.entity, x.kind])).toEqual([[0, 0]]);
  });

  it('reads surrogate pairs as one character, and lone halves as none', () => {
    expect(marks(['😀 Party'], 'the 😀 Party')).toEqual(['😀 Party']);
    // U+20000 is Han: no edge needed beside it.
    expect(marks(['𠀀北'], 'a𠀀北b 中𠀀北')).toEqual(['𠀀北', '𠀀北']);
    expect(marks(['ab'], '\ud83dab \ude00ab')).toEqual(['ab', 'ab']);
    // Forms with lone halves match as the automaton matches them.
    marks(['\udc00x', 'y\ud800'], '\ud800\udc00x y\ud800\udc00 \udc00x y\ud800');
    // A scan may start between the halves of a pair: the pair (Han) then needs no edge after it.
    expect(marks(['\udc00x'], '\ud840\udc00x')).toEqual(['\udc00x']);
    // Found by the property test (form-table-reference.test.ts), shrunk.
    expect(marks(['\ude00a'], '𠈀a')).toEqual(['\ude00a']);
  });

  it('never lets a mark cross a NUL separator or a character in no form', () => {
    expect(marks(['Hulusi Akar'], 'Hulusi\u0000Akar Hulusi\u0000 Akar')).toEqual([]);
    expect(marks(['ab'], 'ab\u0000ab')).toEqual(['ab', 'ab']);
    expect(marks(['a-b'], 'a–b a+b')).toEqual(['a–b']);
  });

  it('maps marks back to the original characters', () => {
    const text = 'x  Hulusi\u00ad \u200bAkar\u0301 y';
    const [m] = scanBoth(['Hulusi Akar'], text);
    expect(text.slice(m!.start, m!.end)).toBe('Hulusi\u00ad \u200bAkar\u0301');
  });

  it('gives up, rather than take long, where forms share long prefixes the text repeats', () => {
    // Each "a" starts a candidate that runs on for 199 units, to fail for want of the "b".
    const form = `${'a '.repeat(99)}b`;
    const m = compile(inputs([form]));
    const t = buildFormTable(m, new Uint8Array(1))!;
    const text = 'a '.repeat(50_000);
    expect(scanTable(t, text, foldCodes(text))).toBeNull();
    // Shorter, within the budget of steps: found as the automaton finds it.
    const short = `${'a '.repeat(5)}${form}`;
    expect(marks([form], short)).toEqual([form]);
  });

  it('scans an empty dictionary and an empty text', () => {
    expect(marks([], 'anything')).toEqual([]);
    expect(marks(['x'], '')).toEqual([]);
    expect(marks(['  '], 'x  y')).toEqual([]);
  });
});

describe('buildFormTable', () => {
  it('keeps the compile’s leftOutFrom', () => {
    const m = compile(inputs(['Ankara', 'Istanbul']), { units: 7, forms: 10 });
    const t = buildFormTable(m, new Uint8Array(2))!;
    expect(t.leftOutFrom).toBe(1);
    const text = 'Ankara Istanbul';
    expect(scanTable(t, text, foldCodes(text))!.map((x) => x.entity)).toEqual([0]);
  });

  it('marks each entity with its kind', () => {
    const m = compile(inputs(['A', 'B']));
    const kinds = entityKindCodes([
      { id: 'a', kind: 'place' },
      { id: 'b', kind: 'person' },
    ]);
    const t = buildFormTable(m, kinds)!;
    expect(t.entities).toBe(2);
    expect(scanTable(t, 'A B', foldCodes('A B'))!.map((x) => [x.entity, x.kind])).toEqual([
      [0, 2],
      [1, 0],
    ]);
    expect(() => buildFormTable(m, new Uint8Array(1))).toThrow(RangeError);
  });

  it('gives no table for more entities than a value can name', () => {
    const m = compile(inputs(['A', 'B']));
    expect(buildFormTable(m, new Uint8Array(MAX_TABLE_ENTITIES))).not.toBeNull();
    expect(buildFormTable(m, new Uint8Array(MAX_TABLE_ENTITIES + 1))).toBeNull();
  });

  it('refuses a form longer than any note’s', () => {
    const long = 'a'.repeat(MAX_FORM_UNITS + 1);
    expect(buildFormTable(compile(inputs([long])), new Uint8Array(1))).toBeNull();
    expect(buildFormTable(compile(inputs([long.slice(1)])), new Uint8Array(1))).not.toBeNull();
  });

  it('takes 10 bytes per entry, besides 16 KB', () => {
    // Each form an entry, and "name<i>" an edge prefix of it: 2 entries per form.
    const forms = Array.from({ length: 5_000 }, (_, i) => `Name${i} Surname${i % 97}`);
    const t = buildFormTable(compile(inputs(forms)), new Uint8Array(forms.length))!;
    const { bytes, entries, choices } = tableSize(t);
    expect([entries, choices]).toEqual([10_000, 0]);
    // Key 6, value 3, the directory at most 1 (a word per 4 entries or more); the bit sets, the header.
    expect(bytes).toBeLessThanOrEqual(10 * entries + 16_384 + 48);
  });

  it('builds in steps, to the same table', () => {
    const forms = Array.from({ length: 20_000 }, (_, i) => `Name${i} Surname${i % 97}`);
    const m = compile(inputs(forms));
    const steps = buildFormTableSteps(m, new Uint8Array(forms.length));
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    // 20,000 forms make 218,000 trie nodes: a pause every 32,768 walked, and between phases.
    expect(pauses).toBeGreaterThan(5);
    const whole = buildFormTable(m, new Uint8Array(forms.length))!;
    expect(Buffer.from(step.value!.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
  });

  it('gives no table past the bytes allowed', () => {
    const m = compile(inputs(['Hulusi Akar', 'Akar']));
    const bytes = buildFormTable(m, new Uint8Array(2))!.buffer.byteLength;
    expect(buildFormTable(m, new Uint8Array(2), bytes)).not.toBeNull();
    expect(buildFormTable(m, new Uint8Array(2), bytes - 1)).toBeNull();
  });

  it('gives a folded form that keeps a case its patterns as choices, in order', () => {
    const t = buildFormTable(compile(inputs(['NATO', 'nato', 'Akar'])), someKinds(3))!;
    // One entry ("nato") has choices: an exact-case pattern first, with its text's hash.
    expect(t.choosyEntry).toHaveLength(1);
    expect([...t.choiceStart]).toEqual([0, 2]);
    expect([...t.choiceValue]).toEqual([valueOf(0, 0, true), valueOf(1, 1, false)]);
    expect([...t.choiceHash]).toEqual([...hashText('NATO', t.seed), 0, 0]);
    // An exact-case form alone has its one choice.
    const alone = buildFormTable(compile(inputs(['NATO'])), someKinds(1))!;
    expect([...alone.choiceValue]).toEqual([valueOf(0, 0, true)]);
  });
});
