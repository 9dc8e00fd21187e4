import { describe, expect, it } from 'vitest';
import { EXPORT_REMINDER_DAYS, exportReminder } from './Health';

const DAY = 24 * 60 * 60 * 1000;

describe('exportReminder', () => {
  it('reminds when notes were never exported', () => {
    expect(exportReminder(3, null)).toEqual({ never: true });
  });

  it('says nothing when there are no notes, or the last export is recent', () => {
    expect(exportReminder(0, null)).toBeNull();
    expect(exportReminder(3, { at: 0, count: 3 }, (EXPORT_REMINDER_DAYS - 1) * DAY)).toBeNull();
  });

  it('counts the days since an old export', () => {
    expect(exportReminder(3, { at: 0, count: 3 }, 45 * DAY + 5)).toEqual({ days: 45 });
  });
});
