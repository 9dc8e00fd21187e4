/**
 * Whether a form table is safe to scan with (form-table-scan.ts): every
 * index the scan reads lies inside its array, and every search it makes is
 * by halves over a sorted run. A build always makes such a table; one that
 * arrives in a message is untrusted, like every message a receiver gets,
 * and is checked before use (form-table-codec.ts), as matcher-check.ts
 * checks a stored automaton.
 *
 * The sizes of the arrays follow from the header (form-table.ts
 * `tableViews`); this checks what they hold. What it cannot check is
 * whether the hashes are those of real forms: a wrong table gives wrong
 * marks, as a wrong automaton would, but the scan still ends, and reads
 * nothing out of range.
 */
import { KINDS } from './entity';
import { MAGIC, MAX_FORM_UNITS, SHAPE, type FormTable, type Header } from './form-table';

/** The first problem with the header's fields beyond the sizes, or null. */
export function headerProblem(h: Header): string | null {
  if (h.magic !== MAGIC) return 'not a form table';
  if (h.shape !== SHAPE) return `shape ${h.shape}, not ${SHAPE}`;
  if (!(h.maxLength >= 0 && h.maxLength <= MAX_FORM_UNITS)) return 'maxLength';
  if (h.leftOutFrom < -1) return 'leftOutFrom';
  return null;
}

/** The first problem found, or null when the scan can run on `t` safely. */
export function formTableProblem(t: FormTable): string | null {
  return (
    directoryProblem(t) ??
    entriesProblem(t) ??
    patternsProblem(t) ??
    sortedProblem(t.exactPattern, t.patternEntity.length, 'exact patterns') ??
    groupsProblem(t)
  );
}

/** The buckets: from 0, never back, to the last entry. */
function directoryProblem({ bucketStart, keyLo }: FormTable): string | null {
  if (bucketStart[0] !== 0 || bucketStart[bucketStart.length - 1] !== keyLo.length) {
    return 'bucket bounds';
  }
  for (let b = 1; b < bucketStart.length; b++) {
    if (bucketStart[b]! < bucketStart[b - 1]!) return 'buckets decrease';
  }
  return null;
}

/** Each bucket's keys strictly ascending (a probe searches by halves); each value's pattern real. */
function entriesProblem({ bucketStart, keyHi, keyLo, entryValue, patternEntity }: FormTable) {
  for (let b = 0; b + 1 < bucketStart.length; b++) {
    for (let i = bucketStart[b]! + 1; i < bucketStart[b + 1]!; i++) {
      const h = keyHi[i]!;
      const before = keyHi[i - 1]!;
      if (h < before || (h === before && keyLo[i]! <= keyLo[i - 1]!)) return 'keys out of order';
    }
  }
  for (let i = 0; i < entryValue.length; i++) {
    if ((entryValue[i]! >>> 1) - 1 >= patternEntity.length) return 'entry pattern';
  }
  return null;
}

/** Each pattern's entity has a kind; each kind is one of KINDS. */
function patternsProblem({ patternEntity, entityKinds }: FormTable): string | null {
  for (let p = 0; p < patternEntity.length; p++) {
    const e = patternEntity[p]!;
    if (!(e >= 0 && e < entityKinds.length)) return 'pattern entity';
  }
  for (let e = 0; e < entityKinds.length; e++) {
    if (entityKinds[e]! >= KINDS.length) return 'entity kind';
  }
  return null;
}

/** `list` strictly ascending, each a pattern (of `patterns`). */
function sortedProblem(list: Int32Array, patterns: number, name: string): string | null {
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    if (!(p >= 0 && p < patterns) || (i > 0 && p <= list[i - 1]!)) return name;
  }
  return null;
}

/** The groups of patterns sharing a folded form: runs in order, of real patterns, each led by its first. */
function groupsProblem(t: FormTable): string | null {
  const { sharedFirst, sharedStart, sharedPattern } = t;
  const patterns = t.patternEntity.length;
  const sorted = sortedProblem(sharedFirst, patterns, 'shared patterns');
  if (sorted) return sorted;
  if (sharedStart[0] !== 0 || sharedStart[sharedFirst.length] !== sharedPattern.length) {
    return 'group bounds';
  }
  for (let g = 0; g < sharedFirst.length; g++) {
    const from = sharedStart[g]!;
    if (sharedStart[g + 1]! <= from || sharedPattern[from] !== sharedFirst[g]) return 'group';
  }
  for (let i = 0; i < sharedPattern.length; i++) {
    const p = sharedPattern[i]!;
    if (!(p >= 0 && p < patterns)) return 'group pattern';
  }
  return null;
}
