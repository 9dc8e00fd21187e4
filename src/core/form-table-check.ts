/**
 * Whether a form table is safe to scan with (form-table-scan.ts): every
 * index the scan reads lies inside its array. A build always makes such a
 * table; one that arrives in a message is untrusted, like every message a
 * receiver gets, and is checked before use (form-table-codec.ts), as
 * matcher-check.ts checks a stored automaton.
 *
 * The sizes of the arrays follow from the header (form-table.ts
 * `tableViews`); this checks what the small ones hold: the bucket
 * directory (every probe's bounds) and the entries with choices. The
 * arrays of the size of the dictionary (each entry's value: its entity,
 * kind and choices) are checked where the scan reads them, for the few
 * entries a page hits (form-table-scan.ts answers null at the first wrong
 * one, and the text goes to the worker). With them, reading a table of
 * 100,000 entities in a page that is loading took 13 to 45 ms of its main
 * thread (the code is cold there), without them 2 to 11 ms, and a page
 * uses a few hundred of those entries. Nor is the order of the keys in a
 * bucket checked: a search by halves over a run out of order still ends
 * within its bounds, and misses keys, as a table with wrong hashes gives
 * wrong marks.
 *
 * What no check can tell is whether the hashes are those of real forms: a
 * wrong table gives wrong marks, as a wrong automaton would, but the scan
 * still ends, and reads nothing out of range.
 */
import {
  MAGIC,
  MAX_FORM_UNITS,
  MAX_TABLE_ENTITIES,
  SHAPE,
  type FormTable,
  type Header,
} from './form-table';

/** The first problem with the header's fields beyond the sizes, or null. */
export function headerProblem(h: Header): string | null {
  if (h.magic !== MAGIC) return 'not a form table';
  if (h.shape !== SHAPE) return `shape ${h.shape}, not ${SHAPE}`;
  if (!(h.maxLength >= 0 && h.maxLength <= MAX_FORM_UNITS)) return 'maxLength';
  if (h.leftOutFrom < -1) return 'leftOutFrom';
  if (!(h.entities >= 0 && h.entities <= MAX_TABLE_ENTITIES)) return 'entities';
  return null;
}

/** The first problem found, or null when the scan can run on `t` safely. */
export function formTableProblem(t: FormTable): string | null {
  return directoryProblem(t) ?? choicesProblem(t);
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

/** The entries with choices: ascending entries of the table, each with a run of one choice or more. */
function choicesProblem({
  choosyEntry,
  choiceStart,
  choiceValue,
  keyLo,
}: FormTable): string | null {
  for (let i = 0; i < choosyEntry.length; i++) {
    const e = choosyEntry[i]!;
    if (!(e >= 0 && e < keyLo.length) || (i > 0 && e <= choosyEntry[i - 1]!)) {
      return 'entries with choices';
    }
  }
  if (choiceStart[0] !== 0 || choiceStart[choosyEntry.length] !== choiceValue.length) {
    return 'choice bounds';
  }
  for (let i = 0; i < choosyEntry.length; i++) {
    if (choiceStart[i + 1]! <= choiceStart[i]!) return 'no choices';
  }
  return null;
}
