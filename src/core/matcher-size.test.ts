/**
 * The compiled matcher's size is linear in its input: on inputs built to
 * blow up transition tables, its typed arrays stay within
 * `compiledBytesBound` of the forms' folded length. (With a row of the
 * whole alphabet for every node of 4 edges or more, the first two of these
 * took 148 MB and 104 MB, and Latin beside CJK 161 MB; now 1.6, 3.9 and 9.0.)
 */
import { describe, expect, it } from 'vitest';
import { foldForm } from './fold';
import {
  compile,
  compiledBytesBound,
  DENSE_CELLS_PER_EDGE,
  scan,
  type CompiledMatcher,
  type FormInput,
} from './matcher';

function bytes(m: CompiledMatcher): number {
  let total = 0;
  for (const value of Object.values(m)) if (ArrayBuffer.isView(value)) total += value.byteLength;
  return total;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const char = (c: number) => String.fromCharCode(c);
const forms = (texts: string[]): FormInput[] => texts.map((text, entity) => ({ text, entity }));

/** Compiles `texts` and checks the bound; returns the matcher and the forms' folded length. */
function compileWithinBound(texts: string[]): { m: CompiledMatcher; units: number } {
  const m = compile(forms(texts));
  const units = texts.reduce((n, t) => n + foldForm(t).length, 0);
  expect(m.leftOutFrom).toBe(-1);
  expect(bytes(m)).toBeLessThanOrEqual(compiledBytesBound(units, texts.length));
  // The dense rows alone: at most DENSE_CELLS_PER_EDGE cells (4 bytes) per edge.
  expect(m.dense.length).toBeLessThanOrEqual(DENSE_CELLS_PER_EDGE * m.edgeLabel.length);
  return { m, units };
}

describe('compiled size', () => {
  it('28,000 short forms: 7,000 distinct 2-letter prefixes, 4 endings each from 5,000 characters', () => {
    const texts = Array.from({ length: 28_000 }, (_, i) => {
      const k = i >> 2;
      return (
        char(0x3400 + (k % 84)) +
        char(0x3500 + Math.floor(k / 84)) +
        char(0x4e00 + ((i * 7919) % 5000))
      );
    });
    const { m } = compileWithinBound(texts);
    expect(bytes(m)).toBeLessThan(4_000_000);
  });

  it('CJK forms of 2 or 3 characters from 5,000 distinct ones', () => {
    const rnd = random(1);
    const texts = Array.from({ length: 60_000 }, () => {
      let t = '';
      for (let k = 2 + Math.floor(rnd() * 2); k > 0; k--)
        t += char(0x4e00 + Math.floor(rnd() * 5000));
      return t;
    });
    compileWithinBound(texts);
  });

  it('one node with a child for every code unit that folds to one unit', () => {
    const texts: string[] = [];
    for (let c = 0x21; c < 0x10000; c++) {
      if (foldForm(`q${char(c)}`).length === 2) texts.push(`q${char(c)}`);
    }
    expect(texts.length).toBeGreaterThan(50_000);
    const { m } = compileWithinBound(texts);
    // Still found: the node's row holds every child.
    expect(scan(m, 'a qz b').map((x) => x.start)).toEqual([2]);
  });

  it('Latin names beside CJK forms that bring thousands of rare characters', () => {
    const rnd = random(2);
    const syllables = ['ka', 'ri', 'mo', 'tan', 'len', 'ber', 'son', 'gar', 'vi', 'nel'];
    const name = () =>
      Array.from(
        { length: 2 + Math.floor(rnd() * 3) },
        () => syllables[Math.floor(rnd() * 10)],
      ).join('');
    const texts = Array.from({ length: 30_000 }, () => `${name()} ${name()}`);
    for (let i = 0; i < 30_000; i++) {
      texts.push(char(0x4e00 + Math.floor(rnd() * 5000)) + char(0x4e00 + Math.floor(rnd() * 5000)));
    }
    const { m } = compileWithinBound(texts);
    // The Latin letters, most used, still have their rows: the top of the trie.
    expect(m.dense.length).toBeGreaterThan(0);
  });

  it('long Hangul forms, each syllable folding to 2 or 3 jamo', () => {
    const rnd = random(3);
    const texts = Array.from({ length: 500 }, () =>
      Array.from({ length: 200 }, () => char(0xac00 + Math.floor(rnd() * 11172))).join(''),
    );
    const { units } = compileWithinBound(texts);
    expect(units).toBeGreaterThan(2 * 500 * 200);
  });
});

describe('compile limits', () => {
  const names = (n: number, length: number) =>
    Array.from({ length: n }, (_, i) => `${i}`.padStart(length, 'x'));

  it('takes entities in order up to the limit and leaves the rest out whole', () => {
    // Entity e has two forms of 10 folded units each; 65 units fit 3 entities.
    const input = names(10, 10).flatMap((t, e) => [
      { text: `a${t.slice(1)}`, entity: e },
      { text: `b${t.slice(1)}`, entity: e },
    ]);
    const m = compile(input, { units: 65, forms: 100 });
    expect(m.leftOutFrom).toBe(3);
    expect([...m.patternEntity].sort()).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('counts forms, not repeats of one form', () => {
    const input = [
      { text: 'Ankara', entity: 0 },
      { text: 'ankara', entity: 1 },
      { text: 'Izmir', entity: 1 },
      { text: 'Bursa', entity: 2 },
    ];
    const m = compile(input, { units: 1000, forms: 2 });
    expect(m.leftOutFrom).toBe(2);
    expect([...m.patternEntity]).toEqual([0, 1]);
  });

  it('leaves nothing out when everything fits', () => {
    expect(compile(forms(names(100, 8)), { units: 800, forms: 100 }).leftOutFrom).toBe(-1);
  });
});
