/**
 * Subscriptions from the background's side, end to end in Node: subscribing
 * through the import channel, then the service's checks, with the real
 * fetcher against the local pack server (src/test-setup/pack-server.ts), the
 * database behind fake-indexeddb, and a clock the test moves.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../core/subscription';
import { HOUR } from '../core/subscription-schedule';
import type { BackstoryDb } from '../db/schema';
import { writeVersioned } from '../db/state';
import { useFreshDb } from '../test-setup/fixtures';
import { openImport } from '../test-setup/import-port-fake';
import { startPackServer, type PackServer } from '../test-setup/pack-server';
import { fetchPack, type FetchOptions } from './pack-fetch';
import { SubscriptionService } from './subscription-service';

const fresh = useFreshDb();
let db: BackstoryDb;
let server: PackServer;
let clock: number;
let allowedOrigins: Set<string>;

beforeAll(async () => {
  server = await startPackServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  db = fresh();
  clock = Date.UTC(2026, 11, 1, 9);
  allowedOrigins = new Set([server.origin]);
});

const options: FetchOptions = {
  allowed: (origin) => Promise.resolve(allowedOrigins.has(origin)),
  online: () => true,
};

function pack(notes: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    format: 'backstory-pack',
    version: 1,
    title: 'Harbour',
    expires: '12h',
    ...extra,
    entities: Object.entries(notes).map(([id, note]) => ({ id, name: `Person ${id}`, note })),
  };
}

function service(over: { online?: () => boolean } = {}) {
  return new SubscriptionService({
    db,
    write: (run, changed) => writeVersioned(db, run, changed),
    allowed: options.allowed,
    online: over.online ?? (() => true),
    now: () => clock,
    random: () => 0,
    pace: () => Promise.resolve(),
  });
}

/** Subscribes as the manager does: the import channel's subscribe, its preview, the accept. */
async function subscribe(name: string): Promise<Subscription> {
  const p = openImport(db, undefined, {
    fetchFeed: (url) => fetchPack(url, options),
    now: () => clock,
    random: () => 0,
  });
  p.send({ kind: 'subscribe', url: server.url(name) });
  const preview = await p.preview();
  expect(preview.feed).toMatchObject({ url: server.url(name), title: 'Harbour' });
  expect(await db.subscriptions.where('url').equals(server.url(name)).count()).toBe(0);
  p.send({ kind: 'accept', all: 'mine', except: [] });
  expect(await p.verdict()).toMatchObject({ kind: 'done' });
  return (await db.subscriptions.where('url').equals(server.url(name)).first())!;
}

const note = async (id: string) => (await db.entities.get(id))?.note;

describe('subscribing through the import channel', () => {
  it('previews the pack and stores nothing until the accept; then the notes and the subscription', async () => {
    server.setPack('first', pack({ a: 'One.', b: 'Two.' }));
    const sub = await subscribe('first');
    expect(sub).toMatchObject({ origin: 'Harbour', entityCount: 2, failures: 0, paused: false });
    expect(sub.validators.etag).toBeTruthy();
    // The pack's 12 hours, from now (no spread with random() = 0).
    expect(sub.nextCheck).toBe(clock + 12 * HOUR);
    expect(await note('a')).toBe('One.');
    expect((await db.entities.get('a'))?.origin).toBe('Harbour');
  });

  it('refuses an origin the reader did not allow, a pack without ids, and a second subscription', async () => {
    const refused = async (name: string) => {
      const p = openImport(db, undefined, { fetchFeed: (url) => fetchPack(url, options) });
      p.send({ kind: 'subscribe', url: server.url(name) });
      return p.answer();
    };
    server.setPack('noids', { format: 'backstory-pack', version: 1, entities: [{ name: 'X' }] });
    expect(await refused('noids')).toMatchObject({ kind: 'failed', message: /have no id/ });
    allowedOrigins.clear();
    server.setPack('elsewhere', pack({ a: 'One.' }));
    expect(await refused('elsewhere')).toMatchObject({
      kind: 'failed',
      message: /not allowed to read/,
    });
    expect(server.counts('elsewhere').requests).toBe(0);
    allowedOrigins.add(server.origin);
    await subscribe('elsewhere');
    expect(await refused('elsewhere')).toMatchObject({
      kind: 'failed',
      message: /already subscribe/,
    });
    // The control: only the accepted one wrote anything.
    expect(await db.entities.count()).toBe(1);
    expect(await db.subscriptions.count()).toBe(1);
  });
});

