/**
 * A content script cannot forge what Backstory shows: it can write
 * storage.local (the browser lets it), but the settings and the last export
 * live in the background's database, and storage.local only signals that
 * something changed. The forged write below comes from the content script's
 * own world (its isolated context, reached over CDP), as a compromised
 * content script's would. Control: the same change made through the
 * manager switches the site off.
 */
import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { playwrightTab } from './support/chromium';
import { waitFor } from './support/driver';
import { readMarks } from './support/probes';
import { settledMarks } from './support/scenario';

/** The content script's isolated world in the page's top frame. */
async function contentScriptWorld(
  page: Page,
  extensionId: string,
): Promise<CDPSession & { id: number }> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: {
    id: number;
    origin: string;
    name: string;
    auxData?: { type?: string; frameId?: string };
  }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  // Enabling reports every context that already exists.
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const world = await waitFor(
    () =>
      Promise.resolve(
        worlds.find(
          (c) =>
            c.auxData?.type === 'isolated' &&
            c.auxData.frameId === frameTree.frame.id &&
            c.origin === `chrome-extension://${extensionId}`,
        ),
      ),
    'no content script world in the page',
  );
  return Object.assign(cdp, { id: world.id });
}

/** How many times the content script has applied settings it asked the background for. */
const settingsApplied = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByName('backstory-settings')
      .map((e) => (e as PerformanceMark).detail as { enabled: boolean }),
  );

const markCount = (page: Page) => page.evaluate(readMarks).then((marks) => marks.length);

test('a content script writing storage.local changes neither the marks, the manager, nor a new tab', async ({
  context,
  server,
  manager,
  page: demo,
  serviceWorker,
  extensionId,
}) => {
  const url = `${server.origin}/demo.html`;
  await demo.goto(url);
  const marks = (await settledMarks(playwrightTab(demo))).length;
  expect(marks).toBeGreaterThan(0);

  // The forgery: the old keys with values that would switch the site off and hide the
  // backup reminder, and the new signals, so every open page asks the background again.
  const world = await contentScriptWorld(demo, extensionId);
  const forged = await world.send('Runtime.evaluate', {
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
    expression: `chrome.storage.local.set({
      settings: { neverSites: ['127.0.0.1'] },
      lastExport: { at: Date.now(), count: 999 },
      dictionaryVersion: 1e9,
      settingsChanged: Date.now() + 1e6,
      exportChanged: Date.now() + 1e6,
    }).then(() => 'written')`,
  });
  expect(forged.exceptionDetails).toBeUndefined();
  expect(forged.result.value).toBe('written');
  // It is there: the browser let the content script write it.
  expect(
    await serviceWorker.evaluate(`chrome.storage.local.get(['settings', 'lastExport'])`),
  ).toEqual({
    settings: { neverSites: ['127.0.0.1'] },
    lastExport: { at: expect.any(Number), count: 999 },
  });

  // The page heard the signal, asked the background, and still runs here.
  const applied = await waitFor(
    async () => (await settingsApplied(demo)).at(-1),
    'the page did not ask for the settings again',
  );
  expect(applied.enabled).toBe(true);
  expect(await markCount(demo)).toBe(marks);

  // The manager shows the truth, live and after a reload.
  const never = manager.getByLabel('Never run on these sites');
  const lastExport = manager.getByTestId('health-last-export');
  await expect(never).toHaveValue('');
  await expect(lastExport).toHaveText('Never');
  await manager.reload();
  await expect(never).toHaveValue('');
  await expect(lastExport).toHaveText('Never');
  await expect(manager.getByTestId('export-reminder')).toContainText('never exported');
  expect(
    await manager.evaluate(`chrome.runtime.sendMessage({ type: 'settingsGet', payload: {} })`),
  ).toMatchObject({ ok: true, value: { neverSites: [] } });

  // A new tab of the same site is marked.
  const second = await context.newPage();
  await second.goto(url);
  expect((await settledMarks(playwrightTab(second))).length).toBe(marks);

  // Control: the same change made in the manager switches the site off, in both tabs.
  await never.fill('127.0.0.1');
  await manager.getByRole('button', { name: 'Save site rules' }).click();
  await expect(manager.getByTestId('site-rules-status')).toHaveText(/Site rules saved/);
  await waitFor(async () => (await markCount(demo)) === 0, 'the marks stayed in the first tab');
  await waitFor(async () => (await markCount(second)) === 0, 'the marks stayed in the second tab');
  expect((await settingsApplied(demo)).at(-1)?.enabled).toBe(false);
});
