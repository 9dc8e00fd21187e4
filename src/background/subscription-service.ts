/**
 * Keeps the reader's pack subscriptions fresh: checks the due ones when the
 * hourly alarm fires, one at a time and most overdue first, and any one at
 * the reader's word ("Update now"). A check changes notes only after a good
 * answer (background/pack-fetch.ts, then checkUpdate), and then in one
 * transaction with the dictionary version's bump (db/subscriptions.ts); any
 * other answer is recorded on the subscription and backs off. The model is
 * uBlock Origin's list updater: per-list expiry with a floor, paced updates,
 * write only after a good fetch, the last error shown per list.
 */
import { type CheckSummary, type Subscription, type SubscriptionError } from '../core/subscription';
import { checkUpdate } from '../core/subscription-merge';
import {
  dueSubscriptions,
  nextAfterFailure,
  nextAfterSuccess,
} from '../core/subscription-schedule';
import type { BackstoryDb } from '../db/schema';
import type { VersionedResult } from '../db/state';
import { applyUpdate, recordCheck, type UpdateResult } from '../db/subscriptions';
import { fetchPack, type FetchOptions, type FetchOutcome } from './pack-fetch';
import type { SearchService } from './search-service';
import { failureText } from './failure';
import type { VersionedWrite } from './state-service';

/** A Retry-After the server asks for is honoured up to the longest expiry, 30 days. */
const MAX_WAIT_MS = 30 * 24 * 3_600_000;

export interface SubscriptionDeps {
  db: BackstoryDb;
  write: VersionedWrite;
  search?: Pick<SearchService, 'advance'>;
  /** Whether the reader allowed reading from an origin (permissions.contains). */
  allowed: FetchOptions['allowed'];
  online?: () => boolean;
  /** Tells open managers the subscriptions changed (a signal). */
  announce?: () => void;
  now?: () => number;
  random?: () => number;
  /** The fetcher; tests of the schedule pass their own. */
  fetch?: (url: string, options: FetchOptions) => Promise<FetchOutcome>;
  /** Pause between two scheduled checks, so a reader's packs are not fetched in one burst. */
  pace?: () => Promise<void>;
}

