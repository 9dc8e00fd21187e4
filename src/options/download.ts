/** Saves `text` as a file through the browser's download flow, without the downloads permission. */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  downloadParts(filename, [text], type);
}

/**
 * The same for a file in parts (an export's are Blobs already, see
 * export-client.ts): the Blob joins them, no string ever holds it all.
 */
export function downloadParts(filename: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: Firefox starts the download after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
