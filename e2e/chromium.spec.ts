import { expect, test } from '@playwright/test';
import { launchChromium, playwrightTab } from './support/chromium';
import { E2E_BUILD, hasCorpus, NO_CORPUS_MESSAGE } from './support/paths';
import { snapshotDom } from './support/probes';
import { rulesScenario } from './support/rules';
import { readingScenario, settledMarks } from './support/scenario';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(() => server.close());

/** The page's DOM in a Chromium without Backstory. */
async function baselineDom(url: string): Promise<string> {
  const { context } = await launchChromium(null);
  try {
    const tab = playwrightTab(await context.newPage());
    await tab.goto(url);
    return await tab.evaluate(snapshotDom);
  } finally {
    await context.close();
  }
}

test.describe('Chromium', () => {
  test('first run opens the manager with a welcome and the starter notes', async () => {
    const { context, session, welcomePage } = await launchChromium(E2E_BUILD.chrome);
    try {
      await session!.welcome.waitForText('h2', 'Welcome to Backstory');
      for (const name of ['Benny Gantz', 'Hulusi Akar', 'weapon sales']) {
        await session!.welcome.waitForText('.entity-name', name);
      }
      // The welcome links to the demo article, where the starter notes are marked.
      const [demo] = await Promise.all([
        context.waitForEvent('page'),
        welcomePage!.getByRole('link', { name: 'demo article' }).click(),
      ]);
      const marks = await settledMarks(playwrightTab(demo));
      expect(marks.map((m) => m.text)).toEqual(
        expect.arrayContaining(['Benny Gantz', 'Hulusi Akar', 'weapon sales', 'Baku']),
      );
    } finally {
      await session!.close();
    }
  });

  for (const page of ['bbc-1', 'wapo-1']) {
    test(`a pack imported in the manager marks ${page}, and the card shows its note`, async () => {
      test.skip(!hasCorpus, NO_CORPUS_MESSAGE);
      const baseline = await baselineDom(`${server.origin}/corpus/${page}.html?scripts=0`);
      const { session } = await launchChromium(E2E_BUILD.chrome);
      try {
        const { marks } = await readingScenario(session!, server.origin, page, baseline);
        expect(marks.length).toBeGreaterThan(5);
      } finally {
        await session!.close();
      }
    });
  }

  test('every matching rule holds on the rules page and the Turkish, Hebrew and Chinese pages', async () => {
    const { session } = await launchChromium(E2E_BUILD.chrome);
    try {
      await rulesScenario(session!, server.origin);
    } finally {
      await session!.close();
    }
  });
});
