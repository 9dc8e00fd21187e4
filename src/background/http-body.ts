/**
 * Reading an answer's body to a cap, for every request Backstory makes (a
 * subscribed pack: pack-fetch.ts; a Wikipedia or Wikidata look-up:
 * wiki-client.ts). The body is read a chunk at a time and counted as it
 * arrives: a body past the cap stops there, the rest never read, so a
 * server cannot fill the worker's memory.
 */

export type BodyFailure =
  /** Larger than the cap (as declared, or counted while it arrived). */
  | 'tooLarge'
  /** The body ended before its Content-Length, or the connection broke during it. */
  | 'truncated'
  /** No body at all, or one of no bytes. */
  | 'empty';

export type BodyRead<S> =
  | { bytes: Uint8Array }
  | { failure: BodyFailure }
  /** The caller's `onChunk` asked to stop, with this reason; the rest was not read. */
  | { stopped: S };

export interface ReadOptions<S> {
  /** The most bytes read (as decoded from any Content-Encoding). */
  maxBytes: number;
  /** Stops the reading; readBody then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Sees each chunk as it arrives (to decode and parse as it comes); a value stops the read. */
  onChunk?: (chunk: Uint8Array) => S | undefined;
}

/** Lets the connection go without reading what is left of the body. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** Reads `response`'s body, never past `maxBytes`. */
export async function readBody<S = never>(
  response: Response,
  { maxBytes, signal, onChunk }: ReadOptions<S>,
): Promise<BodyRead<S>> {
  const declared = declaredLength(response);
  // Refused before reading: a Content-Length over the cap says so already.
  if (declared !== undefined && declared > maxBytes)
    return discard(response).then(() => ({ failure: 'tooLarge' }));
  if (!response.body) return { failure: 'empty' };

  const reader = response.body.getReader();
  const stop = <T>(result: T): Promise<T> =>
    reader.cancel().then(
      () => result,
      () => result,
    );
  const body = new Bytes(Math.min(declared ?? 65_536, maxBytes), maxBytes);
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      signal?.throwIfAborted();
      // The connection broke during the body.
      return { failure: 'truncated' };
    }
    if (chunk.done) break;
    if (body.length + chunk.value.length > maxBytes) return stop({ failure: 'tooLarge' });
    body.push(chunk.value);
    const stopped = onChunk?.(chunk.value);
    if (stopped !== undefined) return stop({ stopped });
  }

  if (body.length === 0) return { failure: 'empty' };
  /*
   * Chrome and Node end a body shorter than its Content-Length with an
   * error (above), but not every network stack does: HTTP/2 leaves where
   * the error falls unsaid (https://github.com/whatwg/fetch/issues/1786),
   * and Firefox has delivered cut HTTP/1.1 bodies as whole ones.
   */
  if (declared !== undefined && body.length < declared) return { failure: 'truncated' };
  return { bytes: body.bytes() };
}

/**
 * The body's length as the server sent it, when fetch gives the body as it
 * was sent. A compressed body (static hosts gzip JSON) is given back
 * decompressed, and its Content-Length is the compressed size: a small
 * pack can grow when gzipped, so that length would call it cut. A "cors"
 * response may hide Content-Encoding from the script while it shows
 * Content-Length, so that length is not trusted there either; the
 * extension's own fetch with host permission is not one.
 */
function declaredLength(response: Response): number | undefined {
  const encoding = response.headers.get('Content-Encoding')?.trim().toLowerCase();
  if (response.type === 'cors' || (encoding && encoding !== 'identity')) return undefined;
  const length = response.headers.get('Content-Length')?.trim();
  return length && /^\d+$/.test(length) ? Number(length) : undefined;
}

/**
 * The body's bytes in one buffer (Web Crypto hashes one buffer, not a
 * stream), grown as they come and never past the cap (the caller pushes no
 * more than `max` in all).
 */
class Bytes {
  private buffer: Uint8Array;
  length = 0;

  constructor(
    capacity: number,
    private readonly max: number,
  ) {
    this.buffer = new Uint8Array(capacity);
  }

  push(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.max, Math.max(needed, this.buffer.length * 2)));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length = needed;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
