/**
 * What the look-up tests share in Chromium and Firefox: where the test
 * build's background sends look-ups (the stand-ins of
 * src/test-setup/wiki-server.ts, src/background/wiki-e2e.ts), the
 * disambiguation the stand-in is taught, what a saved or exported note
 * carries of its article, and the card's credit on a page that mentions it.
 */
import { readFileSync } from 'node:fs';
import { searchAnswer, searchHit } from '../../src/test-setup/wiki-fixtures';
import type { WikiServer } from '../../src/test-setup/wiki-server';
import { waitFor, type Tab } from './driver';
import { cardContent, readCard, revealMark } from './probes';
import { settledMarks } from './scenario';

/** What the test names in the background: `globalThis.backstoryWikiEndpoints` (wiki-e2e.ts). */
export function standInEndpoints(wiki: WikiServer): { wikidata: string; wikipedia: string } {
  return { wikidata: wiki.wikidataApi, wikipedia: new URL(wiki.wikipedia('en')).origin };
}

/** The licence a note taken from Wikipedia keeps, and the credit the card shows for it. */
export const LICENSE = 'CC BY-SA 4.0';
export const NATO_CREDIT = `From Wikipedia: NATO (${LICENSE})`;
export const NATO_ARTICLE = 'https://en.wikipedia.org/wiki/NATO';

/** Teaches the stand-in a name whose only candidate's article is a disambiguation page. */
export function teachMercury(wiki: WikiServer): void {
  wiki.setSearch(
    'mercury',
    searchAnswer('mercury', [searchHit('Q10371', 'Mercury', 'Wikimedia disambiguation page')]),
  );
  wiki.setEntity('Q10371', {
    entities: {
      Q10371: {
        type: 'item',
        id: 'Q10371',
        labels: { en: { language: 'en', value: 'Mercury' } },
        descriptions: {},
        aliases: {},
        sitelinks: { enwiki: { site: 'enwiki', title: 'Mercury', badges: [] } },
      },
    },
  });
}

export interface NoteSource {
  url: string;
  title?: string;
  at?: string;
  license?: string;
}

export interface StoredNote {
  id: string;
  name: string;
  note: string;
  sources: NoteSource[];
}

/** Runs in an extension page: a protocol message, as the manager's own code sends it. */
function send(message: { type: string; payload: unknown }): Promise<unknown> {
  type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  return (g.browser ?? g.chrome).runtime.sendMessage(message);
}

/** The stored note named `name`, asked of the background from the manager; null if there is none. */
export async function storedNote(manager: Tab, name: string): Promise<StoredNote | null> {
  const reply = (await manager.evaluate(send, {
    type: 'entitiesQuery',
    payload: { query: { text: name, sort: 'name' }, limit: 50 },
  })) as { ok: true; value: { entities: StoredNote[] } } | { ok: false; error: string };
  if (!reply.ok) throw new Error(`entitiesQuery: ${reply.error}`);
  return reply.value.entities.find((e) => e.name === name) ?? null;
}

/** The sources of the note named `name` in an exported pack. */
export function exportedSources(file: string, name: string): NoteSource[] | null {
  const pack = JSON.parse(readFileSync(file, 'utf8')) as {
    entities: { name: string; sources?: NoteSource[] }[];
  };
  const entity = pack.entities.find((e) => e.name === name);
  return entity ? (entity.sources ?? []) : null;
}

/** Opens the page that mentions NATO, rests the pointer on the mark and returns the card's text. */
export async function cardTextOnPage(tab: Tab, origin: string): Promise<string> {
  await tab.goto(`${origin}/sites/lookup.html`);
  await settledMarks(tab);
  const rect = await waitFor(() => tab.evaluate(revealMark, 'NATO'), 'no mark for NATO');
  await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  return (await cardContent(tab)).text;
}
