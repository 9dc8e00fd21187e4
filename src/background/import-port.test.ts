import { beforeEach, describe, expect, it, vi } from 'vitest';
import { allEntities } from '../db/entities';
import type * as dbImport from '../db/import';
import { planImport } from '../db/import';
import type { BackstoryDb } from '../db/schema';
import { useFreshDb } from '../test-setup/fixtures';
import { MAX_PACK_CHARS, type ImportDown } from '../messaging/import-channel';
import { writeBackup } from '../core/pack';
import { openImport } from '../test-setup/import-port-fake';

// planImport as it is, watched: a test waits for a check to end instead of for a while.
vi.mock('../db/import', async (importOriginal) => {
  const actual = await importOriginal<typeof dbImport>();
  return { ...actual, planImport: vi.fn(actual.planImport) };
});

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(() => {
  db = fresh();
});

/** Imports `count` entities through the channel, accepting the preview as it is. */
async function importAll(count: number): Promise<void> {
  const first = openImport(db);
  first.sendFile(pack(count), 1000);
  await first.preview();
  first.send({ kind: 'accept', all: 'mine', except: [] });
  await first.verdict();
}

const pack = (count: number) =>
  JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    entities: Array.from({ length: count }, (_, i) => ({ id: `e${i}`, name: `Name ${i}` })),
  });

