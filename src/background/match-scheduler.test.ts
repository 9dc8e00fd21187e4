import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileSource, dictionarySource } from '../core/dictionary';
import { MATCH_REQUEST_MAX_CHARS, matchInPieces } from '../core/match-pieces';
import { matchPageText } from '../core/page-match';
import { requests } from '../messaging/protocol';
import { Refusal } from './failure';
import { MATCH_BUDGET, MatchScheduler } from './match-scheduler';

/** What one full request's matching takes in these tests (fake time). */
const SLICE_MS = 2;
const FULL = MATCH_REQUEST_MAX_CHARS;
const FLOOD = 1;
const NORMAL = 2;

type Submit = <T>(tab: number, chars: number, work: () => T) => Promise<T>;

/**
 * How pageMatch was served before: each message in the order it came, as
 * the worker's event loop runs them. The control for every test.
 */
const bypass: Submit = (_tab, _chars, work) =>
  new Promise((resolve) => setTimeout(() => resolve(work()), 0));

/** A request's work: takes SLICE_MS of the (fake) clock, and says whose it was. */
function slice(log: string[], name: string) {
  return () => {
    vi.setSystemTime(Date.now() + SLICE_MS);
    log.push(name);
    return name;
  };
}

function ways(): [string, () => { submit: Submit; scheduler: MatchScheduler | null }][] {
  return [
    [
      'the scheduler',
      () => {
        const scheduler = new MatchScheduler({ now: () => Date.now(), keepStats: true });
        return { submit: (tab, chars, work) => scheduler.submit(tab, chars, work), scheduler };
      },
    ],
    ['bypassed (control)', () => ({ submit: bypass, scheduler: null })],
  ];
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('MatchScheduler', () => {
  it.each(ways())(
    "serves another tab's request within one slice of its arrival, with %s",
    async (way, make) => {
      const { submit } = make();
      const log: string[] = [];
      let normal: Promise<string> | undefined;
      let arrivedAfter = 0;
      // A flooding tab has 30 full requests waiting (its frames, say); the other
      // tab's request comes while the first of them is being matched.
      const flood = Array.from({ length: 30 }, (_, i) =>
        submit(FLOOD, FULL, () => {
          const name = slice(log, 'flood')();
          if (i === 0) {
            arrivedAfter = log.length;
            normal = submit(NORMAL, 40_000, slice(log, 'normal'));
          }
          return name;
        }),
      );
      await vi.runAllTimersAsync();
      await Promise.all([...flood, normal]);
      const waitedFor = log.indexOf('normal') - arrivedAfter;
      if (way === 'the scheduler') expect(waitedFor).toBeLessThanOrEqual(1);
      else expect(waitedFor).toBeGreaterThan(20);
    },
  );

  it.each(ways())("caps a flooding tab's throughput at its budget, with %s", async (way, make) => {
    const { submit, scheduler } = make();
    const log: string[] = [];
    let stop = false;
    let chars = 0;
    // Eight frames, each sending its next full request as soon as the last is answered.
    const frame = async () => {
      while (!stop) {
        await submit(FLOOD, FULL, slice(log, 'flood'));
        chars += FULL;
      }
    };
    const start = Date.now();
    const frames = Array.from({ length: 8 }, frame);
    await vi.advanceTimersByTimeAsync(5_000);
    stop = true;
    const seconds = (Date.now() - start) / 1000;
    const cap = MATCH_BUDGET.burst + MATCH_BUDGET.charsPerSecond * seconds;
    if (way === 'the scheduler') {
      expect(chars).toBeLessThanOrEqual(cap);
      // Yet it is served, as fast as its budget allows (the last request may still wait).
      expect(chars).toBeGreaterThan(cap - 2 * (FULL + MATCH_BUDGET.requestChars));
      expect(scheduler!.stats()[0]).toMatchObject({ tab: FLOOD, refused: 0 });
      expect(scheduler!.stats()[0]!.delayed).toBeGreaterThan(0);
    } else {
      expect(chars).toBeGreaterThan(10 * cap);
    }
    await vi.runAllTimersAsync();
    await Promise.all(frames);
  });

  it.each(ways())(
    'refuses the oldest waiting requests beyond the limit, with %s',
    async (way, make) => {
      const { submit } = make();
      const log: string[] = [];
      const sent = Array.from({ length: MATCH_BUDGET.maxWaiting + 8 }, (_, i) =>
        submit(FLOOD, 10_000, slice(log, `r${i}`)).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
      );
      await vi.runAllTimersAsync();
      const outcomes = await Promise.all(sent);
      const refused = outcomes.flatMap((o, i) => ('error' in o ? [i] : []));
      if (way === 'the scheduler') {
        // The 8 oldest, pushed out by newer ones; the rest are answered.
        expect(refused).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        expect(log).toHaveLength(MATCH_BUDGET.maxWaiting);
        const error = (outcomes[0] as { error: unknown }).error;
        expect(error).toBeInstanceOf(Refusal);
        expect(error).toMatchObject({ code: 'superseded', message: /^pageMatch was put off/ });
      } else {
        expect(refused).toEqual([]);
      }
    },
  );

  it('delays a legitimate tab over its budget, and answers every request', async () => {
    const scheduler = new MatchScheduler({ now: () => Date.now(), keepStats: true });
    // A page of 25 full requests (2.5 million characters with its frames): more than a burst.
    const log: string[] = [];
    const start = Date.now();
    const answered: number[] = [];
    const sent = Array.from({ length: 25 }, (_, i) =>
      scheduler.submit(NORMAL, FULL, slice(log, `r${i}`)).then((value) => {
        answered.push(Date.now() - start);
        return value;
      }),
    );
    await vi.runAllTimersAsync();
    expect(await Promise.all(sent)).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}`));
    expect(log).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}`));
    // The control: they did wait for the budget, as long as its rate says.
    const over = 25 * (FULL + MATCH_BUDGET.requestChars) - MATCH_BUDGET.burst;
    expect(answered.at(-1)!).toBeGreaterThanOrEqual((over / MATCH_BUDGET.charsPerSecond) * 1000);
    expect(scheduler.stats()).toEqual([
      { tab: NORMAL, served: 25, servedChars: 25 * FULL, delayed: 16, refused: 0 },
    ]);
  });

  it('refuses what a tab left waiting when it closes or loads another page', async () => {
    const scheduler = new MatchScheduler({ now: () => Date.now(), keepStats: true });
    const log: string[] = [];
    // A flood fills the tab's budget and leaves 20 requests waiting for it.
    const settle = (p: Promise<string>) => p.then(String, (e: Error) => e.message);
    const flood = Array.from({ length: 30 }, (_, i) =>
      settle(scheduler.submit(FLOOD, FULL, slice(log, `flood ${i}`))),
    );
    await vi.advanceTimersByTimeAsync(100);
    const served = log.length;
    expect(served).toBeLessThan(15);
    scheduler.drop(FLOOD);
    // The next page in that tab waits for the budget only, not behind the flood.
    const next = scheduler.submit(FLOOD, 40_000, slice(log, 'next page'));
    await vi.runAllTimersAsync();
    expect(await next).toBe('next page');
    expect(log.slice(served)).toEqual(['next page']);
    const outcomes = await Promise.all(flood);
    expect(outcomes.filter((o) => o.startsWith('pageMatch was put off'))).toHaveLength(30 - served);
    // The control: without the drop, the next page is served after all the flood.
    const kept = new MatchScheduler({ now: () => Date.now() });
    const order: string[] = [];
    const rest = Array.from({ length: 30 }, (_, i) =>
      kept.submit(FLOOD, FULL, slice(order, `flood ${i}`)),
    );
    await vi.advanceTimersByTimeAsync(100);
    const later = kept.submit(FLOOD, 40_000, slice(order, 'next page'));
    await vi.runAllTimersAsync();
    await Promise.all([...rest, later]);
    expect(order.indexOf('next page')).toBe(30);
  });

  it('shares one budget between the frames of a tab, not between tabs', async () => {
    // 18 full requests: 9 from each of two tabs fit their bursts, 18 from one tab's frames do not.
    for (const tabs of [[FLOOD, NORMAL], [FLOOD]]) {
      const scheduler = new MatchScheduler({ now: () => Date.now(), keepStats: true });
      const log: string[] = [];
      const sent = tabs.flatMap((tab) =>
        Array.from({ length: 18 / tabs.length }, (_, i) =>
          scheduler.submit(tab, FULL, slice(log, `${tab}.${i}`)),
        ),
      );
      await vi.runAllTimersAsync();
      await Promise.all(sent);
      const delayed = scheduler.stats().map((s) => s.delayed);
      if (tabs.length === 2) {
        expect(delayed).toEqual([0, 0]);
        // Served in turns.
        expect(log.slice(0, 4)).toEqual(['1.0', '2.0', '1.1', '2.1']);
      } else {
        expect(delayed[0]).toBeGreaterThan(0);
      }
    }
  });
});

