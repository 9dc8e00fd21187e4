/**
 * The Wikidata and Wikipedia stand-ins themselves, asked with plain fetch:
 * that they answer as the APIs document, and that their count of requests
 * in flight sees parallel requests (the control for the client's one at a
 * time, background/wiki-client.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityUrl, searchUrl } from '../core/wikidata';
import { summaryUrl } from '../core/wikipedia';
import { startWikiServer, type WikiServer } from './wiki-server';

let server: WikiServer;
beforeAll(async () => {
  server = await startWikiServer();
});
afterAll(() => server.close());

const json = async (url: string) => {
  const response = await fetch(url);
  return {
    status: response.status,
    type: response.headers.get('Content-Type'),
    body: (await response.json()) as unknown,
  };
};

describe('startWikiServer', () => {
  it('searches, and gives an entity’s terms in the languages asked only', async () => {
    const search = await json(
      searchUrl('NATO', { language: 'en', uselang: 'en' }, server.wikidataApi),
    );
    expect(search.body).toMatchObject({
      search: [{ id: 'Q7184' }, { id: 'Q1572064' }],
      success: 1,
    });
    const { body } = await json(entityUrl('Q7184', ['de'], server.wikidataApi));
    expect(body).toEqual({
      entities: {
        Q7184: expect.objectContaining({
          labels: { de: { language: 'de', value: 'NATO' } },
          sitelinks: { dewiki: { site: 'dewiki', title: 'NATO', badges: [] } },
        }) as unknown,
      },
      success: 1,
    });
  });

  it('answers a summary, and a 404 as a problem', async () => {
    const found = await json(summaryUrl('en', 'NATO', server.wikipedia('en')));
    expect(found).toMatchObject({ status: 200, body: { type: 'standard', title: 'NATO' } });
    const missing = await json(summaryUrl('en', 'No such page', server.wikipedia('en')));
    expect(missing).toMatchObject({
      status: 404,
      type: 'application/problem+json',
      body: { title: 'Not found.' },
    });
  });

  it('counts the requests in flight: three held at once are three', async () => {
    server.hold();
    const url = searchUrl('NATO', { language: 'en', uselang: 'en' }, server.wikidataApi);
    const before = server.total();
    const answers = [fetch(url), fetch(url), fetch(url)];
    await server.arrived(before + 3);
    expect(server.inFlight().now).toBe(3);
    server.release(true);
    await Promise.all((await Promise.all(answers)).map((r) => r.text()));
    expect(server.inFlight().max).toBe(3);
  });
});
