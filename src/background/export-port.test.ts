import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { parseCsv } from '../core/csv';
import type { Entity } from '../core/entity';
import { parsePack } from '../core/pack';
import { allEntities } from '../db/entities';
import { nameKey } from '../db/name-key';
import type { BackstoryDb } from '../db/schema';
import { writeVersioned } from '../db/state';
import type { ExportDown, ExportUp } from '../messaging/export-channel';
import { makeEntity, useFreshDb } from '../test-setup/fixtures';
import { t } from '../i18n';
import { serveExport } from './export-port';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

/** Notes with every field a backup keeps, and a long note so a page fills a piece. */
const notes = (count: number): Entity[] =>
  Array.from({ length: count }, (_, i) =>
    makeEntity({
      id: `e${String(i).padStart(5, '0')}`,
      name: `Name ${i}`,
      aliases: [`Alias, ${i}`],
      note: `Note ${i} "quoted"\r\nline ${'x'.repeat(200)}`,
      tags: ['t'],
      links: [{ title: 'L', url: `https://example.org/${i}` }],
      sources: [{ url: 'https://example.org/', title: 'S', quote: 'q', at: '2026-11-30' }],
      matchCase: { [`Alias, ${i}`]: 'exact' },
      extra: { wikidata: `Q${i}`, nested: { deep: [i] } },
      origin: i % 2 ? 'local' : 'Team pack',
      createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_750_000_000_000 + i,
    }),
  );

/** Stores entities as they are, raising the dictionary version as every write does. */
const store = (entities: Entity[]) =>
  writeVersioned(
    db,
    () => db.entities.bulkPut(entities.map((e) => ({ ...e, nameKey: nameKey(e.name, e.kind) }))),
    () => true,
  );

function openExport(
  over: {
    ids?: (q: unknown) => Promise<string[]>;
    recordExport?: (count: number) => Promise<void>;
    pieceChars?: number;
  } = {},
) {
  const received: ExportDown[] = [];
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const disconnect = vi.fn();
  const port = {
    name: 'backstory-export',
    postMessage: (m: ExportDown) => received.push(m),
    disconnect,
    onMessage: { addListener: (f: (m: unknown) => void) => onMessage.push(f) },
    onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
  } as unknown as Runtime.Port;
  const recordExport = vi.fn(over.recordExport ?? (() => Promise.resolve()));
  serveExport(port, {
    db,
    ids: over.ids ?? (() => Promise.resolve([])),
    recordExport,
    pageSize: 20,
    pieceChars: over.pieceChars ?? 10_000,
  });
  const send = (m: ExportUp | Record<string, unknown>) => onMessage.forEach((f) => f(m));
  const next = (count: number) =>
    vi.waitUntil(() => received.length >= count, { timeout: 60_000, interval: 5 });
  /** Asks for pieces until the end, as the manager does; returns the file's text. */
  const drain = async () => {
    await next(1);
    for (;;) {
      const last = received.at(-1)!;
      if (last.kind !== 'piece') break;
      const count = received.length;
      // As the manager does: the last piece is followed by the end, not asked after.
      if (!last.last) send({ kind: 'next' });
      await next(count + 1);
    }
    return received.flatMap((m) => (m.kind === 'piece' ? [m.text] : [])).join('');
  };
  return {
    received,
    send,
    next,
    drain,
    recordExport,
    disconnect,
    close: () => onDisconnect.forEach((f) => f()),
  };
}

