import { describe, expect, it } from 'vitest';
import type { Subscription } from './subscription';
import {
  dueSubscriptions,
  expiresMs,
  failingLong,
  nextAfterFailure,
  nextAfterSuccess,
} from './subscription-schedule';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** A fixed clock: 1 December 2026, 10:00 UTC. */
const NOW = Date.UTC(2026, 11, 1, 10);

describe('expiresMs', () => {
  it('reads hours and days', () => {
    expect(expiresMs('12h')).toBe(12 * HOUR);
    expect(expiresMs('7d')).toBe(7 * DAY);
  });

  it('keeps within 4 hours and 30 days', () => {
    expect(expiresMs('1h')).toBe(4 * HOUR);
    expect(expiresMs('4h')).toBe(4 * HOUR);
    expect(expiresMs('9999d')).toBe(30 * DAY);
  });

  it('takes 7 days when absent or unreadable', () => {
    expect(expiresMs()).toBe(7 * DAY);
    expect(expiresMs('soon')).toBe(7 * DAY);
    expect(expiresMs('2w')).toBe(7 * DAY);
  });
});

describe('nextAfterSuccess', () => {
  it('waits the period, plus a random tenth of it', () => {
    expect(nextAfterSuccess(NOW, '12h', () => 0)).toBe(NOW + 12 * HOUR);
    expect(nextAfterSuccess(NOW, '5h', () => 0.5)).toBe(NOW + 5 * HOUR + 15 * 60 * 1000);
  });

  it('spreads readers by at most an hour', () => {
    expect(nextAfterSuccess(NOW, '7d', () => 0.999_999)).toBeLessThan(NOW + 7 * DAY + HOUR);
    expect(nextAfterSuccess(NOW, '7d', () => 0.999_999)).toBeGreaterThan(NOW + 7 * DAY + HOUR - 10);
  });
});

describe('nextAfterFailure', () => {
  it('backs off an hour, doubling with each failure in a row, up to a day', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 1000].map((n) => (nextAfterFailure(NOW, n) - NOW) / HOUR);
    expect(waits).toEqual([1, 2, 4, 8, 16, 24, 24, 24]);
  });

  it('waits longer when the server asks, not shorter, and at most 30 days', () => {
    expect(nextAfterFailure(NOW, 1, 3 * HOUR)).toBe(NOW + 3 * HOUR);
    expect(nextAfterFailure(NOW, 3, 60_000)).toBe(NOW + 4 * HOUR);
    expect(nextAfterFailure(NOW, 1, 365 * DAY)).toBe(NOW + 30 * DAY);
  });
});

describe('dueSubscriptions', () => {
  const sub = (id: string, nextCheck: number, paused = false) =>
    ({ id, nextCheck, paused }) as Subscription;

  it('gives the due ones that are not paused, the most overdue first', () => {
    const subs = [
      sub('later', NOW + 1),
      sub('now', NOW),
      sub('paused', NOW - DAY, true),
      sub('overdue', NOW - HOUR),
    ];
    expect(dueSubscriptions(subs, NOW).map((s) => s.id)).toEqual(['overdue', 'now']);
    expect(dueSubscriptions(subs, NOW - DAY)).toEqual([]);
  });
});

describe('failingLong', () => {
  const now = Date.UTC(2026, 11, 1);
  it('is true once a subscription has failed for more than 7 days, not before', () => {
    const sub = (failingSince?: number) =>
      ({ id: 'x', ...(failingSince === undefined ? {} : { failingSince }) }) as Subscription;
    expect(failingLong([sub(), sub(now - 7 * DAY)], now)).toBe(false);
    expect(failingLong([sub(), sub(now - 7 * DAY - 1)], now)).toBe(true);
    expect(failingLong([], now)).toBe(false);
  });
});