describe('checking a subscription', () => {
  it('asks with the validators: a 304 records the check; a change is one 200 and applied', async () => {
    server.setPack('cond', pack({ a: 'One.', b: 'Two.' }));
    const sub = await subscribe('cond');
    const s = service();
    clock += 13 * HOUR;
    expect(await s.check(sub.id)).toMatchObject({ kind: 'notModified' });
    expect(server.counts('cond')).toMatchObject({ ok: 1, notModified: 1 });
    expect(await db.subscriptions.get(sub.id)).toMatchObject({
      lastSuccess: clock,
      nextCheck: clock + 12 * HOUR,
    });
    server.setPack('cond', pack({ a: 'One, changed.', b: 'Two.' }));
    expect(await s.check(sub.id)).toMatchObject({ kind: 'applied', updated: 1, added: 0 });
    expect(await note('a')).toBe('One, changed.');
    expect(server.counts('cond')).toMatchObject({ ok: 2, notModified: 1 });
  });

  it('backs off 1 h, doubling to a day, takes a longer Retry-After, and starts over after a good answer', async () => {
    server.setPack('flaky', pack({ a: 'One.' }));
    const sub = await subscribe('flaky');
    const s = service();
    server.setMode('flaky', { kind: 'status', status: 500 });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      expect(await s.check(sub.id)).toMatchObject({ kind: 'failed', error: { status: 500 } });
      waits.push(((await db.subscriptions.get(sub.id))!.nextCheck - clock) / HOUR);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 24, 24]);
    const failing = (await db.subscriptions.get(sub.id))!;
    expect(failing).toMatchObject({ failures: 7, failingSince: clock });
    expect(failing.lastError?.error).toEqual({ code: 'status', status: 500 });

    server.setMode('flaky', { kind: 'status', status: 429, retryAfter: String(3 * 86_400) });
    await s.check(sub.id);
    expect((await db.subscriptions.get(sub.id))!.nextCheck - clock).toBe(3 * 24 * HOUR);

    server.setMode('flaky', { kind: 'normal' });
    expect(await s.check(sub.id)).toMatchObject({ kind: 'notModified' });
    const healed = (await db.subscriptions.get(sub.id))!;
    expect(healed.failures).toBe(0);
    expect(healed.lastError).toBeUndefined();
    expect(healed.failingSince).toBeUndefined();
    expect(await note('a')).toBe('One.');
  });

  it('offline is no failure: nothing backs off and nothing changes', async () => {
    server.setPack('away', pack({ a: 'One.' }));
    const sub = await subscribe('away');
    // A server that is gone while the browser says it is offline.
    const gone = await startPackServer();
    await gone.close();
    await db.subscriptions.update(sub.id, { url: gone.url('away') });
    allowedOrigins.add(gone.origin);
    expect(await service({ online: () => false }).check(sub.id)).toMatchObject({
      kind: 'offline',
    });
    const after = (await db.subscriptions.get(sub.id))!;
    expect(after).toMatchObject({ failures: 0, nextCheck: sub.nextCheck });
    expect(after.lastError).toBeUndefined();
    // The control: the same while online is a failure.
    expect(await service().check(sub.id)).toMatchObject({ kind: 'failed' });
  });

  it('the schedule checks only the due ones, most overdue first, and never a paused one', async () => {
    for (const name of ['due-late', 'due-early', 'paused', 'later'])
      server.setPack(name, pack({ [name]: 'x' }));
    const subs = [];
    for (const name of ['due-late', 'due-early', 'paused', 'later'])
      subs.push(await subscribe(name));
    await db.subscriptions.update(subs[0]!.id, { nextCheck: clock - 5 * HOUR });
    await db.subscriptions.update(subs[1]!.id, { nextCheck: clock - 9 * HOUR });
    await db.subscriptions.update(subs[2]!.id, { nextCheck: clock - 9 * HOUR, paused: true });
    await db.subscriptions.update(subs[3]!.id, { nextCheck: clock + HOUR });
    const before = (name: string) => server.counts(name).requests;
    const counts = ['due-late', 'due-early', 'paused', 'later'].map(before);
    const checked = await service().runDue();
    expect(checked.map((c) => c.id)).toEqual([subs[1]!.id, subs[0]!.id]);
    expect(['due-late', 'due-early', 'paused', 'later'].map(before)).toEqual([
      counts[0]! + 1,
      counts[1]! + 1,
      counts[2],
      counts[3],
    ]);
  });

  it('a held update is applied only as the answer it held, and "Keep current" does not hold it again', async () => {
    server.setPack('drastic', pack({ a: '1', b: '2', c: '3', d: '4' }));
    const sub = await subscribe('drastic');
    const s = service();
    server.setPack('drastic', pack({ a: '1, kept' }));
    expect(await s.check(sub.id)).toMatchObject({ kind: 'held', removed: 3, total: 4 });
    expect(await db.entities.count()).toBe(4);
    expect(await note('a')).toBe('1');
    // Keep current: the same answer again is a 304, not held again.
    await s.keepHeld(sub.id);
    expect(await s.check(sub.id)).toMatchObject({ kind: 'notModified' });
    expect((await db.subscriptions.get(sub.id))!.held).toBeUndefined();

    server.setPack('drastic', pack({ a: '1, again' }));
    expect(await s.check(sub.id)).toMatchObject({ kind: 'held' });
    // The server changes once more before the reader applies: the new answer is held instead.
    server.setPack('drastic', pack({ a: '1, newer' }));
    expect(await s.check(sub.id, true)).toMatchObject({ kind: 'held' });
    expect(await note('a')).toBe('1');
    expect(await s.check(sub.id, true)).toMatchObject({ kind: 'applied', removed: 3 });
    expect(await note('a')).toBe('1, newer');
    expect(await db.entities.count()).toBe(1);
  });
});
