/** A comma-separated field as a list: trimmed, without empty entries. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
