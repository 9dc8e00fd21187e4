/**
 * The click of "Refresh from Wikipedia" (refresh-flow.ts) and what the
 * editor does with its outcome: the permission asked first, in the click's
 * task; each failure in words, changing nothing; nothing changed said so;
 * a review that the reader accepts or declines.
 */
import { describe, expect, it, vi } from 'vitest';
import type { WikiRefreshed } from '../../core/wiki-fill';
import {
  applyRefresh,
  defaultParts,
  planRefresh,
  type RefreshFields,
} from '../../core/wiki-refresh';
import { startRefresh, type RefreshDeps } from './refresh-flow';

const SOURCE = {
  url: 'https://en.wikipedia.org/wiki/NATO',
  title: 'NATO',
  at: '2026-11-01T10:00:00.000Z',
  license: 'CC BY-SA 4.0',
};
const FIELDS: RefreshFields = {
  name: 'NATO',
  aliases: [],
  kind: 'organization',
  note: 'NATO is an alliance of 31 states.\n\nMy own remark.',
  links: [{ title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7184' }],
  sources: [SOURCE],
  matchCase: {},
};
const ANSWER: WikiRefreshed = {
  note: 'NATO is an alliance of 32 states.',
  source: { ...SOURCE, at: '2026-12-03T09:00:00.000Z' },
};

function deps(over: Partial<RefreshDeps> = {}) {
  return {
    ask: vi.fn(() => Promise.resolve(true)),
    fetch: vi.fn(() => Promise.resolve(ANSWER)),
    language: 'en-GB',
    onBusy: vi.fn(),
    ...over,
  };
}

describe('startRefresh', () => {
  it('asks for the permission before anything is awaited: in the same task as the click', () => {
    const d = deps();
    void startRefresh(FIELDS, d);
    expect(d.ask).toHaveBeenCalledOnce();
    expect(d.fetch).not.toHaveBeenCalled();
  });

  it('asks for the article of the note’s source and its item, named by the note', async () => {
    const d = deps();
    const outcome = await startRefresh(FIELDS, d);
    expect(d.fetch).toHaveBeenCalledWith({
      article: { language: 'en', title: 'NATO' },
      item: { id: 'Q7184', label: 'NATO' },
      languages: { reader: 'en-GB' },
    });
    expect(d.onBusy).toHaveBeenCalledOnce();
    expect(outcome).toMatchObject({ kind: 'review', answer: ANSWER });
  });

  it('says why nothing happened when the reader refuses the permission, and fetches nothing', async () => {
    const d = deps({ ask: vi.fn(() => Promise.resolve(false)) });
    expect(await startRefresh(FIELDS, d)).toEqual({
      kind: 'message',
      text: expect.stringContaining('not allowed to read from Wikipedia') as string,
      alert: true,
    });
    expect(d.fetch).not.toHaveBeenCalled();
  });

  it('shows the background’s words for a failure (offline, a wait, an article gone)', async () => {
    for (const words of [
      'You are offline: look up again once you are connected.',
      'Wikipedia is busy and asked Backstory to wait. Look up again in 2 minutes; until then Backstory does not ask it.',
      'Wikipedia has no article of that title.',
    ]) {
      const d = deps({ fetch: vi.fn(() => Promise.reject(new Error(words))) });
      expect(await startRefresh(FIELDS, d)).toEqual({ kind: 'message', text: words, alert: true });
    }
  });

  it('says so when nothing changed, and shows no review', async () => {
    const d = deps({ fetch: vi.fn(() => Promise.resolve({ ...ANSWER, note: FIELDS.note })) });
    expect(await startRefresh(FIELDS, d)).toEqual({
      kind: 'message',
      text: 'Nothing changed: the note already says what the Wikipedia article “NATO” says now.',
    });
  });

  it('asks nothing for a note without a Wikipedia source', async () => {
    const d = deps();
    const outcome = await startRefresh({ ...FIELDS, sources: [] }, d);
    expect(outcome).toMatchObject({ kind: 'message', alert: true });
    expect(d.ask).not.toHaveBeenCalled();
  });
});

describe('the editor’s refresh, end to end of the page', () => {
  const review = async () => {
    const outcome = await startRefresh(FIELDS, deps());
    if (outcome.kind !== 'review') throw new Error('expected a review');
    return planRefresh(FIELDS, outcome.target, outcome.answer);
  };

  it('shows the reader’s own text against Wikipedia’s, and Accept replaces it with the source’s new date', async () => {
    const plan = await review();
    const changes = plan.note?.diff.segments.filter((s) => s.op !== 'same');
    expect(changes).toEqual([
      { op: 'removed', text: '31' },
      { op: 'added', text: '32' },
      { op: 'removed', text: '.\n\nMy own remark' },
    ]);
    const accepted = applyRefresh(FIELDS, plan, defaultParts(plan));
    expect(accepted.note).toBe(ANSWER.note);
    expect(accepted.sources).toEqual([
      { ...SOURCE, at: '2026-12-03T09:00:00.000Z', license: 'CC BY-SA 4.0' },
    ]);
  });

  it('Decline changes nothing', async () => {
    const plan = await review();
    expect(applyRefresh(FIELDS, plan, new Set())).toEqual(FIELDS);
  });
});
