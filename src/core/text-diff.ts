/**
 * A word-level difference between two texts, for the reader to see what a
 * change does before accepting it ("Refresh from Wikipedia": their note
 * against the article's text now). The texts are cut into words, runs of
 * white space and single other characters (a letter of a script written
 * without spaces is a word of its own), and compared by longest common
 * subsequence over what lies between their common start and end.
 *
 * The work is bounded: a note may be 100,000 characters (a reader's; a
 * summary is at most 4,000), and a table of every pair of words of two
 * such texts would hold a billion cells. Past `DIFF_LIMITS` the middle is
 * shown whole, the old text removed and the new added (`whole`), which is
 * still exact, only less fine.
 *
 * Whatever the path, the segments are exact: the `same` and `removed` texts
 * in order give the old text back, the `same` and `added` texts the new one
 * (`sideOf`).
 */

export type DiffOp = 'same' | 'removed' | 'added';

export interface DiffSegment {
  op: DiffOp;
  text: string;
}

export interface TextDiff {
  segments: DiffSegment[];
  /** The texts were too long or too far apart to compare word by word: their middle is replaced whole. */
  whole: boolean;
}

export const DIFF_LIMITS = {
  /** Characters of both texts together: past this they are not even cut into words. */
  chars: 250_000,
  /** Cells of the table of the middles' words (about 2,000 words against 2,000: 8 MB). */
  cells: 4_000_000,
};

/** A run of white space, a word, or any other single character (a code point). */
const TOKEN =
  /\s+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Yi}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Yi}])[\p{L}\p{N}\p{M}])+|[\s\S]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The old text (`before`) or the new one (`after`) back from a diff's segments. */
export function sideOf(segments: readonly DiffSegment[], side: 'before' | 'after'): string {
  const skip: DiffOp = side === 'before' ? 'added' : 'removed';
  return segments
    .filter((s) => s.op !== skip)
    .map((s) => s.text)
    .join('');
}

/** Whether a diff changes anything. */
export const hasChanges = (diff: TextDiff) => diff.segments.some((s) => s.op !== 'same');

export function diffWords(
  before: string,
  after: string,
  limits: typeof DIFF_LIMITS = DIFF_LIMITS,
): TextDiff {
  if (before === after)
    return { segments: before ? [{ op: 'same', text: before }] : [], whole: false };
  if (before.length + after.length > limits.chars)
    return { segments: changed(before, after), whole: true };

  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).join('');
  const tail = a.slice(endA).join('');
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);

  const whole = (midA.length + 1) * (midB.length + 1) > limits.cells;
  const middle = whole ? changed(midA.join(''), midB.join('')) : readable(lcsSegments(midA, midB));
  const segments: DiffSegment[] = [];
  if (head) segments.push({ op: 'same', text: head });
  segments.push(...middle);
  if (tail) segments.push({ op: 'same', text: tail });
  return { segments, whole };
}

/** The old text removed and the new added, whole. */
function changed(before: string, after: string): DiffSegment[] {
  return [
    ...(before ? [{ op: 'removed' as const, text: before }] : []),
    ...(after ? [{ op: 'added' as const, text: after }] : []),
  ];
}

/**
 * Segments from the longest common subsequence of two token lists, by the
 * table of the common subsequence's length from each pair of positions to
 * the end (the caller keeps the table within DIFF_LIMITS.cells).
 */
function lcsSegments(a: readonly string[], b: readonly string[]): DiffSegment[] {
  // Tokens as numbers: comparing them in the table's loop costs no string compares.
  const ids = new Map<string, number>();
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a, idOf);
  const y = Int32Array.from(b, idOf);
  const n = x.length;
  const m = y.length;
  const width = m + 1;
  // Lengths are at most min(n, m), which the cap on cells keeps under 2,001 (fits 16 bits).
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        x[i] === y[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const out: DiffSegment[] = [];
  const push = (op: DiffOp, text: string) => {
    const last = out[out.length - 1];
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < n) push('removed', a[i++]!);
  while (j < m) push('added', b[j++]!);
  return out;
}

/**
 * Easier to read: each change as its removed text, then its added text;
 * and a stretch in common that is no longer than the changes on both sides
 * of it (a space, a "the" between two rewritten phrases) taken into them,
 * as diff-match-patch's semantic clean-up does, so a rewritten sentence
 * reads as one sentence out and one in rather than a comb of single words.
 */
function readable(segments: readonly DiffSegment[]): DiffSegment[] {
  type Change = { removed: string; added: string };
  const runs: (string | Change)[] = [];
  for (const segment of segments) {
    const last = runs[runs.length - 1];
    if (segment.op === 'same') runs.push(segment.text);
    else if (last !== undefined && typeof last !== 'string') last[segment.op] += segment.text;
    else runs.push({ removed: '', added: '', [segment.op]: segment.text });
  }
  const size = (c: Change) => Math.max(c.removed.length, c.added.length);
  const merged: (string | Change)[] = [];
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const previous = merged[merged.length - 1];
    const next = runs[k + 1];
    if (
      typeof run === 'string' &&
      previous !== undefined &&
      typeof previous !== 'string' &&
      next !== undefined &&
      typeof next !== 'string' &&
      run.length <= size(previous) &&
      run.length <= size(next)
    ) {
      previous.removed += run + next.removed;
      previous.added += run + next.added;
      k++;
    } else merged.push(typeof run === 'string' ? run : { ...run });
  }
  return merged.flatMap((run) =>
    typeof run === 'string'
      ? [{ op: 'same' as const, text: run }]
      : changed(run.removed, run.added),
  );
}
