/**
 * Property tests of an import from end to end (src/test-setup/fuzz.ts says
 * how to run more of them, or replay a seed): the file's bytes read as the
 * manager reads them, sent over the import port, previewed, accepted, and
 * the collection exported as the manager exports it (packExport). An
 * accepted file exports and imports again as the same collection; the same
 * file imported twice changes nothing. What is refused: import-refused.fuzz.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allEntities } from '../db/entities';
import { fuzzParams } from '../test-setup/fuzz';
import {
  importAll,
  transport,
  useBackgrounds,
  withCollection,
} from '../test-setup/fuzz-background';
import { validEntries, validPack as pack } from '../test-setup/fuzz-pack';

const open = useBackgrounds();

describe('an import, fuzzed from file to database', () => {
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

        // The backup imported again where it came from is all unchanged.
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
        const first = await withCollection(await open(), start);
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
});
