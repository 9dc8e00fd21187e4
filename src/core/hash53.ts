/**
 * A fast 53-bit hash of a string, for telling versions apart where a
 * cryptographic hash would cost more than the work it saves (a
 * subscription's per-entry digests: core/subscription-digest.ts). This is
 * cyrb53, a public-domain hash: two 32-bit multiply-xorshift lanes combined
 * into a number every JavaScript engine holds exactly
 * (https://github.com/bryc/code/blob/master/jshash/experimental/cyrb53.js).
 * Not a defence against a chosen collision: it only ever decides whether a
 * note must be read again, and the pack that could craft one could as well
 * change nothing.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
