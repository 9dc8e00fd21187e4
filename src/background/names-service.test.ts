/**
 * The popup's names without a note, as the background answers `namesFind`:
 * the page's text asked of a fake tab, the dictionary and the ignored names
 * from a real (fake-indexeddb) database, through the router as the popup
 * sends it. On the corpus dev pages it is held to floors a little under the
 * bench's figures (bench-results/names.md); the page's answer is a hostile
 * page's to shape, so every malformed one is refused, each beside a control.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hasCorpus, CORPUS, NO_CORPUS_MESSAGE } from '../../e2e/support/paths';
import {
  devPageText,
  DEV_PAGES,
  readDevEntities,
  readLabels,
  scorePage,
  strictScore,
  type DevEntity,
} from '../../bench/names';
import { foldForm } from '../core/fold';
import { IGNORED_NAMES_MAX } from '../core/ignored-names';
import { NAMES_LIMITS } from '../core/limits';
import { findNames } from '../core/names';
import type { PageNames } from '../core/page-names';
import type { SenderClass } from '../messaging/protocol';
import type { PageTextReply } from '../messaging/tab-protocol';
import { wiredHandlers } from '../test-setup/background-handlers';
import { useFreshDb } from '../test-setup/fixtures';
import { route } from './router';

const fresh = useFreshDb();
beforeEach(() => fakeBrowser.storage.resetState());

const STORY =
  'Defence Minister Hulusi Akar met Benny Gantz in Ankara on Tuesday. ' +
  'Later Akar said the talks with Gantz went well.\u0000' +
  'Margrethe Vestager spoke for the European Commission in Brussels. ' +
  'The officials in Brussels said Vestager would return.';

/** The background as index.ts wires it, with a tab whose top frame answers `reply`. */
function background(reply: () => unknown = () => page(STORY)) {
  const db = fresh();
  const askTab = vi.fn<(tabId: number, message: unknown) => Promise<unknown>>(() =>
    Promise.resolve(reply()),
  );
  const { handlers } = wiredHandlers(db, { askTab });
  const ask = async <T>(type: string, payload: unknown, from: SenderClass = 'extension') => {
    const result = await route(handlers, { type, payload }, from);
    if (!result.ok) throw new Error(result.error);
    return result.value as T;
  };
  const find = (tabId = 7) => ask<PageNames>('namesFind', { tabId });
  const note = (name: string, aliases: string[] = [], kind = 'person' as const) =>
    handlers.entitySave({ name, aliases, kind, note: '', tags: [] }, {});
  return { db, askTab, ask, find, note };
}

function page(
  text: string,
  over: Partial<Extract<PageTextReply, { status: 'text' }>> = {},
): PageTextReply {
  return { status: 'text', text, lang: 'en', truncated: false, page: 'doc-1', ...over };
}

const namesOf = (answer: PageNames) => (answer.status === 'names' ? answer.names : []);
const nameList = (answer: PageNames) => namesOf(answer).map((n) => n.name);

