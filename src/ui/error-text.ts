/** What a page shows of a caught error: its message (the background's words travel as it). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
