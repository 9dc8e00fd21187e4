import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ComposeNameRequestSchema, PageTextSchema } from './tab-protocol';

describe('the names’ tab messages', () => {
  const compose = {
    type: 'backstory-compose-name',
    name: 'Hulusi Akar',
    kind: 'person',
    aliases: ['Akar'],
    quote: 'Hulusi Akar said.',
    page: 'doc-1',
  };

  it('name the document the names were read from, both ways', () => {
    expect(v.is(ComposeNameRequestSchema, compose)).toBe(true);
    const { page: _page, ...unnamed } = compose;
    expect(v.is(ComposeNameRequestSchema, unnamed)).toBe(false);
    expect(v.is(ComposeNameRequestSchema, { ...compose, page: 'x'.repeat(65) })).toBe(false);
    const text = { status: 'text', text: 'A', lang: 'en', truncated: false };
    expect(v.is(PageTextSchema, { ...text, page: 'doc-1' })).toBe(true);
    expect(v.is(PageTextSchema, text)).toBe(false);
  });
});
