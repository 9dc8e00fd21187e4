/**
 * The form table as it crosses to a tab: its one ArrayBuffer, as a
 * message's structured clone carries it (wxt.config.ts,
 * `message_serialization`). The receiver treats it as untrusted:
 * `readFormTable` checks the header, the sizes and what the small arrays
 * hold (form-table-check.ts; the scan checks the rest where it reads it),
 * and answers null, never throws.
 */
import { formTableProblem, headerProblem } from './form-table-check';
import { readHeader, tableBytes, tableViews, type FormTable } from './form-table';

/**
 * The table in `value` (an ArrayBuffer from a message, of this realm or
 * another), or null when it is not a sound one (then the tab matches
 * through the worker, as without a table).
 */
export function readFormTable(value: unknown): FormTable | null {
  if (Object.prototype.toString.call(value) !== '[object ArrayBuffer]') return null;
  return formTableOf(new Uint8Array(value as ArrayBuffer));
}

/** The table over `bytes` (a buffer of its own, from offset 0), or null when it is not sound. */
export function formTableOf(bytes: Uint8Array): FormTable | null {
  if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) return null;
  const buffer = bytes.buffer as ArrayBuffer;
  const header = readHeader(buffer);
  if (!header || headerProblem(header) !== null) return null;
  if (tableBytes(header) !== buffer.byteLength) return null;
  const table = tableViews(buffer, header);
  return formTableProblem(table) === null ? table : null;
}
