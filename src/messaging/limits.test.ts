/**
 * One set of limits: a note the pack format accepts at every limit can be
 * saved through the messages (what the card and the manager send), and one
 * just past a limit is refused by both.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits';
import { parsePack, type PackEntity } from '../core/pack';
import { requests } from './protocol';

const url = (length: number) => `https://example.org/${'a'.repeat(length - 20)}`;

/** An entry at every limit of the format. */
const atLimits = () => ({
  name: 'n'.repeat(LIMITS.name),
  aliases: Array.from({ length: LIMITS.aliases }, (_, i) => `${i}`.padEnd(LIMITS.alias, 'a')),
  tags: Array.from({ length: LIMITS.tags }, (_, i) => `${i}`.padEnd(LIMITS.tag, 't')),
  note: 'x'.repeat(LIMITS.note),
  links: [{ title: 't'.repeat(LIMITS.linkTitle), url: url(LIMITS.url) }],
  sources: [
    {
      url: url(LIMITS.url),
      title: 's'.repeat(LIMITS.sourceTitle),
      quote: 'q'.repeat(LIMITS.quote),
      at: 'a'.repeat(LIMITS.at),
    },
  ],
});

const readPack = (entry: object) =>
  parsePack(JSON.stringify({ format: 'backstory-pack', version: 1, entities: [entry] }));

const saveDraft = (e: PackEntity) => ({
  name: e.name,
  aliases: e.aliases,
  kind: e.kind,
  note: e.note,
  tags: e.tags,
  links: e.links,
  sources: e.sources,
});
const mayBeSaved = (draft: object) => v.safeParse(requests.entitySave.schema, draft).success;

describe('limits', () => {
  it('a note at every limit of the pack format can be saved as it is', () => {
    const read = readPack(atLimits());
    expect(read.ok).toBe(true);
    if (read.ok) expect(mayBeSaved(saveDraft(read.pack.entities[0]!))).toBe(true);
  });

  it.each([
    ['a link longer than the limit', (e: ReturnType<typeof atLimits>) => (e.links[0]!.url += 'a')],
    ['a source’s url', (e: ReturnType<typeof atLimits>) => (e.sources[0]!.url += 'a')],
    ['a source’s at', (e: ReturnType<typeof atLimits>) => (e.sources[0]!.at += 'a')],
    ['a source’s quote', (e: ReturnType<typeof atLimits>) => (e.sources[0]!.quote += 'a')],
    ['a link’s title', (e: ReturnType<typeof atLimits>) => (e.links[0]!.title += 'a')],
    ['the note', (e: ReturnType<typeof atLimits>) => (e.note += 'x')],
  ])('%s is refused by the pack and by the messages alike', (_, pastLimit) => {
    const entry = atLimits();
    pastLimit(entry);
    expect(readPack(entry).ok).toBe(false);
    expect(mayBeSaved({ ...entry, kind: 'person' })).toBe(false);
  });
});