describe('namesFind', () => {
  it('asks the tab’s top frame for its text, and answers with its names, most mentioned first', async () => {
    const b = background();
    const answer = await b.find(7);
    expect(b.askTab).toHaveBeenCalledWith(7, { type: 'backstory-page-text' });
    // The document it read stays named, for the click that composes on it.
    expect(answer).toMatchObject({ status: 'names', truncated: false, ignored: 0, page: 'doc-1' });
    const names = namesOf(answer);
    expect(names.slice(0, 3).map((n) => n.name)).toEqual([
      'Hulusi Akar',
      'Benny Gantz',
      'Margrethe Vestager',
    ]);
    expect(names[0]).toEqual({
      name: 'Hulusi Akar',
      kind: 'person',
      count: 2,
      sentence: 'Defence Minister Hulusi Akar met Benny Gantz in Ankara on Tuesday.',
      aliases: ['Akar'],
    });
  });

  it('leaves out the names the reader has a note for, by name or alias, in any case', async () => {
    const b = background();
    // Control: before the notes, both are proposed.
    expect(nameList(await b.find())).toEqual(
      expect.arrayContaining(['Benny Gantz', 'Margrethe Vestager', 'European Commission']),
    );
    await b.note('Benjamin Gantz', ['benny gantz']);
    await b.note('EUROPEAN COMMISSION', [], 'organization' as never);
    const after = nameList(await b.find());
    expect(after).not.toContain('Benny Gantz');
    expect(after).not.toContain('European Commission');
    expect(after).toContain('Margrethe Vestager');
  });

  it('leaves out a person whose folded-in surname is a note', async () => {
    const b = background();
    expect(nameList(await b.find())).toContain('Hulusi Akar');
    await b.note('Akar');
    expect(nameList(await b.find())).not.toContain('Hulusi Akar');
  });

  it('leaves out ignored names on every page until they are let back', async () => {
    const b = background();
    expect(nameList(await b.find())).toContain('Margrethe Vestager');
    expect(await b.ask('namesIgnore', { names: ['MARGRETHE VESTAGER'], ignored: true })).toEqual({
      ignored: 1,
    });
    const ignoring = await b.find();
    expect(nameList(ignoring)).not.toContain('Margrethe Vestager');
    expect(ignoring).toMatchObject({ ignored: 1 });
    await b.ask('namesIgnore', { names: ['Margrethe Vestager'], ignored: false });
    expect(nameList(await b.find())).toContain('Margrethe Vestager');
    await b.ask('namesIgnore', { names: ['Margrethe Vestager', 'Brussels'], ignored: true });
    expect(await b.ask('namesIgnoredClear', {})).toBeNull();
    expect(nameList(await b.find())).toEqual(
      expect.arrayContaining(['Margrethe Vestager', 'Brussels']),
    );
  });

  it('refuses to ignore past the limit, saying so, and changes nothing', async () => {
    const b = background();
    const full = Array.from({ length: IGNORED_NAMES_MAX }, (_, i) => `n${i}`);
    await b.db.state.put({ key: 'ignoredNames', value: full });
    await expect(b.ask('namesIgnore', { names: ['Brussels'], ignored: true })).rejects.toThrow(
      /as many as Backstory keeps/,
    );
    expect(nameList(await b.find())).toContain('Brussels');
  });

  it('answers the honest “no capitals” for a page mostly in scripts without them', async () => {
    const hebrew = 'שר הביטחון בני גנץ ביקר באנקרה ונפגש עם Hulusi Akar. '.repeat(5);
    expect(await background(() => page(hebrew)).find()).toMatchObject({
      status: 'names',
      names: [],
      unsupported: 'noCapitals',
    });
    // Control: the same names in a Latin sentence are proposed.
    expect(nameList(await background(() => page('He met Hulusi Akar in Ankara.')).find())).toEqual([
      'Hulusi Akar',
      'Ankara',
    ]);
  });

  it('leaves out a name longer than a note’s name may be', async () => {
    const long = `Zed${'z'.repeat(250)}`;
    const text = `Yesterday ${long} met Hulusi Akar in the town hall.`;
    expect(nameList(await background(() => page(text)).find())).toEqual(['Hulusi Akar']);
    // Control: the finder itself proposes it.
    expect(findNames(text).names.map((n) => n.name)).toContain(long);
  });

  it('says when the page cut its text at the limit', async () => {
    expect(await background(() => page(STORY, { truncated: true })).find()).toMatchObject({
      truncated: true,
    });
  });

  it('answers "off" where the site is switched off (the tab read nothing)', async () => {
    expect(await background(() => ({ status: 'off' })).find()).toEqual({ status: 'off' });
  });

  it('sends at most the limit’s names, and says how many there are', async () => {
    const many = Array.from(
      { length: NAMES_LIMITS.shown + 30 },
      (_, i) =>
        `Yesterday the minister met Person${String.fromCharCode(65 + (i % 26))}${i} Smith${i} at home.`,
    ).join('\u0000');
    const answer = await background(() => page(many)).find();
    expect(answer.status === 'names' && answer.total).toBe(NAMES_LIMITS.shown + 30);
    expect(namesOf(answer)).toHaveLength(NAMES_LIMITS.shown);
  });
});

describe('a hostile page’s answer is refused, and nothing is found in it', () => {
  it('a text over the limit (and, for control, one at the limit is read)', async () => {
    const at = `${'Hulusi Akar met the press. '.repeat(NAMES_LIMITS.text / 27)}`.padEnd(
      NAMES_LIMITS.text,
      ' ',
    );
    expect(at).toHaveLength(NAMES_LIMITS.text);
    expect(nameList(await background(() => page(at)).find())).toContain('Hulusi Akar');
    await expect(background(() => page(`${at}x`)).find()).rejects.toThrow(
      /more than 500,000 characters/,
    );
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'Hulusi Akar met Benny Gantz.'],
    ['a list', ['Hulusi Akar']],
    ['no status', { text: 'Hulusi Akar met Benny Gantz.', lang: 'en', truncated: false }],
    ['an unknown status', { status: 'names', names: [] }],
    ['a text of the wrong type', { status: 'text', text: 7, lang: 'en', truncated: false }],
    ['a language of the wrong type', { status: 'text', text: 'A', lang: 7, truncated: false }],
    ['a huge language', { status: 'text', text: 'A', lang: 'e'.repeat(101), truncated: false }],
    ['no truncation flag', { status: 'text', text: 'A', lang: 'en' }],
  ])('%s', async (_, reply) => {
    await expect(background(() => reply).find()).rejects.toThrow(/not its text/);
  });

  it('a tab where no content script answers', async () => {
    const b = background();
    b.askTab.mockRejectedValueOnce(new Error('Could not establish connection.'));
    await expect(b.find()).rejects.toThrow(/cannot read this page/);
  });
});