describe('a page larger than one request', () => {
  const dictionary = compileSource(
    dictionarySource(
      [
        { id: 'gantz', kind: 'person', name: 'Benny Gantz', aliases: ['Gantz'] },
        { id: 'akar', kind: 'person', name: 'Hulusi Akar', aliases: [] },
      ],
      1,
    ),
  );
  const match = (text: string) => matchPageText(dictionary.matcher, dictionary.entities, text);

  it('gets all its matches through the scheduler, while another tab floods it', async () => {
    const scheduler = new MatchScheduler({ now: () => Date.now() });
    const blocks = Array.from({ length: 8_000 }, (_, i) =>
      i % 7 ? `Paragraph ${i} of the article.` : `Hulusi Akar met Benny Gantz (${i}).`,
    );
    const text = blocks.join('\u0000');
    expect(text.length).toBeGreaterThan(2 * MATCH_REQUEST_MAX_CHARS);
    // The control: sent whole, the background would refuse it.
    expect(v.safeParse(requests.pageMatch.schema, { text }).success).toBe(false);
    let flooding = true;
    const flood = (async () => {
      while (flooding) await scheduler.submit(FLOOD, FULL, () => match('Gantz '.repeat(10)));
    })();
    let pieces = 0;
    const found = matchInPieces(text, (piece) => {
      pieces++;
      expect(v.safeParse(requests.pageMatch.schema, { text: piece }).success).toBe(true);
      return scheduler.submit(NORMAL, piece.length, () => match(piece));
    });
    await vi.advanceTimersByTimeAsync(1_000);
    flooding = false;
    await vi.runAllTimersAsync();
    await flood;
    expect(pieces).toBe(Math.ceil(text.length / MATCH_REQUEST_MAX_CHARS));
    expect(await found).toEqual(match(text));
  });
});
