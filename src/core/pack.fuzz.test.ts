/**
 * Property tests of the pack parser (src/test-setup/fuzz.ts says how to run
 * more of them, or replay a seed): whatever the text, parsing returns; what a
 * valid pack holds comes back as written, at every limit; an entry broken in
 * one field is refused by number and field, and only it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from './entity';
import {
  describeIssue,
  parsePack,
  writeBackup,
  type PackEntity,
  type PackParseResult,
} from './pack';
import { fuzzParams, jsonJunk } from '../test-setup/fuzz';
import { header, packText, validEntries } from '../test-setup/fuzz-pack';
import { breakage, headerBreakage, junkPack } from '../test-setup/fuzz-pack-bad';

/** The longest a reported problem may be, place included: a reader reads it in a list. */
const READABLE = 500;

const validPack = fc
  .tuple(header, validEntries(4), fc.constantFrom(0 as const, 2 as const, '\t' as const))
  .map(([head, entries, indent]) => ({
    head,
    entries,
    text: packText(
      head,
      entries.map((e) => e.raw),
      indent,
    ),
  }));

/** Entities as stored, from what a pack gave: times and origin filled in where it had none. */
const stored = (entities: readonly PackEntity[]): Entity[] =>
  entities.map((e, i) => ({
    ...e,
    id: e.id ?? `generated-${i}`,
    origin: e.origin ?? 'Pack',
    createdAt: e.createdAt ?? e.updatedAt ?? 1_000,
    updatedAt: e.updatedAt ?? e.createdAt ?? 1_000,
  }));

/** A result either accepts entries that write and read back as they are, or says what is wrong. */
function expectSound(result: PackParseResult, entryCount: number) {
  const entities = result.ok ? result.pack.entities : result.valid;
  if (entities.length) {
    const again = parsePack(writeBackup(stored(entities)));
    expect(again.ok && again.pack.entities).toEqual(stored(entities));
  }
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    const text = describeIssue(issue);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(READABLE);
    expect(issue.params.join('').length).toBeLessThanOrEqual(READABLE);
    // The reader's words (the code and its parameters) say what the English message says.
    if (issue.code === 'notOneOf') expect(issue.message).toContain(issue.params[0]);
    if (issue.entry !== undefined) {
      expect(issue.entry).toBeGreaterThanOrEqual(1);
      expect(issue.entry).toBeLessThanOrEqual(entryCount);
    }
  }
}

const entryCount = (text: string) => {
  try {
    const doc = JSON.parse(text) as { entities?: unknown };
    return Array.isArray(doc?.entities) ? doc.entities.length : 0;
  } catch {
    return 0;
  }
};

describe('parsePack, fuzzed', () => {
  it('returns for any text: accepted entries that read back, or readable problems', () => {
    fc.assert(
      fc.property(fc.oneof(jsonJunk(validPack.map((p) => p.text)), junkPack), (text) => {
        expectSound(parsePack(text), entryCount(text));
      }),
      fuzzParams(1201, 200),
    );
  });

  it('gives back every entry of a valid pack as written, at every limit', () => {
    fc.assert(
      fc.property(validPack, ({ text, entries }) => {
        const result = parsePack(text);
        expect(result.ok ? [] : result.issues.map(describeIssue)).toEqual([]);
        expect(result.ok && result.pack.entities).toEqual(entries.map((e) => e.expected));
      }),
      fuzzParams(1202, 100),
    );
  });

  it('refuses the entries broken in one field, naming entry and field, and keeps the rest', () => {
    const mixed = fc
      .tuple(
        validEntries(5),
        fc.array(fc.tuple(fc.nat(), breakage), { minLength: 1, maxLength: 3 }),
      )
      .map(([entries, breaks]) => {
        const raws: unknown[] = entries.map((e) => e.raw);
        /** Where each broken entry went (1-based), and the field it must be named by. */
        const broken = new Map<number, string>();
        for (const [at, { field, apply }] of breaks) {
          const i = at % (raws.length + 1);
          const base = entries[i % Math.max(entries.length, 1)]?.raw ?? { name: 'Broken' };
          // Without an id, so as not to repeat one the file holds.
          const { id: _, ...rest } = base;
          raws.splice(i, 0, apply(rest));
          for (const [n, f] of [...broken].sort(([a], [b]) => b - a))
            if (n >= i + 1) {
              broken.delete(n);
              broken.set(n + 1, f);
            }
          broken.set(i + 1, field);
        }
        return { raws, broken, expected: entries.map((e) => e.expected) };
      });
    fc.assert(
      fc.property(mixed, ({ raws, broken, expected }) => {
        const result = parsePack(packText({}, raws));
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const named = new Map<number, string[]>();
        for (const issue of result.issues)
          named.set(issue.entry ?? 0, [...(named.get(issue.entry ?? 0) ?? []), issue.field ?? '']);
        expect([...named.keys()].sort((a, b) => a - b)).toEqual(
          [...broken.keys()].sort((a, b) => a - b),
        );
        for (const [entry, field] of broken)
          expect(named.get(entry)!.some((f) => f === field || f.startsWith(`${field}.`))).toBe(
            true,
          );
        expect(result.valid).toEqual(expected);
      }),
      fuzzParams(1203, 100),
    );
  });

  it('refuses a file whose header is broken in one field, naming the field, and keeps nothing', () => {
    fc.assert(
      fc.property(header, headerBreakage, validEntries(2), (head, { field, value }, entries) => {
        const entities = entries.map((e) => e.raw);
        const result = parsePack(
          JSON.stringify({
            format: 'backstory-pack',
            version: 1,
            ...head,
            entities,
            [field]: value,
          }),
        );
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.valid).toEqual([]);
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(issue.entry).toBeUndefined();
          expect(issue.field === field || issue.field?.startsWith(`${field}.`)).toBe(true);
        }
      }),
      fuzzParams(1204, 60),
    );
  });
});
