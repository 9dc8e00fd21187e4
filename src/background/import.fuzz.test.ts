/**
 * Property tests of an import from end to end (src/test-setup/fuzz.ts says
 * how to run more of them, or replay a seed): the file's bytes read as the
 * manager reads them, sent over the import port, previewed, accepted, and
 * the collection exported as the manager exports it. Any file gets a preview
 * or a refusal; an accepted file exports and imports again as the same
 * collection; what is refused changes nothing.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../core/limits';
import { allEntities, saveEntity } from '../db/entities';
import { fuzzParams, jsonJunk } from '../test-setup/fuzz';
import { openBackground, type Background } from '../test-setup/fuzz-background';
import { anyLayout, anyTable, notesTable, sound, writeRows } from '../test-setup/fuzz-csv';
import { header, packText, validEntries, type Generated } from '../test-setup/fuzz-pack';
import { breakage, junkPack } from '../test-setup/fuzz-pack-bad';

const opened: Background[] = [];
const open = async () => {
  const bg = await openBackground();
  opened.push(bg);
  return bg;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((bg) => bg.close()));
});

/** How the manager happens to read and send the file: in how many chunks of bytes, slices of text. */
const transport = fc.record({
  chunks: fc.integer({ min: 1, max: 40 }),
  slices: fc.integer({ min: 1, max: 40 }),
});

const pack = fc.tuple(header, validEntries(4, 1)).map(([head, entries]) => ({
  head,
  entries,
  text: packText(
    head,
    entries.map((e) => e.raw),
  ),
}));

/** Imports a file and accepts it as the preview shows it (the reader's versions kept). */
async function importAll(bg: Background, text: string, format: 'pack' | 'csv' = 'pack') {
  const file = await bg.importText(text, format);
  if (file.answer.kind !== 'preview') return file.answer;
  return file.accept();
}

/** A collection to start from: a team's pack, whose first note the reader then edited. */
async function withCollection(entries: readonly Generated[]) {
  const bg = await open();
  await importAll(
    bg,
    packText(
      { title: 'Team pack' },
      entries.map((e) => e.raw),
    ),
  );
  const [first] = await allEntities(bg.db);
  if (first) await saveEntity(bg.db, { ...first, note: 'the reader’s own' });
  return bg;
}

