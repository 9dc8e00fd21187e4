/**
 * When each subscription is checked next (core/subscription.ts). The pack
 * says how long a copy stays fresh (`expires`); a failure backs off so a
 * host that is down is not asked every hour; a random extra spreads the
 * readers of one pack over time, so they do not all ask its host in the
 * same minute. Pure: the caller passes the clock and the dice.
 */
import type { Subscription } from './subscription';

export const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The alarm that wakes the background to check the subscriptions due. */
export const SCHEDULE_ALARM = 'backstory-subscriptions';
/** How often it fires: the schedule is kept to within this. */
export const ALARM_PERIOD_MINUTES = 60;
/** A subscription failing for longer than this shows a dot on the popup. */
export const FAILING_DOT_MS = 7 * DAY;

/** A copy is fresh for at least 4 hours (a host is not asked more often) and at most 30 days. */
const MIN_EXPIRES = 4 * HOUR;
const MAX_EXPIRES = 30 * DAY;
const DEFAULT_EXPIRES = 7 * DAY;
/** The longest wait a server may ask for with Retry-After. */
const MAX_RETRY_AFTER = 30 * DAY;

/** A pack's `expires` ("12h", "7d") in ms, within [4 h, 30 d]; 7 days when absent or unreadable. */
export function expiresMs(expires?: string): number {
  const match = /^(\d{1,4})([hd])$/.exec(expires ?? '');
  if (!match) return DEFAULT_EXPIRES;
  const ms = Number(match[1]) * (match[2] === 'h' ? HOUR : DAY);
  return Math.min(MAX_EXPIRES, Math.max(MIN_EXPIRES, ms));
}

/**
 * The next check after a good answer: when the copy expires, plus up to 10%
 * of that period (at most an hour) at random. `random` gives [0, 1).
 */
export function nextAfterSuccess(
  now: number,
  expires: string | undefined,
  random: () => number,
): number {
  const period = expiresMs(expires);
  const spread = Math.min(period / 10, HOUR);
  return now + period + Math.floor(random() * spread);
}

/**
 * The next check after a failure: an hour after the first, doubling with
 * each failure in a row, at most a day. A server that asks for a longer wait
 * (Retry-After on a 429 or 503) gets it, up to 30 days.
 */
export function nextAfterFailure(now: number, failures: number, retryAfterMs?: number): number {
  // 2 ** 5 hours already passes a day: the exponent stays small whatever the count.
  const backOff = Math.min(DAY, HOUR * 2 ** Math.min(Math.max(failures, 1) - 1, 5));
  const asked = Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER);
  return now + Math.max(backOff, asked);
}

/** The subscriptions to check now: not paused, due, the most overdue first. */
/** Whether any subscription has been failing for longer than FAILING_DOT_MS (the popup's dot). */
export function failingLong(subs: readonly Subscription[], now: number): boolean {
  return subs.some((s) => s.failingSince !== undefined && now - s.failingSince > FAILING_DOT_MS);
}

export function dueSubscriptions(subs: readonly Subscription[], now: number): Subscription[] {
  return subs
    .filter((s) => !s.paused && s.nextCheck <= now)
    .sort((a, b) => a.nextCheck - b.nextCheck);
}