describe('the names messages', () => {
  it.each(['content', 'card'] as const)('are refused from the %s class', async (from) => {
    const b = background();
    for (const [type, payload] of [
      ['namesFind', { tabId: 1 }],
      ['namesIgnore', { names: ['Akar'], ignored: true }],
      ['namesIgnoredClear', {}],
    ] as const) {
      await expect(b.ask(type, payload, from)).rejects.toThrow(/only Backstory's own pages/);
    }
    expect(b.askTab).not.toHaveBeenCalled();
  });

  it.each([
    ['namesFind', { tabId: '7' }],
    ['namesFind', { tabId: -1 }],
    ['namesFind', { tabId: 1.5 }],
    ['namesFind', {}],
    ['namesIgnore', { names: [], ignored: true }],
    ['namesIgnore', { names: ['Akar'] }],
    ['namesIgnore', { names: [''], ignored: true }],
    ['namesIgnore', { names: [7], ignored: true }],
    ['namesIgnore', { names: ['x'.repeat(201)], ignored: true }],
    ['namesIgnore', { names: ['half \ud83d'], ignored: true }],
    ['namesIgnore', { names: Array<string>(NAMES_LIMITS.shown + 1).fill('Akar'), ignored: true }],
  ])('refuse a malformed %s %j', async (type, payload) => {
    const b = background();
    await expect(b.ask(type, payload)).rejects.toThrow(/was refused: the request is not valid/);
    expect(b.askTab).not.toHaveBeenCalled();
    expect(await b.db.state.get('ignoredNames')).toBeUndefined();
  });
});

describe('on the corpus dev pages', () => {
  // The bench (`npm run bench -- --names`) measures recall 89.5 and precision@20 77.4 for the
  // finder alone; this is the popup's answer (at most 200 names a page): a little under.
  const RECALL_FLOOR = 0.86;
  const PRECISION_FLOOR = 0.74;

  /** Each page's answer, from a background whose tab serves that page's text. */
  async function answers(
    setup?: (b: ReturnType<typeof background>, page: string) => Promise<void>,
  ) {
    const texts = new Map(DEV_PAGES.map((p) => [p, devPageText(CORPUS, p)]));
    let current = '';
    const b = background(() => page(texts.get(current)!));
    const out = new Map<string, PageNames>();
    for (const p of DEV_PAGES) {
      current = p;
      await setup?.(b, p);
      out.set(p, await b.find());
    }
    return out;
  }

  it('proposes the dev entities, real names first', async (ctx) => {
    ctx.skip(!hasCorpus, NO_CORPUS_MESSAGE);
    const entities = readDevEntities(CORPUS);
    const labels = readLabels();
    const found = await answers();
    const pages = DEV_PAGES.map((p) =>
      scorePage(p, namesOf(found.get(p)!), entities[p] ?? [], labels[p]),
    );
    const scored = strictScore('namesFind', pages);
    expect(scored.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(
      scored.precision,
      `not labelled: ${scored.unlabelled.join('; ')}`,
    ).toBeGreaterThanOrEqual(PRECISION_FLOOR);
  });

  it('never proposes a dev entity the reader has a note for', async (ctx) => {
    ctx.skip(!hasCorpus, NO_CORPUS_MESSAGE);
    const entities = readDevEntities(CORPUS);
    // Every other dev entity of each page becomes a note before that page is read.
    const noted = new Map<string, DevEntity[]>(
      DEV_PAGES.map((p) => [p, (entities[p] ?? []).filter((_, i) => i % 2 === 0)]),
    );
    const formsOf = (e: DevEntity) => [e.name, ...e.aliases].map(foldForm);
    const withoutNotes = await answers();
    const found = await answers(async (b, p) => {
      for (const e of noted.get(p)!) await b.note(e.name, e.aliases);
    });
    let proposedBefore = 0;
    for (const p of DEV_PAGES) {
      const forms = new Set(noted.get(p)!.flatMap(formsOf));
      const proposed = (answer: PageNames) =>
        namesOf(answer)
          .filter((n) => forms.has(foldForm(n.name)))
          .map((n) => n.name);
      proposedBefore += proposed(withoutNotes.get(p)!).length;
      expect(proposed(found.get(p)!), p).toEqual([]);
    }
    // Control: without the notes, the finder proposes many of those very names.
    expect(proposedBefore).toBeGreaterThan(50);
  });
});
