/**
 * Fair sharing of the background between tabs (issue 12). Every `pageMatch`
 * waits its turn here, keyed by the sender's tab, so a page whose frames
 * rewrite their text without end slows only itself: the manager's search,
 * the card and other tabs' marks get the worker between its requests.
 *
 * - One request is one slice of work: the protocol caps its text at
 *   MATCH_REQUEST_MAX_CHARS (a millisecond or two of matching), and the
 *   worker turns to its other messages between slices.
 * - Each tab (all its frames together) has a budget of characters, a token
 *   bucket: MATCH_BUDGET.burst at once, refilled at charsPerSecond. A tab
 *   over budget waits; its requests are delayed, never dropped for that.
 * - Tabs with work are served least recently served first, so another tab's
 *   request waits for at most the slice under way, however long the queue
 *   of a flooding tab.
 * - A tab may have maxWaiting requests waiting; one more refuses the oldest
 *   (`superseded`: the content script sends it again later), so a tab cannot
 *   make the worker hold its text without bound.
 * - A tab that closes or loads another page has what it left waiting
 *   refused (`drop`): a page opened after a flooding one in the same tab
 *   does not wait behind its queue (its budget stays as it was left).
 */
import { t } from '../i18n';
import { Refusal } from './failure';

export interface MatchBudget {
  /** Characters a tab may have matched per second, sustained. */
  charsPerSecond: number;
  /** Characters a tab may have matched at once: a big page's first scan, frames included. */
  burst: number;
  /** Charged per request beside its characters, so a flood of tiny requests is bounded too. */
  requestChars: number;
  /** Requests a tab may have waiting; one more refuses the oldest. */
  maxWaiting: number;
}

/**
 * The corpus pages read 13,700 to 493,000 characters (median 43,000) for
 * their first scan. The burst holds the largest twice over, with room for
 * its frames; the rate refills it in 4 s, several full rescans a minute
 * (a single-page app moving on) and far more than a live blog adds, while a
 * flooding tab gets at most about 1 % of the worker (matching runs at
 * roughly 70,000 characters a millisecond in Node).
 */
export const MATCH_BUDGET: MatchBudget = {
  charsPerSecond: 250_000,
  burst: 1_000_000,
  requestChars: 1_000,
  maxWaiting: 32,
};

/** What the test builds report of each tab (e2e and bench only). */
export interface TabMatchStats {
  tab: number | null;
  served: number;
  servedChars: number;
  /** Requests that waited for the tab's budget. */
  delayed: number;
  refused: number;
}

interface Job {
  cost: number;
  chars: number;
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  delayed: boolean;
}

interface TabState {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  /** When the tab was last served (a count, not a time): least recent goes first. */
  turn: number;
  waiting: Job[];
}

type TabKey = number | null;

export interface SchedulerOptions {
  budget?: MatchBudget;
  /** Milliseconds; a fake clock in tests. */
  now?: () => number;
  /** Keep TabMatchStats (test builds). */
  keepStats?: boolean;
}

export class MatchScheduler {
  private readonly budget: MatchBudget;
  private readonly now: () => number;
  private readonly tabs = new Map<TabKey, TabState>();
  private readonly statsByTab: Map<TabKey, TabMatchStats> | null;
  private turns = 0;
  private running = false;
  /**
   * False serves each request at once, as before the scheduler: test builds
   * switch it off for the bench's control (src/background/bench-hooks.ts).
   */
  fair = true;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor({ budget = MATCH_BUDGET, now = () => performance.now(), keepStats = false } = {}) {
    this.budget = budget;
    this.now = now;
    this.statsByTab = keepStats ? new Map() : null;
  }

