/**
 * The background as src/background/index.ts wires it, its look-ups sent to
 * the local stand-ins for Wikidata and Wikipedia (wiki-server.ts): what the
 * look-up's and the refresh's handler tests send their messages to.
 */
import { route } from '../background/router';
import { WikiClient, wikiUserAgent } from '../background/wiki-client';
import type { BackstoryDb } from '../db/schema';
import type { Result, SenderClass } from '../messaging/protocol';
import { wiredHandlers } from './background-handlers';
import type { WikiServer } from './wiki-server';

/** Sends one message, as `from` (the manager by default), and gives its reply. */
export type Ask = (type: string, payload: unknown, from?: SenderClass) => Promise<Result<unknown>>;

export function wikiBackground(
  db: BackstoryDb,
  server: WikiServer,
  { allowed = true, now }: { allowed?: boolean; now?: () => number } = {},
): Ask {
  const wiki = new WikiClient({
    db,
    userAgent: wikiUserAgent('9.9.9'),
    allowed: () => Promise.resolve(allowed),
    online: () => true,
    endpoints: { wikidata: server.wikidataApi, wikipedia: server.wikipedia },
    ...(now ? { now } : {}),
  });
  const { handlers } = wiredHandlers(db, { wiki: () => wiki });
  return (type, payload, from = 'extension') => route(handlers, { type, payload }, from);
}

/** A refusal's words (and a failed test where the reply is not one). */
export function errorOf(result: Result<unknown>): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}
