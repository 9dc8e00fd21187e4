/**
 * Nothing saved is lost when Chrome stops the background: 200 notes are
 * saved from the manager while the extension's service worker is stopped
 * (CDP `ServiceWorker.stopAllWorkers`) at random moments. Afterwards every
 * note the database holds, every one whose save was answered "saved" among
 * them, is marked on a page that names them all, and again after the
 * browser is restarted on the same profile. The dictionary version is
 * raised in the save's own transaction (src/db/state.ts writeVersioned), so
 * no stop can leave a note stored but missing from the dictionary. A save
 * left unanswered is then tried again, as a reader would, with the id its
 * editor made for the new note (`fresh`, src/db/entities.ts): one written
 * before its stop is saved over, so every note is stored exactly once.
 *
 * Chromium only: Firefox's background is a page that is not stopped this
 * way, and BiDi has no such command.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { playwrightTab, startChromium, welcomePageOf } from './support/chromium';
import { E2E_BUILD } from './support/paths';
import { settledMarks } from './support/scenario';

/** The extension's API in its own pages (the manager), where these functions run. */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const SAVES = 200;
/** The seed of the stops' timing, printed so a failing run can be repeated. */
const SEED = Number(process.env.BACKSTORY_FAULT_SEED ?? Date.now() % 1_000_000);

/** A small seeded generator (mulberry32): the same seed, the same moments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nameOf = (i: number) => `Faultline Person ${String(i).padStart(3, '0')}`;

/** Every note's name, as the background answers after whatever happened to it. */
async function storedNames(manager: Page): Promise<string[]> {
  const reply = (await manager.evaluate(() =>
    chrome.runtime.sendMessage({
      type: 'entitiesQuery',
      payload: { query: { text: 'Faultline', sort: 'name' }, limit: 1000 },
    }),
  )) as { ok: boolean; value: { entities: { name: string }[] } };
  expect(reply.ok).toBe(true);
  return reply.value.entities.map((e) => e.name).filter((n) => n.startsWith('Faultline'));
}

/** The names marked on a page that mentions all 200, once its marks have settled. */
async function markedNames(context: BrowserContext, origin: string): Promise<string[]> {
  const url = `${origin}/fault-injection.html`;
  const page = await context.newPage();
  // The page names every note, one paragraph each.
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><title>Names</title><body>${Array.from(
        { length: SAVES },
        (_, i) => `<p>Today ${nameOf(i)} spoke.</p>`,
      ).join('')}</body>`,
    }),
  );
  await page.goto(url);
  const marks = await settledMarks(playwrightTab(page));
  await page.close();
  return [...new Set(marks.map((m) => m.text))].sort();
}

test('notes saved while the background is stopped at random moments are all marked, also after a restart', async ({
  server,
}, testInfo) => {
  test.setTimeout(15 * 60_000);
  const profile = mkdtempSync(join(tmpdir(), 'backstory-profile-'));
  let context = await startChromium(E2E_BUILD.chrome, [], profile);
  try {
    const manager = await welcomePageOf(context);
    // The first run settled: the starter notes are in.
    await expect(manager.locator('#entities-title')).toHaveText(/\(11\)/);
    const cdp = await context.newCDPSession(manager);
    await cdp.send('ServiceWorker.enable');
    const next = random(SEED);

    // The saves, one after another as a reader makes them; after about half of
    // them are sent, the worker is stopped a random 0 to 40 ms later (inside the
    // handler, the transaction, or the reply). A save with no answer in 20 s
    // counts as unanswered: its outcome is unknown to the reader.
    const results: { name: string; ok: boolean }[] = [];
    let stops = 0;
    /** Each new note's id, made once by its "editor" and sent at every try. */
    const ids = Array.from({ length: SAVES }, () => crypto.randomUUID());
    const save = (i: number) =>
      manager.evaluate(
        ({ id, name, i }) =>
          Promise.race([
            chrome.runtime
              .sendMessage({
                type: 'entitySave',
                payload: {
                  id,
                  fresh: true,
                  name,
                  aliases: [],
                  kind: 'person',
                  note: `Note ${i}`,
                  tags: [],
                },
              })
              .then((r) => (r as { ok?: boolean } | undefined)?.ok === true)
              .catch(() => false),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000)),
          ]),
        { id: ids[i]!, name: nameOf(i), i },
      );
    for (let i = 0; i < SAVES; i++) {
      const name = nameOf(i);
      const reply = save(i);
      if (next() < 0.5) {
        await new Promise((resolve) => setTimeout(resolve, next() * 40));
        await cdp.send('ServiceWorker.stopAllWorkers');
        stops++;
      }
      results.push({ name, ok: await reply });
    }
    const faults = `seed ${SEED}: ${stops} stops; ${results.filter((r) => !r.ok).length} of ${SAVES} saves unanswered`;
    testInfo.annotations.push({ type: 'faults', description: faults });
    console.log(`fault injection, ${faults}`);
    expect(stops).toBeGreaterThan(SAVES / 4);

    const answeredSaved = results.filter((r) => r.ok).map((r) => r.name);
    const before = await storedNames(manager);
    // Every save answered "saved" is stored; an unanswered one may or may not be.
    expect(answeredSaved.filter((n) => !before.includes(n))).toEqual([]);
    const written = results.filter((r) => !r.ok && before.includes(r.name)).length;
    console.log(`fault injection: ${written} unanswered saves had been written`);

    // The unanswered saves tried again, the worker left running: each is
    // answered, and none makes a second note.
    for (let i = 0; i < SAVES; i++) {
      for (let tries = 0; !results[i]!.ok && tries < 5; tries++) results[i]!.ok = await save(i);
    }
    expect(results.filter((r) => !r.ok).map((r) => r.name)).toEqual([]);
    const stored = await storedNames(manager);
    expect(stored.sort()).toEqual(Array.from({ length: SAVES }, (_, i) => nameOf(i)));
    // Every stored note is marked, and nothing else.
    expect(await markedNames(context, server.origin)).toEqual(stored);

    // The same after the browser restarts on the same profile.
    await context.close();
    context = await startChromium(E2E_BUILD.chrome, [], profile);
    expect(await markedNames(context, server.origin)).toEqual(stored);
  } finally {
    await context.close();
  }
});
