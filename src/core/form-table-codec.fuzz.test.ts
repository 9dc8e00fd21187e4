/**
 * The form table as a message (src/test-setup/fuzz.ts says how to run more
 * of these): it reads back as it was sent, and a buffer that is not a sound
 * table (random bytes, a sound one with words changed, each part spoilt on
 * purpose) is refused, or scanned safely: never a throw, never a read out of
 * range, never an endless scan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../test-setup/fuzz';
import { KINDS } from './entity';
import { foldCodes } from './fold';
import {
  CHOOSY,
  entryValueAt,
  HEADER,
  HEADER_BYTES,
  MAGIC,
  MAX_FORM_UNITS,
  MAX_TABLE_ENTITIES,
  SHAPE,
  tableBytes,
  VALUE,
  valueOf,
  type FormTable,
  type Header,
} from './form-table';
import { buildFormTable } from './form-table-build';
import { formTableOf, readFormTable } from './form-table-codec';
import { scanTable } from './form-table-scan';
import { compile, type FormInput } from './matcher';

const TEXTS = [
  'Hulusi Akar',
  'Akar',
  'US',
  'us',
  'Us',
  'NATO',
  'Bank of England',
  '北京',
  '😀 Party',
];
const forms = (texts: string[]): FormInput[] =>
  texts.map((text, entity) => ({ text, entity, ...(text === 'us' && { caseSensitive: false }) }));
const fresh = () =>
  buildFormTable(
    compile(forms(TEXTS)),
    Uint8Array.from(TEXTS, (_, i) => i % KINDS.length),
  )!;
const SAMPLE = 'Hulusi Akar and the US, us, NATO; the Bank of England in 北京 and the 😀 Party.';

/** A copy of `t`'s bytes. */
const bytesOf = (t: FormTable) => new Uint8Array(t.buffer.slice(0));
/** Whether two tables' buffers hold the same bytes (toEqual reads them one by one, slowly). */
const sameBytes = (a: FormTable | null, b: FormTable) =>
  a !== null && Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

/**
 * Scans `text` with `t`, which must end, and checks what the scan could
 * get wrong from a hostile table and still must not: the marks lie in the
 * text, in order, without overlap, each naming an entity the table has
 * and a kind.
 */
function scanSafely(t: FormTable, text: string): void {
  // Null: the scan gave up past its budget of steps, which is safe too.
  const found = scanTable(t, text, foldCodes(text)) ?? [];
  let lastEnd = 0;
  for (const m of found) {
    expect(m.start).toBeGreaterThanOrEqual(lastEnd);
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(text.length);
    expect(m.entity >= 0 && m.entity < t.entities).toBe(true);
    expect(m.kind >= 0 && m.kind < KINDS.length).toBe(true);
    lastEnd = m.end;
  }
}

