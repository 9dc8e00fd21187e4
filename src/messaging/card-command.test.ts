import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CardCommandSchema, PAGE_LANGUAGE } from './card-protocol';

describe("the composer's page language", () => {
  const compose = {
    kind: 'compose',
    seq: 1,
    action: 'add-note',
    text: 'Hulusi Akar',
    viewport: { width: 1000, height: 800 },
  };

  it('takes the shape of a language tag, and a command without one', () => {
    for (const lang of ['tr', 'en-GB', 'zh-Hant-TW', 'sr-Latn-RS'])
      expect(v.is(CardCommandSchema, { ...compose, lang })).toBe(true);
    expect(v.is(CardCommandSchema, compose)).toBe(true);
  });

  it('refuses what a page may write in <html lang> that is no tag', () => {
    for (const lang of ['', 'english please', 'en_GB', `en-${'x'.repeat(40)}`, 'e', '../en'])
      expect(PAGE_LANGUAGE.test(lang)).toBe(false);
  });
});
