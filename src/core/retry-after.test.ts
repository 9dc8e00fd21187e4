import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after';

const now = Date.UTC(2026, 11, 1, 10, 0, 0);
const DAY = 86_400_000;

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7_000],
    // The three forms of an HTTP date, 90 seconds ahead.
    ['Tue, 01 Dec 2026 10:01:30 GMT', 90_000],
    ['Tuesday, 01-Dec-26 10:01:30 GMT', 90_000],
    ['Tue Dec  1 10:01:30 2026', 90_000],
    // A date gone by: ask again now.
    ['Mon, 30 Nov 2026 10:00:00 GMT', 0],
  ])('reads %j as %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it('reads an asctime date as GMT, whatever the local time zone', () => {
    const zone = process.env.TZ;
    // Node follows a change of TZ at once; Date.parse reads a date without a zone as local.
    process.env.TZ = 'America/New_York';
    try {
      expect(new Date(now).getHours()).not.toBe(new Date(now).getUTCHours());
      expect(parseRetryAfter('Tue Dec  1 10:01:30 2026', now)).toBe(90_000);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('waits at most 30 days, in seconds or as a date; just under is kept', () => {
    expect(parseRetryAfter(String(30 * 86_400 - 1), now)).toBe(30 * DAY - 1000);
    expect(parseRetryAfter(String(31 * 86_400), now)).toBe(30 * DAY);
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(30 * DAY);
    expect(parseRetryAfter('Fri, 01 Dec 2028 10:00:00 GMT', now)).toBe(30 * DAY);
  });

  it.each([
    null,
    '',
    'soon',
    '-5',
    '1.5',
    '2026-12-01',
    '120s',
    'Tue, 01 Dec 2026 25:00:00 GMT',
    '2026-12-01T10:01:30Z',
    'Tue, 01 Dec 2026 10:01:30 +0000',
  ])('gives nothing for %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
