/**
 * A hostile page, in Chromium and in Firefox: it plants names where the
 * reader cannot see them and polls CSS.highlights, defines the card's old
 * custom element name, dispatches synthetic events at marks, listens for
 * messages; a page with nothing to mark and a site switched off carry no
 * trace of Backstory.
 */
import { test } from '@playwright/test';
import { chromiumUnderTest, firefoxUnderTest } from './support/browsers';
import { hostilePageScenario, quietPagesScenario } from './support/privacy';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(() => server.close());

for (const browser of [chromiumUnderTest, firefoxUnderTest]) {
  test.describe(browser.name, () => {
    test('a hostile page sees no hidden mark, cannot open the card, and hears nothing', async () => {
      const session = await browser.withExtension();
      try {
        await hostilePageScenario(session, server.origin);
      } finally {
        await session.close();
      }
    });

    test('a page with nothing to mark, and a site switched off, carry no trace', async () => {
      const session = await browser.withExtension();
      try {
        await quietPagesScenario(session, server.origin);
      } finally {
        await session.close();
      }
    });
  });
}
