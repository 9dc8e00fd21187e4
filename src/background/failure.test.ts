import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { ReaderError } from '../core/reader-error';
import { failureText } from './failure';

describe('failureText', () => {
  it('keeps our own words as they are', () => {
    expect(failureText(new ReaderError('Already in your language.'))).toBe(
      'Already in your language.',
    );
  });

  it('gives a full disk its own advice, also when Dexie wraps the browser error', () => {
    const quota = new DOMException('quota', 'QuotaExceededError');
    expect(failureText(quota)).toMatch(/no room left to store notes/);
    const wrapped = new Dexie.AbortError('Transaction aborted', quota);
    expect(failureText(wrapped)).toMatch(/no room left to store notes/);
  });

  it('names other database failures, with the browser’s detail', () => {
    expect(failureText(new Dexie.ConstraintError('Key already exists'))).toBe(
      'The notes database failed: Key already exists',
    );
  });

  it('shows anything else as it is, rather than hiding a bug', () => {
    expect(failureText(new TypeError('x is undefined'))).toBe('x is undefined');
    expect(failureText('plain')).toBe('plain');
  });
});
