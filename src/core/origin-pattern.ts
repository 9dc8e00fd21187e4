/**
 * Host permissions by origin. Match patterns carry no port (Chrome:
 * https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns,
 * Firefox: https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Match_patterns),
 * so the permission for "http://127.0.0.1:8080" is granted as
 * "http://127.0.0.1/*" and covers every port of that host.
 */
export function originPattern(origin: string): string {
  const { protocol, hostname } = new URL(origin);
  // IPv6 hosts keep their brackets in a pattern.
  const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  return `${protocol}//${host}/*`;
}
