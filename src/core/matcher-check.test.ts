import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../test-setup/fuzz';
import { compile, scan, type CompiledMatcher, type FormInput } from './matcher';
import { matcherProblem } from './matcher-check';

const forms = (texts: string[]): FormInput[] => texts.map((text, entity) => ({ text, entity }));

/**
 * A small automaton with every part the check reads: shared prefixes
 * (failure and dictionary links), two nodes with dense rows ("abc", "x"),
 * nodes searched by halves, and a case-sensitive form.
 */
const TEXTS = ['ab', 'b', 'abcd', 'abce', 'abcf', 'abcg', 'xd', 'xe', 'xf', 'xg', 'NATO'];
const fresh = () => compile(forms(TEXTS));
/** The node reached from the root by `path`. */
function node(m: CompiledMatcher, path: string): number {
  let n = 0;
  for (const ch of path) {
    const c = ch.charCodeAt(0);
    let next = -1;
    for (let e = m.edgeStart[n]!; e < m.edgeStart[n + 1]!; e++) {
      if (m.edgeLabel[e] === c) next = m.edgeTarget[e]!;
    }
    if (next < 0) throw new Error(`no node ${path}`);
    n = next;
  }
  return n;
}

describe('matcherProblem', () => {
  it('passes what the compile makes, the empty dictionary too', () => {
    const m = fresh();
    expect(m.denseAt[node(m, 'abc')]).toBeGreaterThanOrEqual(0);
    expect(m.denseAt[node(m, 'x')]).toBeGreaterThanOrEqual(0);
    expect(matcherProblem(m, TEXTS.length)).toBeNull();
    expect(matcherProblem(compile([]), 0)).toBeNull();
  });

  it('passes every compile of random forms', () => {
    const piece = fc.constantFrom('a', 'b', 'c', 'A', 'ß', 'İ', '中', ' ', '-', '\u00ad', '😀');
    const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), (texts) => {
        expect(matcherProblem(compile(forms(texts)), texts.length)).toBeNull();
      }),
      fuzzParams(1401, 300),
    );
  });

  const spoils: [string, (m: CompiledMatcher) => void][] = [
    ['a failure link to the node itself (a loop)', (m) => (m.fail[node(m, 'ab')] = node(m, 'ab'))],
    ['a failure link to a deeper node', (m) => (m.fail[node(m, 'b')] = node(m, 'abcd'))],
    ['a failure link past the nodes', (m) => (m.fail[1] = m.fail.length)],
    ['a dictionary link to the node itself', (m) => (m.dictLink[node(m, 'ab')] = node(m, 'ab'))],
    ['a report link to a deeper node', (m) => (m.report[node(m, 'b')] = node(m, 'abcd'))],
    ['a report link at the root', (m) => (m.report[0] = node(m, 'b'))],
    ['an edge back to an earlier node', (m) => (m.edgeTarget[m.edgeTarget.length - 1] = 1)],
    ['an edge to no node', (m) => (m.edgeTarget[0] = -1)],
    [
      'edge labels out of order',
      (m) => {
        const at = m.edgeStart[node(m, 'abc')]!;
        [m.edgeLabel[at], m.edgeLabel[at + 1]] = [m.edgeLabel[at + 1]!, m.edgeLabel[at]!];
      },
    ],
    ['edge starts that go back', (m) => (m.edgeStart[2] = m.edgeStart[1]! - 1)],
    [
      'a root transition to a deep node',
      (m) => (m.rootRow[m.alphabet['d'.charCodeAt(0)]!] = node(m, 'abcd')),
    ],
    [
      'a dense cell to a node two deeper',
      (m) => {
        const at = m.denseAt[node(m, 'x')]!;
        m.dense[at + m.alphabet['d'.charCodeAt(0)]!] = node(m, 'abcd') + 1;
      },
    ],
    ['two dense rows that overlap', (m) => (m.denseAt[node(m, 'x')] = m.denseAt[node(m, 'abc')]!)],
    ['a dense row past the cells', (m) => (m.denseLast[node(m, 'x')] = 60_000)],
    ['a dense row at the root', (m) => (m.denseAt[0] = 0)],
    ['an alphabet index past the root row', (m) => (m.alphabet[0x41] = m.alphabetSize + 1)],
    ['a pattern longer than its node', (m) => m.patternLength[0]!++],
    ['a pattern of an entity not listed', (m) => (m.patternEntity[0] = TEXTS.length)],
    ['a pattern at the root', (m) => m.outStart.fill(1, 1)],
    ['a pattern that does not exist', (m) => (m.outPattern[0] = TEXTS.length)],
    ['an array cut short', (m) => (m.denseAt = m.denseAt.subarray(1))],
    ['a root row of another size', (m) => m.alphabetSize++],
    ['no root', (m) => (m.fail = new Int32Array(0))],
  ];
  it.each(spoils)('refuses %s', (_, spoil) => {
    const m = fresh();
    spoil(m);
    expect(matcherProblem(m, TEXTS.length)).not.toBeNull();
  });

  it('guards the scan: an unsound matcher it refuses reports a match before the text', () => {
    // The control: scanned anyway, the spoilt automaton misleads the scan ("ab" found in "d").
    const m = fresh();
    m.rootRow[m.alphabet['d'.charCodeAt(0)]!] = node(m, 'ab');
    expect(matcherProblem(m, TEXTS.length)).not.toBeNull();
    expect(scan(m, 'd')).toEqual([expect.objectContaining({ start: -1, end: 1 })]);
  });

  it('lets through only matchers the scan runs on safely, whatever values are written', () => {
    const names = ['edgeStart', 'edgeLabel', 'edgeTarget', 'alphabet', 'rootRow', 'denseAt'];
    names.push('denseLast', 'dense', 'fail', 'dictLink', 'report', 'outStart', 'outPattern');
    names.push('patternEntity', 'patternLength');
    const write = fc.record({
      array: fc.constantFrom(...names),
      at: fc.nat(),
      value: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constantFrom(0x41, 60_000, 2 ** 31 - 1)),
    });
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'x', 'N', ' ', '中') });
    let passed = 0;
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 3 }), text, (writes, page) => {
        const m = fresh();
        for (const { array, at, value } of writes) {
          const a = m[array as keyof CompiledMatcher] as Int32Array;
          a[at % a.length] = value;
        }
        if (matcherProblem(m, TEXTS.length) !== null) return;
        passed++;
        for (const match of scan(m, page)) {
          expect(match.start).toBeGreaterThanOrEqual(0);
          expect(match.end).toBeLessThanOrEqual(page.length);
          expect(match.start).toBeLessThan(match.end);
          expect(match.entity).toBeLessThan(TEXTS.length);
        }
      }),
      fuzzParams(1402, 500),
    );
    // Some writes change nothing the scan relies on (the same value, a label's order kept).
    expect(passed).toBeGreaterThan(0);
  });
});
