import { expect, test } from '@playwright/test';
import { launchFirefox, puppeteerTab } from './support/firefox';
import { E2E_BUILD, hasCorpus, NO_CORPUS_MESSAGE } from './support/paths';
import { snapshotDom } from './support/probes';
import { rulesScenario } from './support/rules';
import { readingScenario } from './support/scenario';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(() => server.close());

/** The page's DOM in a Firefox without Backstory. */
async function baselineDom(url: string): Promise<string> {
  const { browser } = await launchFirefox(null);
  try {
    const tab = puppeteerTab(await browser.newPage());
    await tab.goto(url);
    return await tab.evaluate(snapshotDom);
  } finally {
    await browser.close();
  }
}

test.describe('Firefox', () => {
  test('first run opens the manager with a welcome and the starter notes', async () => {
    const { session } = await launchFirefox(E2E_BUILD.firefox);
    try {
      await session!.welcome.waitForText('h2', 'Welcome to Backstory');
      for (const name of ['Benny Gantz', 'Hulusi Akar', 'weapon sales']) {
        await session!.welcome.waitForText('.entity-name', name);
      }
    } finally {
      await session!.close();
    }
  });

  for (const page of ['bbc-1', 'wapo-1']) {
    test(`a pack imported in the manager marks ${page}, and the card shows its note`, async () => {
      test.skip(!hasCorpus, NO_CORPUS_MESSAGE);
      const baseline = await baselineDom(`${server.origin}/corpus/${page}.html?scripts=0`);
      const { session } = await launchFirefox(E2E_BUILD.firefox);
      try {
        const { marks } = await readingScenario(session!, server.origin, page, baseline);
        expect(marks.length).toBeGreaterThan(5);
      } finally {
        await session!.close();
      }
    });
  }

  test('every matching rule holds on the rules page and the Turkish, Hebrew and Chinese pages', async () => {
    const { session } = await launchFirefox(E2E_BUILD.firefox);
    try {
      await rulesScenario(session!, server.origin);
    } finally {
      await session!.close();
    }
  });
});