describe('import channel, background end', () => {
  it('joins the slices, writes every entity in one go and reports progress', async () => {
    const changed = vi.fn(() => Promise.resolve(1));
    const p = openImport(db, changed);
    p.sendFile(pack(12_000), 1000);
    expect((await p.preview()).counts).toEqual({
      new: 12_000,
      unchanged: 0,
      changed: 0,
      conflict: 0,
    });
    expect(await db.entities.count()).toBe(0);
    p.send({ kind: 'accept', all: 'mine', except: [] });
    expect(await p.verdict()).toMatchObject({ kind: 'done', added: 12_000, kept: 0 });
    expect(await db.entities.count()).toBe(12_000);
    expect(changed).toHaveBeenCalledOnce();
    const writing = p.received.filter((m) => m.kind === 'progress' && m.phase === 'writing');
    expect(writing.map((m) => (m as { done: number }).done)).toEqual([5000, 10_000, 12_000]);
    expect(p.received.filter((m) => m.kind === 'received').length).toBeGreaterThan(1);
    const done = p.received.at(-1) as Extract<ImportDown, { kind: 'done' }>;
    expect(done.addedNames).toHaveLength(200);
  });

  it('writes nothing when the manager closes before the last slice', async () => {
    const p = openImport(db);
    const text = pack(10);
    p.send({ kind: 'slice', text: text.slice(0, 50), format: 'pack' });
    p.disconnect();
    const before = p.received.length;
    p.send({ kind: 'slice', text: text.slice(50), format: 'pack' });
    p.send({ kind: 'end', chars: text.length, format: 'pack', name: 'f.json' });
    // The background answers a slice at once and starts a check with a progress message, both
    // before it returns: nothing posted means neither was taken, so nothing can be written later.
    // (A pause here would prove nothing on a slow machine.)
    expect(p.received.slice(before)).toEqual([]);
    expect(await db.entities.count()).toBe(0);
    expect(p.received.some((m) => m.kind === 'done')).toBe(false);
  });

  it('refuses a file with a slice missing, and writes nothing', async () => {
    const p = openImport(db);
    const text = pack(10);
    p.send({ kind: 'slice', text: text.slice(0, 50), format: 'pack' });
    p.send({ kind: 'end', chars: text.length, format: 'pack', name: 'f.json' });
    const verdict = await p.verdict();
    expect(verdict.kind).toBe('failed');
    expect((verdict as { message: string }).message).toMatch(/did not arrive whole \(50 of/);
    expect(await db.entities.count()).toBe(0);
  });

  it('reports every problem of an invalid pack with the total, and writes nothing', async () => {
    const p = openImport(db);
    const bad = JSON.stringify({
      format: 'backstory-pack',
      version: 1,
      entities: Array.from({ length: 150 }, () => ({ name: '' })),
    });
    p.sendFile(bad, 100);
    const verdict = await p.verdict();
    expect(verdict).toMatchObject({ kind: 'invalid', total: 150 });
    expect((verdict as { issues: unknown[] }).issues).toHaveLength(100);
    expect(await allEntities(db)).toEqual([]);
  });

  it('parses a pack as its slices arrive, and refuses slices that change the format', async () => {
    const p = openImport(db);
    p.sendFile(pack(3), 7);
    expect((await p.preview()).counts).toMatchObject({ new: 3 });

    const mixed = openImport(db);
    mixed.send({ kind: 'slice', text: '{"format":', format: 'pack' });
    mixed.send({ kind: 'slice', text: '"backstory-pack"}', format: 'csv' });
    expect(await mixed.verdict()).toMatchObject({ kind: 'failed' });
    expect(await db.entities.count()).toBe(0);
  });

  it('refuses a file over the size limit and an unknown message', async () => {
    const big = openImport(db);
    // One slice sent over and over: the limit is counted across slices, without 500 MB here.
    const slice = 'x'.repeat(50_000_000);
    for (let sent = 0; sent <= MAX_PACK_CHARS; sent += slice.length)
      big.send({ kind: 'slice', text: slice, format: 'pack' });
    const verdict = await big.verdict();
    expect(verdict.kind).toBe('failed');
    expect((verdict as { message: string }).message).toMatch(/larger/);

    const odd = openImport(db);
    odd.send({ kind: 'write-everything' });
    expect(await odd.verdict()).toMatchObject({ kind: 'failed' });
    expect(await db.entities.count()).toBe(0);
  });

  it('previews the valid part of a partly invalid pack, and writes it only when accepted', async () => {
    const p = openImport(db);
    const text = JSON.stringify({
      format: 'backstory-pack',
      version: 1,
      title: 'Mixed',
      entities: [{ name: 'Good' }, { name: '' }, { name: 'Also good', kind: 'alien' }],
    });
    p.sendFile(text, 40);
    const preview = await p.preview();
    expect(preview).toMatchObject({ origin: 'Mixed', issueTotal: 2 });
    expect(preview.counts.new).toBe(1);
    expect(preview.issues.map((i) => [i.entry, i.field])).toEqual([
      [2, 'name'],
      [3, 'kind'],
    ]);
    p.send({ kind: 'accept', all: 'mine', except: [] });
    expect(await p.verdict()).toMatchObject({ kind: 'done', added: 1 });
    expect((await allEntities(db)).map((e) => [e.name, e.origin])).toEqual([['Good', 'Mixed']]);
  });

  it('cancel after the preview writes nothing', async () => {
    const p = openImport(db);
    p.sendFile(pack(5), 1000);
    await p.preview();
    p.send({ kind: 'cancel' });
    expect(await p.verdict()).toMatchObject({ kind: 'cancelled' });
    expect(await db.entities.count()).toBe(0);
  });

  it('shows a local edit against the file as a conflict, and keeps it unless chosen', async () => {
    await importAll(3);
    await db.entities.update('e1', { note: 'my own words', origin: 'local' });

    const again = JSON.stringify({
      format: 'backstory-pack',
      version: 1,
      entities: [
        { id: 'e0', name: 'Name 0' },
        { id: 'e1', name: 'Name 1', note: 'the file says' },
        { id: 'e2', name: 'Name 2', note: 'updated by the file' },
      ],
    });
    const p = openImport(db);
    p.sendFile(again, 1000);
    const preview = await p.preview();
    expect(preview.counts).toEqual({ new: 0, unchanged: 1, changed: 1, conflict: 1 });
    expect(preview.conflicts.map((c) => [c.id, c.mine.note, c.theirs.note])).toEqual([
      ['e1', 'my own words', 'the file says'],
    ]);
    p.send({ kind: 'accept', all: 'mine', except: [] });
    expect(await p.verdict()).toMatchObject({ kind: 'done', added: 0, updated: 1, kept: 2 });
    expect((await db.entities.get('e1'))?.note).toBe('my own words');
    expect((await db.entities.get('e2'))?.note).toBe('updated by the file');
  });
});

describe('the reader’s choices for conflicts', () => {
  it('"theirs for all" takes only the conflicts the preview showed, minus the exceptions', async () => {
    await importAll(3);
    await db.entities.update('e0', { note: 'mine 0', origin: 'local' });
    await db.entities.update('e1', { note: 'mine 1', origin: 'local' });

    const file = JSON.stringify({
      format: 'backstory-pack',
      version: 1,
      entities: [0, 1, 2].map((i) => ({ id: `e${i}`, name: `Name ${i}`, note: `file ${i}` })),
    });
    const p = openImport(db);
    p.sendFile(file, 1000);
    expect((await p.preview()).conflicts.map((c) => c.id)).toEqual(['e0', 'e1']);
    // Between the preview and the click, e2 becomes the reader's too: a new conflict.
    await db.entities.update('e2', { note: 'mine 2', origin: 'local' });
    p.send({ kind: 'accept', all: 'theirs', except: ['e1'] });
    await p.verdict();
    const notes = (await allEntities(db)).map((e) => e.note);
    expect(notes).toEqual(['file 0', 'mine 1', 'mine 2']);
  });

  it('"theirs for all" leaves a conflict the reader changed again after the preview', async () => {
    await importAll(2);
    await db.entities.update('e0', { note: 'mine 0', origin: 'local', updatedAt: 5 });
    await db.entities.update('e1', { note: 'mine 1', origin: 'local', updatedAt: 5 });
    const file = JSON.stringify({
      format: 'backstory-pack',
      version: 1,
      entities: [0, 1].map((i) => ({ id: `e${i}`, name: `Name ${i}`, note: `file ${i}` })),
    });
    const p = openImport(db);
    p.sendFile(file, 1000);
    expect((await p.preview()).conflicts.map((c) => c.id)).toEqual(['e0', 'e1']);
    // Another tab saves e1 again while the preview is open.
    await db.entities.update('e1', { note: 'mine 1, edited since', updatedAt: 6 });
    p.send({ kind: 'accept', all: 'theirs', except: [] });
    await p.verdict();
    expect((await allEntities(db)).map((e) => e.note)).toEqual(['file 0', 'mine 1, edited since']);
  });

  it('a cancel while the file is being checked writes nothing and sends no preview', async () => {
    const p = openImport(db);
    p.sendFile(pack(20_000), 1_000_000);
    p.send({ kind: 'cancel' });
    expect(await p.verdict()).toMatchObject({ kind: 'cancelled' });
    // The check goes on to its end; wait until it has (its plan settled), rather than a fixed
    // time that a slow machine could outlast, then see that it sent no preview.
    await vi.waitUntil(() => vi.mocked(planImport).mock.settledResults.length > 0, {
      timeout: 120_000,
    });
    await new Promise((r) => setTimeout(r));
    expect(p.received.some((m) => m.kind === 'preview')).toBe(false);
    expect(await db.entities.count()).toBe(0);
  });
});

describe('import channel, the file handed over', () => {
  const fileMessage = (file: unknown, format = 'pack', encoding = 'auto') => ({
    kind: 'file',
    file,
    format,
    name: 'file.json',
    encoding,
  });

  it('reads the File itself to the same preview and import as its slices, with progress', async () => {
    const text = pack(3_000);
    const sliced = openImport(db);
    sliced.sendFile(text, 10_000);
    const expected = await sliced.preview();
    sliced.send({ kind: 'cancel' });

    const p = openImport(db);
    p.send(fileMessage(new Blob([text])));
    expect(await p.preview()).toEqual(expected);
    const reading = p.received.filter((m) => m.kind === 'progress' && m.phase === 'reading');
    expect(reading.length).toBeGreaterThan(1);
    expect(reading[0]).toMatchObject({ done: 0, total: new Blob([text]).size });
    p.send({ kind: 'accept', all: 'mine', except: [] });
    expect(await p.verdict()).toMatchObject({ kind: 'done', added: 3_000 });
    expect(await db.entities.count()).toBe(3_000);
  });

  it('reads a CSV file, and a UTF-16 one, as their slices would be read', async () => {
    const csv = 'name,kind\nAda Lovelace,person\nBabbage,person\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...csv].flatMap((c) => [c.charCodeAt(0), 0])]);
    for (const bytes of [new TextEncoder().encode(csv), utf16]) {
      const p = openImport(db);
      p.send(fileMessage(new Blob([bytes]), 'csv'));
      expect((await p.preview()).counts).toMatchObject({ new: 2 });
      p.send({ kind: 'cancel' });
    }
  });

  it('asks for the text when the File arrived without its contents (JSON serialization)', async () => {
    const p = openImport(db);
    // What JSON.stringify makes of a File in a Chrome before 148.
    p.send(fileMessage({}));
    await vi.waitUntil(() => p.received.some((m) => m.kind === 'sendText'));
    // Nothing has started: the slices follow, and are read as ever.
    p.sendFile(pack(3), 7);
    expect((await p.preview()).counts).toMatchObject({ new: 3 });
  });

  it('refuses a file that is not text in its encoding, and one of an unknown format or encoding', async () => {
    const p = openImport(db);
    p.send(fileMessage(new Blob([new Uint8Array([0x7b, 0xff, 0xfe, 0xfd, 0x22, 0x7d])])));
    const verdict = await p.verdict();
    expect(verdict).toMatchObject({ kind: 'failed' });
    expect((verdict as { message: string }).message).toContain('UTF-8');

    for (const odd of [
      fileMessage(new Blob([pack(1)]), 'xml'),
      fileMessage(new Blob([pack(1)]), 'pack', 'ebcdic'),
    ]) {
      const q = openImport(db);
      q.send(odd);
      expect(await q.verdict()).toMatchObject({ kind: 'failed' });
    }
    expect(await db.entities.count()).toBe(0);
  });

  it('stops reading at a cancel, and at a closed manager, writing nothing', async () => {
    const text = pack(20_000);
    const cancelled = openImport(db);
    cancelled.send(fileMessage(new Blob([text])));
    cancelled.send({ kind: 'cancel' });
    expect(await cancelled.verdict()).toMatchObject({ kind: 'cancelled' });

    const closed = openImport(db);
    closed.send(fileMessage(new Blob([text])));
    closed.disconnect();
    // Its control: the same file, left to be read, is previewed.
    const read = openImport(db);
    read.send(fileMessage(new Blob([text])));
    expect((await read.preview()).counts).toMatchObject({ new: 20_000 });
    expect(cancelled.received.some((m) => m.kind === 'preview')).toBe(false);
    expect(closed.received.some((m) => m.kind === 'preview')).toBe(false);
    expect(await db.entities.count()).toBe(0);
  });
});

describe('regressions found by the fuzz tests (import.fuzz.test.ts)', () => {
  // Seed 1402: a pack's title (up to 300 characters) became its notes' origin whole; their
  // backup then wrote an origin over the 200 a note may have, and was refused on restore.
  it('cuts a long title to the 200 characters of an origin, and its backup restores', async () => {
    const title = `${'n'.repeat(199)} ${'m'.repeat(100)}`;
    const first = openImport(db);
    first.sendFile(
      JSON.stringify({ format: 'backstory-pack', version: 1, title, entities: [{ name: 'A' }] }),
    );
    // Cut at 200, and the space it then ends in dropped, as a restore would trim it.
    expect(await first.preview()).toMatchObject({ origin: 'n'.repeat(199) });
    first.send({ kind: 'accept', all: 'mine', except: [] });
    await first.verdict();
    const stored = await allEntities(db);

    const backup = writeBackup(stored);
    await db.entities.clear();
    const restore = openImport(db);
    restore.sendFile(backup);
    expect(await restore.preview()).toMatchObject({ issueTotal: 0, counts: { new: 1 } });
    restore.send({ kind: 'accept', all: 'mine', except: [] });
    await restore.verdict();
    expect(await allEntities(db)).toEqual(stored);
  });

  it('does not let a title cut to "local" pass for the reader’s own notes', async () => {
    const p = openImport(db);
    p.sendFile(
      JSON.stringify({
        format: 'backstory-pack',
        version: 1,
        title: `local${' '.repeat(200)}x`,
        entities: [{ name: 'A' }],
      }),
    );
    expect(await p.preview()).toMatchObject({ origin: 'local (file.json)' });
  });
});
