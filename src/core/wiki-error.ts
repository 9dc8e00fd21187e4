/**
 * Why a look-up (src/background/wiki-client.ts) gave nothing, as data: the
 * reader's words are made where it is shown (src/messaging/wiki-words.ts),
 * in the language the browser speaks then, as a subscription's errors are.
 */

/** Which of the two services a request went to; the words name it. */
export type WikiService = 'wikidata' | 'wikipedia';

export type WikiError =
  /** The reader has not granted (or has withdrawn) the host permission: nothing was sent. */
  | { code: 'permission' }
  /** The request failed and the browser says it is offline. */
  | { code: 'offline' }
  /**
   * The service answered 429 or 503 and asked to wait until `until` (ms);
   * until then Backstory does not ask it again.
   */
  | { code: 'wait'; service: WikiService; until: number }
  /** The request failed while the browser says it is online (DNS, refused, TLS). */
  | { code: 'network'; service: WikiService }
  /** No answer within the time allowed. */
  | { code: 'timeout'; service: WikiService }
  /** No such article (404), or no such item (deleted or never made). */
  | { code: 'notFound'; service: WikiService }
  /** Another status than those above. */
  | { code: 'status'; service: WikiService; status: number }
  /** An answer that is not what the API documents: a web page, too large, cut, not JSON, not the shape. */
  | { code: 'badAnswer'; service: WikiService }
  /** The item has no label in the reader's or the page's language, nor in the search. */
  | { code: 'noName' };

export type WikiResult<T> = { ok: true; value: T } | { ok: false; error: WikiError };

export const wikiOk = <T>(value: T): WikiResult<T> => ({ ok: true, value });
export const wikiFailed = <T = never>(error: WikiError): WikiResult<T> => ({ ok: false, error });
