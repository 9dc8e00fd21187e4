/**
 * Pack subscriptions end to end, against a local pack server
 * (src/test-setup/pack-server.ts) that counts its 200s and 304s: subscribe
 * through the manager (the permission asked in the click, the preview, the
 * accept), marks on a page, an update that brings one change with one 200
 * and nothing with a 304, a local edit that survives an update of another
 * field, every kind of bad answer changing nothing and saying why, and a
 * drastic update held.
 */
import { expect } from '@playwright/test';
import type { PackMode, PackServer } from '../../src/test-setup/pack-server';
import { waitFor, type ExtensionSession, type Tab } from './driver';
import { settledMarks } from './scenario';

const TITLE = 'Team briefing notes';

interface StoredNote {
  id: string;
  name: string;
  note: string;
  tags: string[];
  origin: string;
  updatedAt: number;
}

export function teamPack(changes: { note?: Record<string, string>; drop?: string[] } = {}) {
  const people = [
    ['ada', 'Ada Quillfeather', 'Port economist.'],
    ['boris', 'Borislav Penchev-Marr', 'Shipping lawyer.'],
    ['ciara', 'Ciara Dunleavy', 'Adviser to the Harbour Commission.'],
    ['dorian', 'Dorian Vasquez-Holt', 'Union organiser.'],
  ] as const;
  return {
    format: 'backstory-pack',
    version: 1,
    title: TITLE,
    description: 'Who is who in the harbour story.',
    homepage: 'https://packs.example/team',
    license: 'CC-BY-4.0',
    expires: '12h',
    entities: people
      .filter(([id]) => !changes.drop?.includes(id))
      .map(([id, name, note]) => ({
        id,
        name,
        kind: 'person',
        note: changes.note?.[id] ?? note,
        tags: ['harbour'],
      })),
  };
}

/** Runs protocol messages from the manager, as its own code does. */
function send(message: { type: string; payload: unknown }): Promise<unknown> {
  type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  return (g.browser ?? g.chrome).runtime.sendMessage(message);
}

async function ask<T>(manager: Tab, type: string, payload: unknown): Promise<T> {
  const reply = (await manager.evaluate(send, { type, payload })) as
    { ok: true; value: T } | { ok: false; error: string };
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.value;
}

const PEOPLE = new Set<string>(teamPack().entities.map((e) => e.name));

/**
 * The pack's notes as stored, by name: the subscription's, and those the
 * reader edited (an edit makes a note the reader's own, origin "local",
 * while the subscription still brings the fields they left alone).
 */
async function teamNotes(manager: Tab): Promise<StoredNote[]> {
  const { entities } = await ask<{ entities: StoredNote[] }>(manager, 'entitiesQuery', {
    query: { text: '', sort: 'name' },
    limit: 1000,
  });
  return entities.filter((e) => PEOPLE.has(e.name));
}

/** Clicks "Update now" and waits for the check's result line. */
async function updateNow(manager: Tab, button = '[data-testid="sub-update"]'): Promise<string> {
  const reported = () =>
    manager.evaluate(() =>
      Number(
        document
          .querySelector('[data-testid="subscription-results"]')
          ?.getAttribute('data-reported') ?? 0,
      ),
    );
  const before = await reported();
  await manager.click(button);
  await waitFor(async () => (await reported()) > before, `no result after ${button}`);
  return manager.waitForText('[data-testid="subscription-results"]', /./);
}

