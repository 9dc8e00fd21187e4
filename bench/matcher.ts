/**
 * The matcher in Node, on the corpus text: compile time and size, reload of
 * the cached form, scan time against a bare pass over the same text
 * (lower-casing and reading every character) and against one RegExp
 * alternation of all forms.
 */
import { compileDictionary } from '../src/core/dictionary';
import { fromStored, toStored } from '../src/core/stored-dictionary';
import { scan } from '../src/core/matcher';
import type { Entity } from '../src/core/entity';
import { corpusPages, pageText } from './corpus';
import type { BenchEntity } from './dictionary';
import { median, timeIt } from './stats';

export interface MatcherRow {
  forms: number;
  compileMs: number;
  reloadMs: number;
  scanMs: number;
  bareMs: number;
  regexMs: number | null;
  regexNote: string;
  matches: number;
  textChars: number;
  /** The compiled matcher's typed arrays. */
  compiledBytes: number;
}

/** The bench's entities as stored notes, the reader's own, all created at once. */
export function asEntities(list: BenchEntity[]): Entity[] {
  return list.map((e, i) => ({
    id: `b${i}`,
    ...e,
    note: '',
    tags: [],
    links: [],
    sources: [],
    origin: 'local',
    createdAt: 0,
    updatedAt: 0,
  }));
}

/** The floor of any scan: lower-casing the text and reading every character. */
export function barePass(text: string): number {
  const lower = text.toLowerCase();
  let sum = 0;
  for (let i = 0; i < lower.length; i++) sum = (sum + lower.charCodeAt(i)) | 0;
  return sum;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One RegExp alternation of all forms (longest first, word edges as
 * lookarounds). Slow on large dictionaries: it runs on a growing prefix of
 * the text until a run takes half a second, and its time is scaled to the whole.
 */
function regexTime(forms: string[], text: string): { ms: number; note: string } {
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length);
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}\\p{M}])(?:${sorted.map(escape).join('|')})(?![\\p{L}\\p{N}\\p{M}])`,
    'giu',
  );
  const run = (s: string) => {
    re.lastIndex = 0;
    let n = 0;
    while (re.exec(s)) n++;
    return n;
  };
  // Start small: at 100,000 forms even 50,000 characters take minutes.
  let prefix = Math.min(text.length, 2_000);
  for (;;) {
    const t = performance.now();
    run(text.slice(0, prefix));
    const took = performance.now() - t;
    if (prefix === text.length) return { ms: took, note: '' };
    if (took > 500) {
      return {
        ms: (took * text.length) / prefix,
        note: `timed on ${prefix.toLocaleString('en')} characters, scaled`,
      };
    }
    prefix = Math.min(text.length, prefix * 4);
  }
}

export function benchMatcher(
  corpusDir: string,
  dictionaries: Map<number, BenchEntity[]>,
): MatcherRow[] {
  const text = corpusPages(corpusDir)
    .map((p) => pageText(corpusDir, p))
    .join('\u0000');
  const rows: MatcherRow[] = [];
  for (const [forms, list] of dictionaries) {
    const entities = asEntities(list);
    const compileTimes: number[] = [];
    let compiled = compileDictionary(entities, 1);
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      compiled = compileDictionary(entities, 1);
      compileTimes.push(performance.now() - t);
    }
    // What a reload does: IndexedDB's structured clone of the stored form, then the rebuild.
    const stored = toStored(compiled);
    const reloadMs = timeIt(() => fromStored(structuredClone(stored)), 5, 1);
    const scanMs = timeIt(() => scan(compiled.matcher, text), 5, 2);
    const bareMs = timeIt(() => barePass(text), 9, 3);
    const regex = regexTime(
      list.flatMap((e) => [e.name, ...e.aliases]),
      text,
    );
    rows.push({
      forms,
      compileMs: median(compileTimes),
      reloadMs,
      scanMs,
      bareMs,
      regexMs: regex.ms,
      regexNote: regex.note,
      matches: scan(compiled.matcher, text).length,
      textChars: text.length,
      compiledBytes: Object.values(compiled.matcher).reduce(
        (n: number, v) => n + (ArrayBuffer.isView(v) ? v.byteLength : 0),
        0,
      ),
    });
  }
  return rows;
}
