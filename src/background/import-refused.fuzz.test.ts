/**
 * Property tests of what an import refuses (src/test-setup/fuzz.ts says how
 * to run more of them, or replay a seed), from the file's bytes over the
 * import port as the manager sends them: any file gets a preview or a
 * refusal a reader can read; a refused file, and refused entries or rows,
 * change nothing in a database that held a collection.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../core/limits';
import { fuzzParams, jsonJunk } from '../test-setup/fuzz';
import { transport, useBackgrounds, withCollection } from '../test-setup/fuzz-background';
import { anyLayout, anyTable, notesTable, sound, writeRows } from '../test-setup/fuzz-csv';
import { header, packText, validEntries, validPack as pack } from '../test-setup/fuzz-pack';
import { breakage, junkPack } from '../test-setup/fuzz-pack-bad';

const open = useBackgrounds();

describe('an import refuses, fuzzed from file to database', () => {
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
        const bg = await withCollection(await open(), start);
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
            const bg = await withCollection(await open(), start);
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
            const bg = await withCollection(await open(), start);
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
