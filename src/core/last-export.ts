/**
 * The record of the last full export, which the manager's backup reminder
 * counts from. The background keeps it (src/db/state.ts) and the protocol
 * carries it (`lastExportGet`), so it lives here, where both may import it.
 */
export interface LastExport {
  /** When, in ms since the epoch. */
  at: number;
  /** How many notes it held. */
  count: number;
}

/** A stored record, or null for anything else. */
export function readLastExport(value: unknown): LastExport | null {
  const v = value as Partial<LastExport> | null | undefined;
  return typeof v?.at === 'number' && Number.isFinite(v.at) && typeof v.count === 'number'
    ? { at: v.at, count: v.count }
    : null;
}
