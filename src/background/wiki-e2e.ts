/**
 * Test builds only (__BACKSTORY_E2E__): the look-up's client, sent to the
 * end-to-end test's stand-ins for Wikidata and Wikipedia
 * (src/test-setup/wiki-server.ts) once the test names them in the worker:
 * `globalThis.backstoryWikiEndpoints = { wikidata, wikipedia }`, the
 * Action API's address and the origin under which each language's
 * Wikipedia sits (`<wikipedia>/<language>`). Until then, the real services.
 */
import type { BackstoryDb } from '../db/schema';
import { createWikiClient, type WikiClient } from './wiki-client';

interface Endpoints {
  wikidata: string;
  wikipedia: string;
}

export function e2eWikiClient(db: BackstoryDb): () => WikiClient {
  let client: WikiClient | undefined;
  let madeFor: Endpoints | undefined;
  return () => {
    const named = (globalThis as { backstoryWikiEndpoints?: Endpoints }).backstoryWikiEndpoints;
    if (!client || named !== madeFor) {
      madeFor = named;
      client = createWikiClient(
        db,
        named
          ? {
              endpoints: {
                wikidata: named.wikidata,
                wikipedia: (language) => `${named.wikipedia}/${language}`,
              },
            }
          : {},
      );
    }
    return client;
  };
}