  /**
   * Runs `work` in `tab`'s turn, charging `chars` to its budget. Rejects
   * with a `superseded` Refusal if the tab's newer requests push it out.
   */
  submit<T>(tab: number | undefined, chars: number, work: () => T | Promise<T>): Promise<T> {
    const key = tab ?? null;
    if (!this.fair) {
      this.count(key, (s) => {
        s.served++;
        s.servedChars += chars;
      });
      return Promise.resolve().then(work);
    }
    const state = this.stateOf(key);
    const { burst, requestChars, maxWaiting } = this.budget;
    return new Promise<T>((resolve, reject) => {
      state.waiting.push({
        // Never more than a full bucket, or a request could wait for ever.
        cost: Math.min(chars + requestChars, burst),
        chars,
        work,
        resolve: resolve as (value: unknown) => void,
        reject,
        delayed: false,
      });
      if (state.waiting.length > maxWaiting) this.refuse(key, state.waiting.shift()!);
      this.wake();
    });
  }

  /** Refuses everything `tab` has waiting: the documents that sent it are gone. */
  drop(tab: number): void {
    const state = this.tabs.get(tab);
    for (const job of state?.waiting.splice(0) ?? []) this.refuse(tab, job);
  }

  private refuse(key: TabKey, job: Job): void {
    job.reject(new Refusal(t('errorPageMatchSuperseded'), 'superseded'));
    this.count(key, (s) => s.refused++);
  }

  /** Each tab's counts so far (empty unless made with `keepStats`). */
  stats(): TabMatchStats[] {
    return [...(this.statsByTab?.values() ?? [])].map((s) => ({ ...s }));
  }

  private stateOf(key: TabKey): TabState {
    let state = this.tabs.get(key);
    if (!state) {
      state = { tokens: this.budget.burst, at: this.now(), turn: 0, waiting: [] };
      this.tabs.set(key, state);
    }
    return state;
  }

  /** Serves soon: at once if the worker only waits for a tab's budget. */
  private wake(): void {
    if (this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.serve(), 0);
  }

  /** One slice: the next request in turn, then back to the worker's other messages. */
  private async serve(): Promise<void> {
    this.timer = undefined;
    const next = this.pick();
    if (next === null) return;
    if (typeof next === 'number') {
      this.timer = setTimeout(() => void this.serve(), next);
      return;
    }
    const [key, state] = next;
    const job = state.waiting.shift()!;
    state.tokens -= job.cost;
    state.turn = ++this.turns;
    this.count(key, (s) => {
      s.served++;
      s.servedChars += job.chars;
      if (job.delayed) s.delayed++;
    });
    this.running = true;
    try {
      job.resolve(await job.work());
    } catch (error) {
      job.reject(error);
    } finally {
      this.running = false;
    }
    if ([...this.tabs.values()].some((s) => s.waiting.length > 0)) this.wake();
  }

  /**
   * The tab to serve now (the least recently served of those with work and
   * budget), or how many milliseconds until one has budget again, or null
   * when nothing waits. Forgets tabs with nothing waiting and a full
   * bucket: nothing is lost, they would start from a full one.
   */
  private pick(): [TabKey, TabState] | number | null {
    const now = this.now();
    const { burst, charsPerSecond } = this.budget;
    let best: [TabKey, TabState] | null = null;
    let soonest = Infinity;
    for (const [key, state] of this.tabs) {
      state.tokens = Math.min(burst, state.tokens + ((now - state.at) * charsPerSecond) / 1000);
      state.at = now;
      const head = state.waiting[0];
      if (!head) {
        if (state.tokens >= burst) this.tabs.delete(key);
        continue;
      }
      if (state.tokens >= head.cost) {
        if (!best || state.turn < best[1].turn) best = [key, state];
      } else {
        head.delayed = true;
        soonest = Math.min(soonest, ((head.cost - state.tokens) * 1000) / charsPerSecond);
      }
    }
    if (best) return best;
    return soonest === Infinity ? null : Math.ceil(soonest);
  }

  private count(key: TabKey, change: (stats: TabMatchStats) => void): void {
    if (!this.statsByTab) return;
    let stats = this.statsByTab.get(key);
    if (!stats) {
      stats = { tab: key, served: 0, servedChars: 0, delayed: 0, refused: 0 };
      this.statsByTab.set(key, stats);
    }
    change(stats);
  }
}
