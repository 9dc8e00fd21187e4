import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { DictionaryStatus } from '../core/dictionary';
import { LeftOutNotice, limitShare, MarkedRow } from './DictionaryHealth';

const status = (over: Partial<DictionaryStatus> = {}): DictionaryStatus => ({
  entities: 100_000,
  forms: 178_000,
  units: 1_640_000,
  limits: { units: 4_000_000, forms: 500_000 },
  leftOut: 0,
  leftOutNames: [],
  ...over,
});

describe('the dictionary in Health', () => {
  it('gives the share of the fuller limit', () => {
    expect(limitShare(status())).toBe(41);
    expect(limitShare(status({ forms: 450_000 }))).toBe(90);
    expect(limitShare(status({ entities: 1, forms: 1, units: 4 }))).toBe(1);
    expect(limitShare(status({ entities: 0, forms: 0, units: 0 }))).toBe(0);
  });

  it('counts the notes marked', () => {
    expect(renderToString(h(MarkedRow, { status: status() }))).toContain(
      '100,000 notes by 178,000 names and aliases (41% of what Backstory marks at most)',
    );
  });

  it('says nothing more while every note is marked', () => {
    expect(renderToString(h(LeftOutNotice, { status: status() }))).toBe('');
  });

  it('names the notes left out, says why, and counts the rest', () => {
    const html = renderToString(
      h(LeftOutNotice, {
        status: status({
          leftOut: 3,
          leftOutNames: [
            { id: 'a', name: 'Benny Gantz' },
            { id: 'b', name: '<b>Akar</b>' },
          ],
        }),
      }),
    );
    expect(html).toContain('role="note"');
    expect(html).toContain('3 notes are not marked on pages');
    expect(html).toContain('4,000,000 characters, or 500,000 names and aliases');
    expect(html).toContain('<li>Benny Gantz</li><li>&lt;b>Akar&lt;/b></li>');
    expect(html).toContain('and 1 more.');
  });
});
