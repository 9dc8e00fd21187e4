/**
 * What a reader meets, in Chromium and in Firefox alike: the first run, a
 * pack's names marked on real news pages with the card on hover, every
 * matching rule, and the dev pages counted against the reference.
 */
import { expect, test } from '@playwright/test';
import { chromiumUnderTest, firefoxUnderTest } from './support/browsers';
import { devPagesScenario } from './support/dev-pages';
import { playwrightTab } from './support/chromium';
import { hasCorpus, NO_CORPUS_MESSAGE } from './support/paths';
import { rulesScenario } from './support/rules';
import { readingScenario, settledMarks } from './support/scenario';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(() => server.close());

for (const browser of [chromiumUnderTest, firefoxUnderTest]) {
  test.describe(browser.name, () => {
    test('first run opens the manager with a welcome and the starter notes', async () => {
      const session = await browser.withExtension();
      try {
        await session.welcome.waitForText('h2', 'Welcome to Backstory');
        for (const name of ['Benny Gantz', 'Hulusi Akar', 'weapon sales']) {
          await session.welcome.waitForText('.entity-name', name);
        }
        // The welcome links to the demo article, where the starter notes are
        // marked. (Puppeteer over BiDi cannot follow a link into an extension page.)
        const welcomePage = session.welcomePage;
        if (welcomePage) {
          const [demo] = await Promise.all([
            welcomePage.context().waitForEvent('page'),
            welcomePage.getByRole('link', { name: 'demo article' }).click(),
          ]);
          const marks = await settledMarks(playwrightTab(demo));
          expect(marks.map((m) => m.text)).toEqual(
            expect.arrayContaining(['Benny Gantz', 'Hulusi Akar', 'weapon sales', 'Baku']),
          );
        }
      } finally {
        await session.close();
      }
    });

    for (const page of ['bbc-1', 'wapo-1']) {
      test(`a pack imported in the manager marks ${page}, and the card shows its note`, async () => {
        test.skip(!hasCorpus, NO_CORPUS_MESSAGE);
        const baseline = await browser.baselineDom(
          `${server.origin}/corpus/${page}.html?scripts=0`,
        );
        const session = await browser.withExtension();
        try {
          const { marks } = await readingScenario(session, server.origin, page, baseline);
          expect(marks.length).toBeGreaterThan(5);
        } finally {
          await session.close();
        }
      });
    }

    test('every matching rule holds on the rules page and the Turkish, Hebrew and Chinese pages', async () => {
      const session = await browser.withExtension();
      try {
        await rulesScenario(session, server.origin);
      } finally {
        await session.close();
      }
    });

    test('on every dev page the marks agree with the reference count from the rules', async () => {
      test.skip(!hasCorpus, NO_CORPUS_MESSAGE);
      const session = await browser.withExtension();
      try {
        const results = await devPagesScenario(session, server.origin);
        expect(results.filter((r) => r.differences.length)).toEqual([]);
        expect(results.every((r) => r.marks > 0)).toBe(true);
      } finally {
        await session.close();
      }
    });
  });
}