describe('an import, fuzzed from file to database', () => {
  it('answers any file with a preview or a readable refusal; a refusal or a cancel changes nothing', async () => {
    const file = fc.oneof(
      jsonJunk(pack.map((p) => p.text)).map((text) => ({ text, format: 'pack' as const })),
      junkPack.map((text) => ({ text, format: 'pack' as const })),
      fc
        .tuple(anyTable, anyLayout)
        .map(([rows, layout]) => ({ text: writeRows(rows, layout), format: 'csv' as const })),
    );
    await fc.assert(
      fc.asyncProperty(validEntries(3), file, transport, async (start, { text, format }, how) => {
        const bg = await withCollection(start);
        const before = await bg.dump();
        const sent = await bg.importText(text, format, how.chunks, how.slices);
        expect(['preview', 'invalid', 'failed']).toContain(sent.answer.kind);
        // A file whose text is not UTF-8 is refused before anything is sent, with a message.
        if (sent.answer.kind === 'failed') expect(sent.answer.message).toMatch(/./);
        if (sent.answer.kind === 'preview') await sent.cancel();
        expect(await bg.dump()).toEqual(before);
      }),
      fuzzParams(1401, 30),
    );
  });

  it('exports an accepted pack as a backup that imports as the same collection', async () => {
    await fc.assert(
      fc.asyncProperty(pack, transport, async ({ text }, how) => {
        const first = await open();
        const file = await first.importText(text, 'pack', how.chunks, how.slices);
        expect(file.answer.kind).toBe('preview');
        expect(await file.accept()).toMatchObject({ kind: 'done' });
        const backup = await first.exportAll('pack');

        const second = await open();
        const restored = await second.importText(backup, 'pack', how.chunks, how.slices);
        expect(restored.answer).toMatchObject({ kind: 'preview', issueTotal: 0 });
        expect(await restored.accept()).toMatchObject({ kind: 'done' });
        const collection = await allEntities(first.db);
        expect(await allEntities(second.db)).toEqual(collection);

        // The backup imported again where it came from is all unchanged, and changes nothing.
        const again = await first.importText(backup, 'pack');
        expect(again.answer).toMatchObject({
          kind: 'preview',
          counts: { new: 0, changed: 0, conflict: 0, unchanged: collection.length },
        });
      }),
      fuzzParams(1402, 30),
    );
  });

  it('exports a collection that imports took over (the reader’s notes too) as a backup that restores it', async () => {
    await fc.assert(
      fc.asyncProperty(validEntries(3), pack, fc.boolean(), async (start, { text }, theirs) => {
        const first = await withCollection(start);
        const file = await first.importText(text, 'pack');
        if (file.answer.kind === 'preview') await file.accept(theirs ? 'theirs' : 'mine');
        const backup = await first.exportAll('pack');

        const second = await open();
        const restored = await second.importText(backup, 'pack');
        expect(restored.answer).toMatchObject({ kind: 'preview', issueTotal: 0 });
        await restored.accept();
        expect(await allEntities(second.db)).toEqual(await allEntities(first.db));
      }),
      fuzzParams(1407, 30),
    );
  });

  it('exports an accepted pack as CSV that imports as the same names, aliases, kinds, tags and notes', async () => {
    const basic = (list: Awaited<ReturnType<typeof allEntities>>) =>
      list.map(({ id, name, aliases, kind, tags, note }) => ({
        id,
        name,
        aliases,
        kind,
        tags,
        note,
      }));
    await fc.assert(
      fc.asyncProperty(pack, transport, async ({ text }, how) => {
        const first = await open();
        expect(await importAll(first, text)).toMatchObject({ kind: 'done' });
        const csv = await first.exportAll('csv');

        const second = await open();
        const sheet = await second.importText(csv, 'csv', how.chunks, how.slices);
        const collection = await allEntities(first.db);
        expect(sheet.answer).toMatchObject({ kind: 'preview', issueTotal: 0 });
        expect(await sheet.accept()).toMatchObject({ kind: 'done' });
        expect(basic(await allEntities(second.db))).toEqual(basic(collection));

        const again = await first.importText(csv, 'csv');
        expect(again.answer).toMatchObject({
          kind: 'preview',
          counts: { new: 0, changed: 0, conflict: 0, unchanged: collection.length },
        });
      }),
      fuzzParams(1403, 30),
    );
  });

  it('changes nothing when the same pack is imported again', async () => {
    await fc.assert(
      fc.asyncProperty(pack, async ({ text }) => {
        const bg = await open();
        expect(await importAll(bg, text)).toMatchObject({ kind: 'done' });
        const before = await bg.dump();
        const again = await bg.importText(text, 'pack');
        expect(again.answer).toMatchObject({
          kind: 'preview',
          counts: { changed: 0, conflict: 0 },
        });
        expect(await again.accept('theirs')).toMatchObject({ kind: 'done', added: 0, updated: 0 });
        expect(await bg.dump()).toEqual(before);
      }),
      fuzzParams(1405, 30),
    );
  });

  describe('with the clock and ids fixed, so two imports can be compared', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
    });
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });
    const countIds = () => {
      let n = 0;
      vi.spyOn(crypto, 'randomUUID').mockImplementation(
        () => `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`,
      );
    };

    it('writes for a file with refused entries exactly what it writes for the file without them', async () => {
      const file = fc
        .tuple(
          validEntries(4),
          validEntries(3),
          fc.array(fc.tuple(fc.nat(), breakage), { minLength: 1, maxLength: 3 }),
          header,
        )
        .map(([start, fresh, breaks, head]) => {
          // The file updates some of the collection's notes, adds others, and breaks some.
          const ids = new Set(fresh.flatMap((f) => f.expected.id ?? []));
          const updates = start
            .filter((_, i) => i % 2 === 0)
            .map(({ raw, expected }): Record<string, unknown> => {
              const { id: _, ...rest } = raw;
              // An id the new notes also use would repeat in the file.
              return { ...(expected.id && ids.has(expected.id) ? rest : raw), note: 'the file’s' };
            });
          const valid = [...updates, ...fresh.map((e) => e.raw)];
          const all: unknown[] = [...valid];
          for (const [at, { apply }] of breaks) {
            const { id: _, ...base } = valid[at % Math.max(valid.length, 1)] ?? { name: 'B' };
            all.splice(at % (all.length + 1), 0, apply(base));
          }
          return { start, head, valid, all };
        });
      await fc.assert(
        fc.asyncProperty(file, async ({ start, head, valid, all }) => {
          const dumps = [];
          for (const entities of [all, valid]) {
            countIds();
            const bg = await withCollection(start);
            const sent = await bg.importText(packText(head, entities), 'pack');
            if (sent.answer.kind === 'preview') await sent.accept('theirs');
            else expect(sent.answer).toMatchObject({ kind: 'invalid' });
            dumps.push(await bg.dump());
          }
          expect(dumps[0]).toEqual(dumps[1]);
        }),
        fuzzParams(1404, 25),
      );
    });

    it('writes for a CSV file with refused rows exactly what it writes for the file without them', async () => {
      /** A row the reader's file could hold that is refused: by its name, kind, note or width. */
      const refused = (header: readonly string[], row: readonly string[], how: number) => {
        const column = (name: string) => header.findIndex((c) => c.trim().toLowerCase() === name);
        const broken = [...row];
        const kind = column('kind');
        const note = column('note');
        if (how === 1 && kind !== -1) broken[kind] = 'planet';
        else if (how === 2 && note !== -1) broken[note] = 'n'.repeat(LIMITS.note + 1);
        else if (how === 3) broken.push('a cell past the header');
        else broken[column('name')] = ' ';
        return broken;
      };
      const file = fc
        .tuple(
          validEntries(3),
          notesTable,
          fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(3)), { minLength: 1, maxLength: 3 }),
          sound,
        )
        .map(
          ([
            start,
            {
              rows: [header, ...rows],
            },
            breaks,
            layout,
          ]) => {
            const all = [...rows];
            for (const [at, base, how] of breaks)
              if (rows.length)
                all.splice(
                  at % (all.length + 1),
                  0,
                  refused(header!, rows[base % rows.length]!, how),
                );
            return { start, layout, valid: [header!, ...rows], all: [header!, ...all] };
          },
        );
      await fc.assert(
        fc.asyncProperty(file, async ({ start, layout, valid, all }) => {
          const dumps = [];
          for (const rows of [all, valid]) {
            countIds();
            const bg = await withCollection(start);
            const sent = await bg.importText(writeRows(rows, layout), 'csv');
            if (sent.answer.kind === 'preview') await sent.accept('theirs');
            else expect(sent.answer).toMatchObject({ kind: 'invalid' });
            dumps.push(await bg.dump());
          }
          expect(dumps[0]).toEqual(dumps[1]);
        }),
        fuzzParams(1406, 20),
      );
    });
  });
});
