/**
 * A random token of 32 hex digits. Not `crypto.randomUUID`: it exists only
 * in secure contexts, and a content script shares its page's, so on an
 * http:// page it is undefined.
 * https://developer.mozilla.org/docs/Web/API/Crypto/randomUUID
 */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