export async function subscribeScenario(
  session: ExtensionSession,
  origin: string,
  packs: PackServer,
  { name }: { name: string },
): Promise<void> {
  const manager = session.welcome;
  packs.setPack(name, teamPack());
  const url = packs.url(name);

  // Subscribe: the address, the click (the permission), the preview with the pack's own words.
  await manager.click('[data-testid="subscribe-url"]');
  await manager.type(url);
  await manager.click('[data-testid="subscribe"]');
  const feed = await manager.waitForText('[data-testid="preview-feed"]', TITLE);
  expect(feed).toContain('4 notes in the pack');
  expect(feed).toContain('CC-BY-4.0');
  expect(await manager.waitForText('[data-testid="preview-counts"]', /new/)).toContain('4 new');
  // Nothing is stored before the reader confirms.
  expect(await teamNotes(manager)).toEqual([]);
  expect(PEOPLE.size).toBe(4);
  await manager.click('[data-testid="import-preview"] button.primary');
  expect(await manager.waitForText('[data-testid="import-result"]', /added/)).toContain('added 4');
  const state = await manager.waitForText('[data-testid="sub-state"]', '4 notes');
  expect(state).toContain('Next check');
  expect(packs.counts(name)).toMatchObject({ ok: 1, notModified: 0 });

  // Marks appear on a page.
  const page = await session.newTab();
  await page.goto(`${origin}/sites/team.html`);
  const marks = await settledMarks(page);
  expect(marks.map((m) => m.text)).toEqual(
    expect.arrayContaining(['Ada Quillfeather', 'Ciara Dunleavy', 'Dorian Vasquez-Holt']),
  );
  // Closed, so the manager is the tab in front again: in a tab behind another, Firefox started
  // the work of each driven click seconds late, twice as late each time (2 s up to 64 s).
  await page.close();

  // Nothing changed on the server: a 304, and nothing written.
  const before = await teamNotes(manager);
  expect(await updateNow(manager)).toContain('no change');
  expect(packs.counts(name)).toMatchObject({ ok: 1, notModified: 1 });
  expect(await teamNotes(manager)).toEqual(before);

  // The reader tags Ada; the pack changes Ada's note: both survive the update.
  const ada = before.find((n) => n.name === 'Ada Quillfeather')!;
  await ask(manager, 'entitySave', {
    ...ada,
    aliases: [],
    kind: 'person',
    tags: ['harbour', 'mine'],
    baseUpdatedAt: ada.updatedAt,
  });
  packs.setPack(name, teamPack({ note: { ada: 'Port economist; now at the ministry.' } }));
  expect(await updateNow(manager)).toContain('0 added, 1 updated, 0 removed');
  expect(packs.counts(name)).toMatchObject({ ok: 2, notModified: 1 });
  const merged = (await teamNotes(manager)).find((n) => n.name === 'Ada Quillfeather')!;
  expect(merged.note).toBe('Port economist; now at the ministry.');
  expect(merged.tags).toEqual(['harbour', 'mine']);
  expect(merged.origin).toBe('local');
  // The others are the pack's, shown as such in the manager's filter and the card.
  expect((await teamNotes(manager)).filter((n) => n.origin === TITLE)).toHaveLength(3);
  expect(await updateNow(manager)).toContain('no change');
  expect(packs.counts(name)).toMatchObject({ ok: 2, notModified: 2 });

  // Both change Ada's note: a conflict, the reader's version in force until they choose.
  await ask(manager, 'entitySave', {
    ...merged,
    aliases: [],
    kind: 'person',
    note: 'My own view of Ada.',
    baseUpdatedAt: merged.updatedAt,
  });
  packs.setPack(name, teamPack({ note: { ada: 'Port economist; minister since May.' } }));
  expect(await updateNow(manager)).toMatch(/1 notes changed both by you and in the pack/);
  const noteOfAda = async () =>
    (await teamNotes(manager)).find((n) => n.name === 'Ada Quillfeather')!.note;
  expect(await noteOfAda()).toBe('My own view of Ada.');
  await manager.click('[data-testid="sub-conflicts-show"]');
  const side = await manager.waitForText('.subscription .conflict', 'minister since May');
  expect(side).toContain('My own view of Ada.');
  await manager.click('[data-testid="sub-resolve-theirs"]');
  await waitFor(
    async () => (await noteOfAda()) === 'Port economist; minister since May.',
    'the pack’s version was not taken',
  );
  expect((await teamNotes(manager)).find((n) => n.name === 'Ada Quillfeather')!.tags).toEqual([
    'harbour',
    'mine',
  ]);

  // Every bad answer changes nothing and says why.
  const good = await teamNotes(manager);
  const bad: [PackMode, RegExp][] = [
    [{ kind: 'status', status: 404 }, /answered 404/],
    [{ kind: 'status', status: 500 }, /answered 500/],
    [{ kind: 'status', status: 429, retryAfter: '120' }, /answered 429/],
    [{ kind: 'html200' }, /web page, not a pack/],
    [{ kind: 'empty' }, /empty answer/],
    [{ kind: 'truncated' }, /broke off/],
    [{ kind: 'huge', bytes: 52 * 1024 * 1024 }, /larger than 50 MB/],
    // Chromium follows and names where the request went; Firefox fails it, and says it moved.
    [{ kind: 'redirectOther' }, /on to http:\/\/localhost|on to another address/],
  ];
  for (const [mode, words] of bad) {
    packs.setMode(name, mode);
    expect(await updateNow(manager), JSON.stringify(mode)).toMatch(words);
    expect(await manager.waitForText('[data-testid="sub-error"]', words)).toMatch(words);
    expect(await teamNotes(manager), JSON.stringify(mode)).toEqual(good);
  }
  // Not a Backstory pack, and a pack without ids.
  packs.setMode(name, { kind: 'normal' });
  packs.setPack(name, { hello: 'world' });
  expect(await updateNow(manager)).toMatch(/Not a Backstory pack/);
  const withoutIds = teamPack({ note: { ada: 'changed' } });
  packs.setPack(name, {
    ...withoutIds,
    entities: withoutIds.entities.map(({ id: _id, ...rest }) => rest),
  });
  expect(await updateNow(manager)).toMatch(/have no id/);
  expect(await teamNotes(manager)).toEqual(good);

  // A drastic update is held: three of four notes would go.
  packs.setMode(name, { kind: 'normal' });
  packs.setPack(
    name,
    teamPack({
      note: { ada: 'Port economist; minister since May.' },
      drop: ['boris', 'ciara', 'dorian'],
    }),
  );
  expect(await updateNow(manager)).toMatch(/update held, 3 of 4 notes would be removed/);
  await manager.waitForText('[data-testid="sub-held"]', '3 of 4 notes would be removed');
  expect(await teamNotes(manager)).toEqual(good);
  await manager.click('[data-testid="sub-held-keep"]');
  await waitFor(
    () => manager.evaluate(() => !document.querySelector('[data-testid="sub-held"]')),
    'the held update stayed after "Keep current"',
  );
  expect(await teamNotes(manager)).toEqual(good);

  // Unsubscribe, keeping the notes: they stay, as the reader's own, and nothing is fetched again.
  await manager.click('[data-testid="sub-remove"]');
  expect(await updateNow(manager, '[data-testid="sub-remove-keep"]')).toMatch(/Unsubscribed/);
  await waitFor(
    () => manager.evaluate(() => !document.querySelector('[data-testid="subscription"]')),
    'the subscription is still listed',
  );
  const kept = await teamNotes(manager);
  expect(kept.map((n) => n.note)).toEqual(good.map((n) => n.note));
  expect(new Set(kept.map((n) => n.origin))).toEqual(new Set(['local']));
}
