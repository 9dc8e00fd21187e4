/** A comma-separated field as a list: trimmed, without empty entries. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A one-per-line field as a list: trimmed, without empty entries. The card's
 * and the composer's alias and tag fields use lines, not commas, since a name
 * may hold a comma ("Washington, D.C.") and must come back as it went in.
 */
export function splitLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A list as the text of a one-per-line field. */
export function joinLines(list: readonly string[]): string {
  return list.join('\n');
}