export class SubscriptionService {
  /** One check at a time: the schedule's and the reader's wait their turn. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly deps: SubscriptionDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  /** Checks one subscription now. `applyHeld`: take the held update if the answer is that one. */
  check(id: string, applyHeld = false): Promise<CheckSummary> {
    const run = this.queue.then(() => this.checkNow(id, applyHeld));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Checks every due subscription, most overdue first (the alarm's work). */
  async runDue(): Promise<CheckSummary[]> {
    const due = dueSubscriptions(await this.deps.db.subscriptions.toArray(), this.now());
    const results: CheckSummary[] = [];
    for (const [i, sub] of due.entries()) {
      if (i > 0) await (this.deps.pace ?? (() => pause(1_000 + this.random() * 4_000)))();
      results.push(await this.check(sub.id));
    }
    return results;
  }

  /** Checks every subscription that is not paused, at the reader's word. */
  async checkAll(): Promise<CheckSummary[]> {
    const subs = (await this.deps.db.subscriptions.toArray()).filter((s) => !s.paused);
    const results: CheckSummary[] = [];
    for (const sub of subs) results.push(await this.check(sub.id));
    return results;
  }

  /** "Keep current": the held answer is not applied, and not held again while it stays the same. */
  async keepHeld(id: string): Promise<CheckSummary> {
    const sub = await this.deps.db.subscriptions.get(id);
    if (!sub) return { id, kind: 'gone' };
    await recordCheck(this.deps.db, id, {
      held: undefined,
      ...(sub.held?.validators ? { validators: sub.held.validators } : {}),
    });
    this.deps.announce?.();
    return { id, kind: 'notModified' };
  }

  private async checkNow(id: string, applyHeld: boolean): Promise<CheckSummary> {
    const { db } = this.deps;
    const sub = await db.subscriptions.get(id);
    if (!sub) return { id, kind: 'gone' };
    const now = this.now();
    // Applying a held update asks again without validators: a 304 carries no body to apply.
    const outcome = await (this.deps.fetch ?? fetchPack)(sub.url, {
      validators: applyHeld ? {} : sub.validators,
      allowed: this.deps.allowed,
      ...(this.deps.online ? { online: this.deps.online } : {}),
    });
    try {
      return await this.settle(sub, outcome, now, applyHeld);
    } finally {
      this.deps.announce?.();
    }
  }

  private async settle(
    sub: Subscription,
    outcome: FetchOutcome,
    now: number,
    applyHeld: boolean,
  ): Promise<CheckSummary> {
    const { db } = this.deps;
    const id = sub.id;
    switch (outcome.kind) {
      // Offline is not the server's failure: nothing backs off, the next hour tries again.
      case 'offline':
        await recordCheck(db, id, { lastCheck: now });
        return { id, kind: 'offline' };
      case 'notModified':
        await recordCheck(db, id, {
          ...this.success(sub, now),
          validators: { ...sub.validators, ...outcome.validators },
        });
        return { id, kind: 'notModified' };
      case 'failed':
        await this.fail(sub, outcome.error, now, outcome.retryAfterMs);
        return { id, kind: 'failed', error: outcome.error };
      case 'fetched':
        break;
    }
    const checked = checkUpdate(outcome.parsed, outcome.entitiesSha256, sub);
    if (!checked.ok) {
      await this.fail(sub, checked.error, now);
      return { id, kind: 'failed', error: checked.error };
    }
    const nextCheck = nextAfterSuccess(now, checked.pack.expires, this.random);
    let written: VersionedResult<UpdateResult>;
    try {
      written = await this.deps.write(
        () =>
          applyUpdate(
            db,
            id,
            {
              pack: checked.pack,
              ...(checked.leftOut ? { leftOut: checked.leftOut } : {}),
              validators: outcome.validators,
              bodySha256: outcome.bodySha256,
            },
            { now, nextCheck, force: applyHeld },
          ),
        (r) => r.kind === 'applied' && r.saved.length + r.deletedIds.length > 0,
      );
    } catch (error) {
      // The transaction rolled back: nothing changed. Said so, and tried again later.
      const failure: SubscriptionError = { code: 'write', detail: failureText(error) };
      await this.fail(sub, failure, now);
      return { id, kind: 'failed', error: failure };
    }
    const r = written.result;
    if (r.kind === 'applied' && written.after !== written.before) {
      // After the commit: the index catching up must not turn applied notes into a failure.
      try {
        this.deps.search?.advance(written.before, written.after, {
          saved: r.saved,
          removed: r.deletedIds,
        });
      } catch (error) {
        console.error('Backstory: the search index missed a change', error);
      }
    }
    if (r.kind === 'gone') return { id, kind: 'gone' };
    if (r.kind === 'held') return { id, kind: 'held', removed: r.removed, total: r.total };
    return {
      id,
      kind: 'applied',
      added: r.added,
      updated: r.updated,
      removed: r.removed,
      keptAsOwn: r.keptAsOwn,
      conflicts: r.conflicts,
      unchanged: r.unchanged,
    };
  }

  private success(sub: Subscription, now: number): Partial<Subscription> {
    return {
      lastCheck: now,
      lastSuccess: now,
      nextCheck: nextAfterSuccess(now, sub.expires, this.random),
      failures: 0,
      lastError: undefined,
      failingSince: undefined,
    };
  }

  private async fail(
    sub: Subscription,
    error: SubscriptionError,
    now: number,
    retryAfterMs?: number,
  ): Promise<void> {
    const failures = sub.failures + 1;
    const wait = retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, MAX_WAIT_MS);
    await recordCheck(this.deps.db, sub.id, {
      lastCheck: now,
      lastError: { error, at: now },
      failures,
      failingSince: sub.failingSince ?? now,
      nextCheck: nextAfterFailure(now, failures, wait),
    });
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