describe('readFormTable', () => {
  it('reads back the table as it was sent', () => {
    const t = fresh();
    const back = readFormTable(structuredClone(t.buffer))!;
    expect(sameBytes(back, t)).toBe(true);
    expect(scanTable(back, SAMPLE, foldCodes(SAMPLE))).toEqual(
      scanTable(t, SAMPLE, foldCodes(SAMPLE)),
    );
  });

  it('reads back every table a build makes', () => {
    const piece = fc.constantFrom('a', 'b', 'A', 'B', ' ', '-', '中', 'ß', '😀', '\udc00');
    const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), (texts) => {
        const t = buildFormTable(compile(forms(texts)), new Uint8Array(texts.length))!;
        expect(sameBytes(readFormTable(t.buffer.slice(0)), t)).toBe(true);
      }),
      fuzzParams(1441, 300),
    );
  });

  it.each([
    null,
    undefined,
    42,
    {},
    [],
    '',
    'QUJD',
    new ArrayBuffer(0),
    new ArrayBuffer(HEADER_BYTES),
    new Uint8Array(64),
    new DataView(new ArrayBuffer(64)),
  ])('refuses what is not a table: %o', (value) => {
    expect(readFormTable(value)).toBeNull();
  });

  const spoils: [string, (t: FormTable, words: Int32Array) => void][] = [
    ['another magic number', (_, w) => (w[HEADER.indexOf('magic')] = 0)],
    ['another shape', (_, w) => (w[HEADER.indexOf('shape')] = SHAPE + 1)],
    ['more buckets than the buffer holds', (_, w) => (w[HEADER.indexOf('bucketBits')]! += 1)],
    ['bucket bits past 16', (_, w) => (w[HEADER.indexOf('bucketBits')] = 17)],
    ['negative bucket bits', (_, w) => (w[HEADER.indexOf('bucketBits')] = -1)],
    [
      'a longest form past any note’s',
      (_, w) => (w[HEADER.indexOf('maxLength')] = MAX_FORM_UNITS + 1),
    ],
    ['a negative longest form', (_, w) => (w[HEADER.indexOf('maxLength')] = -1)],
    ['leftOutFrom below -1', (_, w) => (w[HEADER.indexOf('leftOutFrom')] = -2)],
    ['an entry count the buffer does not hold', (_, w) => (w[HEADER.indexOf('entries')]! += 1)],
    ['a negative count', (_, w) => (w[HEADER.indexOf('choosy')] = -1)],
    ['a huge count', (_, w) => (w[HEADER.indexOf('choices')] = 2 ** 30)],
    ['a negative entity count', (_, w) => (w[HEADER.indexOf('entities')] = -1)],
    [
      'more entities than a value names',
      (_, w) => (w[HEADER.indexOf('entities')] = MAX_TABLE_ENTITIES + 1),
    ],
    ['a first bucket not at 0', (t) => (t.bucketStart[0] = 1)],
    ['a last bucket short of the entries', (t) => (t.bucketStart[t.bucketStart.length - 1]! -= 1)],
    [
      'buckets going back',
      (t) => {
        t.bucketStart[1] = t.keyLo.length;
        t.bucketStart[2] = 0;
      },
    ],
    ['entries with choices out of order', (t) => t.choosyEntry.reverse()],
    ['an entry with choices past the last', (t) => (t.choosyEntry[1] = t.keyLo.length)],
    ['a negative entry with choices', (t) => (t.choosyEntry[0] = -1)],
    ['an entry with no choices', (t) => (t.choiceStart[1] = t.choiceStart[0]!)],
    ['choices going back', (t) => (t.choiceStart[1] = -1)],
    ['choices short of the last', (t) => (t.choiceStart[t.choosyEntry.length]! -= 1)],
  ];

  it.each(spoils)('refuse a table with %s', (_, spoil) => {
    const t = fresh();
    // "US", "us", "Us" share a folded form; "NATO" keeps its case alone.
    expect(t.choosyEntry.length).toBeGreaterThan(1);
    expect(t.choiceValue.length).toBeGreaterThan(t.choosyEntry.length);
    const copy = formTableOf(bytesOf(t))!;
    spoil(copy, new Int32Array(copy.buffer, 0, HEADER.length));
    expect(formTableOf(new Uint8Array(copy.buffer))).toBeNull();
    expect(readFormTable(copy.buffer)).toBeNull();
  });

  // Checked where the scan reads them (form-table-check.ts says why): the table is read, and
  // a scan that reaches the spoilt part answers null, so its text goes to the worker.
  const spoiltAtUse: [string, (t: FormTable) => void][] = [
    ['entries naming an entity past the last', (t) => setValues(t, valueOf(t.entities, 0, true))],
    ['entries of a kind past KINDS', (t) => setValues(t, valueOf(0, KINDS.length, true))],
    ['entries naming choices the table lacks', (t) => setValues(t, (CHOOSY << 4) | 1)],
    ['values of every bit', (t) => setValues(t, 0xffffff)],
    ['choices of no entity', (t) => t.choiceValue.fill(valueOf(-1, 0, false))],
    [
      'choices naming an entity past the last',
      (t) => t.choiceValue.fill(valueOf(t.entities, 0, false)),
    ],
    ['choices of every bit', (t) => t.choiceValue.fill(0xffffffff)],
  ];

  /** Every entry's value set to `value`. */
  function setValues(t: FormTable, value: number): void {
    t.valueLow.fill(value & 0xffff);
    t.valueHigh.fill(value >>> 16);
    expect(entryValueAt(t, 0)).toBe(value);
  }

  it.each(spoiltAtUse)('read a table with %s, and answer null from its scan', (_, spoil) => {
    const t = formTableOf(bytesOf(fresh()))!;
    expect(scanTable(t, SAMPLE, foldCodes(SAMPLE))!.length).toBeGreaterThan(0);
    spoil(t);
    const read = readFormTable(t.buffer.slice(0))!;
    expect(read).not.toBeNull();
    expect(scanTable(read, SAMPLE, foldCodes(SAMPLE))).toBeNull();
    // A text that hits nothing is still scanned.
    expect(scanTable(read, 'nothing here', foldCodes('nothing here'))).toEqual([]);
  });

  it('read a table with keys out of order in a bucket, and scan it within its bounds', () => {
    const t = formTableOf(bytesOf(fresh()))!;
    t.bucketStart.fill(0);
    t.bucketStart[t.bucketStart.length - 1] = t.keyLo.length;
    t.keyHi.fill(7);
    const read = readFormTable(t.buffer.slice(0))!;
    expect(read).not.toBeNull();
    scanSafely(read, SAMPLE);
  });

  it('refuse a table cut short, or with bytes after it', () => {
    const bytes = bytesOf(fresh());
    expect(formTableOf(bytes.slice(0, -1))).toBeNull();
    expect(formTableOf(bytes.slice(0, HEADER_BYTES - 1))).toBeNull();
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(formTableOf(longer)).toBeNull();
  });

  it('never throw on random bytes, nor on a sound header over random bytes', () => {
    const header = fc
      .record({
        bucketBits: fc.integer({ min: 0, max: 4 }),
        maxLength: fc.integer({ min: 0, max: 12 }),
        entries: fc.nat(20),
        choosy: fc.nat(3),
        choices: fc.nat(6),
        entities: fc.nat(20),
        seed: fc.integer(),
      })
      .chain((h) => {
        const full: Header = { magic: MAGIC, shape: SHAPE, leftOutFrom: -1, ...h };
        return fc
          .uint8Array({
            minLength: tableBytes(full) - HEADER_BYTES,
            maxLength: tableBytes(full) - HEADER_BYTES,
          })
          .map((rest) => {
            const bytes = new Uint8Array(tableBytes(full));
            new Int32Array(bytes.buffer, 0, HEADER.length).set(HEADER.map((k) => full[k]));
            bytes.set(rest, HEADER_BYTES);
            return bytes;
          });
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), header), (bytes) => {
        const t = formTableOf(bytes);
        if (t) scanSafely(t, SAMPLE);
      }),
      fuzzParams(1442, 600),
    );
  });

  it('never throw, nor scan unsafely, with words of a sound table changed', () => {
    const t = fresh();
    const sound = bytesOf(t);
    const words = sound.length >> 2;
    // Most words are the bit sets of units; the rest hold what the check reads.
    const unitsFrom = t.firstUnits.byteOffset >> 2;
    const unitsTo = (t.formUnits.byteOffset + t.formUnits.byteLength) >> 2;
    const checked = fc
      .nat(words - 1 - (unitsTo - unitsFrom))
      .map((i) => (i < unitsFrom ? i : i + unitsTo - unitsFrom));
    const change = fc.tuple(
      fc.oneof({ weight: 4, arbitrary: checked }, { weight: 1, arbitrary: fc.nat(words - 1) }),
      fc.oneof(fc.integer(), fc.integer({ min: -2, max: 40 })),
    );
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 4 }), (changes) => {
        const bytes = sound.slice();
        const w = new Int32Array(bytes.buffer, 0, words);
        for (const [at, value] of changes) w[at] = value;
        const t = formTableOf(bytes);
        if (t) scanSafely(t, SAMPLE);
      }),
      fuzzParams(1443, 3000),
    );
  });

  it('keep a scan with a sound but hostile table bounded by the longest form', () => {
    // Every unit a form's first, every entry an edge prefix, the longest form the most allowed:
    // a candidate still ends at the first probe the table does not hold, or after maxLength units.
    const t = formTableOf(bytesOf(fresh()))!;
    t.firstUnits.fill(-1);
    t.formUnits.fill(-1);
    t.valueLow.forEach((v, i) => (t.valueLow[i] = v | VALUE.flag));
    t.maxLength = MAX_FORM_UNITS;
    scanSafely(t, '中'.repeat(20_000) + 'a'.repeat(20_000) + SAMPLE.repeat(200));
  });
});