describe('export channel, background end', () => {
  it('writes a backup in pieces, one per request, that restores every field of every note', async () => {
    const stored = notes(300);
    await store(stored);
    const p = openExport();
    p.send({ kind: 'start', format: 'pack' });
    await p.next(1);
    // The manager has not asked for more: nothing more comes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.received).toHaveLength(1);
    const text = await p.drain();
    const pieces = p.received.filter((m) => m.kind === 'piece');
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.map((m) => m.done)).toEqual([...pieces.map((m) => m.done)].sort((a, b) => a - b));
    expect(p.received.at(-1)).toEqual({ kind: 'end', count: 300, chars: text.length });

    const parsed = parsePack(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pack.backup?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed.pack.entities).toHaveLength(300);
    // Every field back, origins and ages included: what a restore writes.
    expect(
      parsed.pack.entities.map(({ id, origin, createdAt, updatedAt, extra, matchCase }) => ({
        id,
        origin,
        createdAt,
        updatedAt,
        extra,
        matchCase,
      })),
    ).toEqual(
      stored.map(({ id, origin, createdAt, updatedAt, extra, matchCase }) => ({
        id,
        origin,
        createdAt,
        updatedAt,
        extra,
        matchCase,
      })),
    );
    expect(parsed.pack.entities[7]).toMatchObject({
      name: stored[7]!.name,
      aliases: stored[7]!.aliases,
      note: stored[7]!.note,
      links: stored[7]!.links,
      sources: stored[7]!.sources,
    });

    // Only once the manager saved the file does the backup count.
    expect(p.recordExport).not.toHaveBeenCalled();
    p.send({ kind: 'saved' });
    await vi.waitFor(() => expect(p.disconnect).toHaveBeenCalled());
    expect(p.recordExport).toHaveBeenCalledWith(300);
  });

  it('cuts pages into pieces of at most pieceChars, never between the halves of a character', async () => {
    // 🧭 is two UTF-16 units: at an odd number of units a piece, some pieces would end on its first half.
    const withCompasses = (e: Entity) => ({ ...e, note: `${'🧭'.repeat(100)}${e.note}` });
    await store(notes(3).map(withCompasses));
    const p = openExport({ pieceChars: 31 });
    p.send({ kind: 'start', format: 'pack' });
    const text = await p.drain();
    const pieces = p.received.flatMap((m) => (m.kind === 'piece' ? [m.text] : []));
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.length).toBeGreaterThanOrEqual(30);
      expect(piece.length).toBeLessThanOrEqual(31);
      expect(/[\ud800-\udbff]$/.test(piece)).toBe(false);
    }
    expect(pieces.some((piece) => piece.length === 30)).toBe(true);
    expect(p.received.at(-1)).toEqual({ kind: 'end', count: 3, chars: text.length });
    const parsed = parsePack(text);
    expect(parsed.ok && parsed.pack.entities.map((e) => e.note)).toEqual(
      notes(3).map((e) => withCompasses(e).note),
    );
  });

  it('writes the matching notes as CSV in the order of the query, and does not count it as a backup', async () => {
    await store(notes(50));
    const ids = vi.fn(() => Promise.resolve(['e00042', 'e00003']));
    const p = openExport({ ids });
    const query = { text: 'x', sort: 'name' };
    p.send({ kind: 'start', format: 'csv', query });
    const text = await p.drain();
    expect(ids).toHaveBeenCalledWith(query);
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.entities.map((e) => e.name)).toEqual(['Name 42', 'Name 3']);
    p.send({ kind: 'saved' });
    await vi.waitFor(() => expect(p.disconnect).toHaveBeenCalled());
    expect(p.recordExport).not.toHaveBeenCalled();
  });

  it('writes an empty collection as a valid, empty backup', async () => {
    const p = openExport();
    p.send({ kind: 'start', format: 'pack' });
    const parsed = parsePack(await p.drain());
    expect(parsed.ok && parsed.pack.entities).toEqual([]);
    expect(p.received.at(-1)).toMatchObject({ kind: 'end', count: 0 });
  });

  it('refuses the file when a note changes while it is written, and counts nothing', async () => {
    await store(notes(300));
    const p = openExport();
    p.send({ kind: 'start', format: 'pack' });
    await p.next(1);
    // Another tab saves a note between two pieces.
    await store([makeEntity({ id: 'late', name: 'Late' })]);
    await p.drain();
    const last = p.received.at(-1);
    expect(last).toMatchObject({ kind: 'failed', message: t('errorExportChanged') });
    expect(p.received.some((m) => m.kind === 'end')).toBe(false);
    // The control: the same export with no change ends.
    const q = openExport();
    q.send({ kind: 'start', format: 'pack' });
    await q.drain();
    expect(q.received.at(-1)).toMatchObject({ kind: 'end', count: 301 });
  });

  it('stops at a cancel, or when the manager closes, and sends nothing more', async () => {
    await store(notes(300));
    const p = openExport();
    p.send({ kind: 'start', format: 'pack' });
    await p.next(1);
    p.send({ kind: 'cancel' });
    expect(p.received.at(-1)).toEqual({ kind: 'cancelled' });
    const count = p.received.length;
    p.send({ kind: 'next' });
    p.send({ kind: 'saved' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.received).toHaveLength(count);

    const q = openExport();
    q.send({ kind: 'start', format: 'pack' });
    await q.next(1);
    q.close();
    q.send({ kind: 'next' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(q.received).toHaveLength(1);
    expect(q.recordExport).not.toHaveBeenCalled();
  });

  it.each([
    ['a request before the start', [{ kind: 'next' }]],
    [
      'a second start',
      [
        { kind: 'start', format: 'pack' },
        { kind: 'start', format: 'pack' },
      ],
    ],
    ['an unknown format', [{ kind: 'start', format: 'xml' }]],
    ['a query of the wrong shape', [{ kind: 'start', format: 'pack', query: { text: 1 } }]],
    ['"saved" before the end', [{ kind: 'start', format: 'pack' }, { kind: 'saved' }]],
    ['an unknown message', [{ kind: 'steal' }]],
  ])('stops at %s, saying so, and counts nothing', async (_, messages) => {
    await store(notes(300));
    const p = openExport();
    for (const m of messages) p.send(m);
    await vi.waitUntil(() => p.received.some((m) => m.kind === 'failed'), { timeout: 60_000 });
    expect(p.received.find((m) => m.kind === 'failed')).toEqual({
      kind: 'failed',
      message: t('errorUnknownExportMessage'),
    });
    expect(p.recordExport).not.toHaveBeenCalled();
    expect(await allEntities(db)).toHaveLength(300);
  });
});
