/**
 * The form table as one text, for a message: Chrome's runtime messaging
 * serialises to JSON, so the buffer goes as base64 (a third larger, and one
 * string rather than a million numbers). The receiver treats it as
 * untrusted: `decodeFormTable` checks the header, the sizes and what the
 * arrays hold (form-table-check.ts), and answers null, never throws.
 */
import { fromBase64, toBase64 } from './base64';
import { formTableProblem, headerProblem } from './form-table-check';
import { readHeader, tableBytes, tableViews, type FormTable } from './form-table';

export function encodeFormTable(t: FormTable, native = true): string {
  return toBase64(new Uint8Array(t.buffer), native);
}

/**
 * The table `text` encodes, or null when it is not a sound one (then the
 * tab matches through the worker, as without a table).
 */
export function decodeFormTable(text: unknown, native = true): FormTable | null {
  if (typeof text !== 'string') return null;
  const bytes = fromBase64(text, native);
  return bytes && formTableOf(bytes);
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
