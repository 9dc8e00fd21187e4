/**
 * A compromised content script, in Chromium: code running in Backstory's
 * own content-script world (reached over CDP, as an exploited renderer
 * could) sends every privileged message and opens every privileged port.
 * Each is refused, and nothing changes: a content script gets dictionary
 * data and page matches only, never note text and never a write.
 */
import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { playwrightTab } from './support/chromium';
import { WORK_TIMEOUT } from './support/driver';
import { settledMarks } from './support/scenario';

/** The id of Backstory's isolated world (its content script) in the page's main frame. */
async function contentScriptWorld(page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: { id: number; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  // Enabling reports every context that already exists.
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.auxData?.type === 'isolated');
  if (!world) throw new Error('no content-script world in the page');
  return { cdp, contextId: world.id };
}

async function inContentScript<T>(page: Page, expression: string): Promise<T> {
  const { cdp, contextId } = await contentScriptWorld(page);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
  return result.value as T;
}

/** Run in the content script's world: every privileged request, and the reply each got. */
const ATTACK = `(async () => {
  const send = (type, payload) => chrome.runtime.sendMessage({ type, payload });
  const draft = { name: 'Planted', aliases: [], kind: 'person', note: 'x', tags: [] };
  const replies = {
    entityGet: await send('entityGet', { id: 'starter-benny-gantz' }),
    entitiesSearch: await send('entitiesSearch', { query: 'b' }),
    entitiesQuery: await send('entitiesQuery', { query: { text: '' } }),
    historyList: await send('historyList', { id: 'starter-benny-gantz' }),
    entitySaveNew: await send('entitySave', draft),
    entitySaveOver: await send('entitySave', { ...draft, id: 'starter-benny-gantz' }),
    entitySaveOverWithBase: await send('entitySave', {
      ...draft, id: 'starter-benny-gantz', baseUpdatedAt: 0 }),
    entitiesDelete: await send('entitiesDelete', { ids: ['starter-benny-gantz'] }),
    entitiesTag: await send('entitiesTag', { ids: ['starter-benny-gantz'], add: ['x'], remove: [] }),
    settingsSet: await send('settingsSet', { neverSites: ['127.0.0.1'] }),
    openManager: await send('openManager', { id: 'starter-benny-gantz' }),
  };
  // A port the background closes at once is refused; one it keeps is a failure.
  const port = (name, first) => new Promise((resolve) => {
    const p = chrome.runtime.connect({ name });
    const got = [];
    p.onMessage.addListener((m) => got.push(m));
    p.onDisconnect.addListener(() => resolve({ closed: true, got }));
    if (first) p.postMessage(first);
    setTimeout(() => resolve({ closed: false, got }), ${WORK_TIMEOUT});
  });
  const secret = '0123456789abcdef0123456789abcdef';
  const ports = {
    import: await port('backstory-import', { kind: 'begin', name: 'x.json', size: 10 }),
    export: await port('backstory-export', { kind: 'start', format: 'pack' }),
    cardFrame: await port('backstory-card-frame', { backstoryCard: secret }),
  };
  // Control: what a content script may ask still answers.
  const allowed = {
    dictionaryInfo: await send('dictionaryInfo', {}),
    pageMatch: await send('pageMatch', { text: 'Benny Gantz' }),
  };
  return { replies, ports, allowed };
})()`;

interface Attack {
  replies: Record<string, { ok: boolean; error?: string; value?: unknown }>;
  ports: Record<string, { closed: boolean; got: unknown[] }>;
  allowed: Record<string, { ok: boolean; value?: unknown }>;
}

test('a compromised content script is refused every note, write and port, and changes nothing', async ({
  server,
  page,
  manager,
}) => {
  await page.goto(`${server.origin}/demo.html`);
  const before = await settledMarks(playwrightTab(page));
  const count = manager.locator('#entities-title');
  const total = await count.textContent();

  const attack = await inContentScript<Attack>(page, ATTACK);
  for (const [name, reply] of Object.entries(attack.replies)) {
    expect(reply, name).toMatchObject({ ok: false });
    expect(JSON.stringify(reply), name).not.toContain('Israeli politician');
  }
  expect(attack.replies.entityGet!.error).toMatch(/only Backstory's card and pages/);
  expect(attack.replies.historyList!.error).toMatch(/only Backstory's own pages/);
  for (const [name, port] of Object.entries(attack.ports)) {
    expect(port, name).toEqual({ closed: true, got: [] });
  }
  // The control: the content script's own requests are answered.
  expect(attack.allowed.dictionaryInfo).toMatchObject({ ok: true });
  expect(attack.allowed.pageMatch).toMatchObject({ ok: true });

  // Nothing changed: the same notes, the note itself, the site still marked.
  await expect(count).toHaveText(total!);
  await expect(manager.locator('.entity-name').filter({ hasText: 'Planted' })).toHaveCount(0);
  const note = await manager.evaluate(`chrome.runtime.sendMessage({
    type: 'entityGet', payload: { id: 'starter-benny-gantz' } })`);
  expect(JSON.stringify(note)).toContain('Israeli politician');
  expect(JSON.stringify(note)).not.toContain('"x"');
  const again = await page.context().newPage();
  await again.goto(`${server.origin}/demo.html`);
  expect((await settledMarks(playwrightTab(again))).length).toBe(before.length);
});
