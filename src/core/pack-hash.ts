/**
 * SHA-256 for subscribed packs: of a whole body as it came (shown in a
 * subscription's details, and naming an update held for the reader's
 * choice), and of a pack's entities, which its optional `sha256` header
 * field promises (assets/pack-v1.schema.json). The Web Crypto API does the
 * hashing: the service worker, the pages and Node 20 (tests) all have
 * `crypto.subtle`.
 */

/** SHA-256 of `bytes`, as 64 lowercase hex digits. */
export async function sha256Hex(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  // TypeScript types a Uint8Array as maybe over a SharedArrayBuffer, which digest() refuses.
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What a pack's `sha256` field means: SHA-256 of the UTF-8 bytes of
 * `JSON.stringify(entities)`, the list as parsed and written again without
 * white space. So the file's layout and the order of the header's fields
 * do not count; the entities do, each with its keys in the file's order
 * (JSON.stringify keeps the order JSON.parse met them in).
 */
export function entitiesSha256(entities: unknown[]): Promise<string> {
  return sha256Hex(new TextEncoder().encode(JSON.stringify(entities)));
}
