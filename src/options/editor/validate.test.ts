import { describe, expect, it } from 'vitest';
import { validateDraft, type EditorDraft } from './validate';

const draft = (over: Partial<EditorDraft> = {}): EditorDraft => ({
  name: 'Hulusi Akar',
  aliases: [],
  note: '',
  tags: [],
  links: [],
  ...over,
});

describe('validateDraft', () => {
  it('accepts a plain draft', () => {
    expect(validateDraft(draft())).toEqual({});
  });

  it('names each field with a problem', () => {
    expect(
      validateDraft(
        draft({
          name: '  ',
          aliases: ['a'.repeat(201)],
          tags: Array.from({ length: 51 }, (_, i) => `t${i}`),
          note: 'x'.repeat(1_000_000),
          links: [
            { title: 'ok', url: 'https://example.org' },
            { title: 'bad', url: 'javascript:alert(1)' },
          ],
        }),
      ),
    ).toEqual({
      name: 'A name is needed.',
      aliases: `“${'a'.repeat(40)}” is longer than 200 characters.`,
      tags: 'At most 50 entries.',
      note: 'At most 100,000 characters (1,000,000 now).',
      links: 'Line 2: an address must start with http:// or https://.',
    });
  });
});
