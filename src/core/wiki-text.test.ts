import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { cleanLine, cleanProse, escapeMarkdown, termOf, titleOf, wikiLanguage } from './wiki-text';

describe('wikiLanguage', () => {
  it('keeps the primary subtag of a BCP 47 tag, in lower case', () => {
    expect(wikiLanguage('en')).toBe('en');
    expect(wikiLanguage('en-GB')).toBe('en');
    expect(wikiLanguage('zh-Hant-TW')).toBe('zh');
    expect(wikiLanguage('TR')).toBe('tr');
    expect(wikiLanguage('pt_BR')).toBe('pt');
    expect(wikiLanguage('ast')).toBe('ast');
  });

  it('names a Wikipedia by its own code where it differs from the tag (Norwegian Bokmål)', () => {
    expect(wikiLanguage('nb-NO')).toBe('no');
    expect(wikiLanguage('nn')).toBe('nn');
  });

  it('names none for what could not be part of a host name', () => {
    for (const tag of [undefined, '', 'e', 'english', 'en.evil.com', 'en/../x', 'x-klingon', '*'])
      expect(wikiLanguage(tag)).toBeUndefined();
  });
});

describe('termOf and cleanLine', () => {
  it('cleans controls, direction overrides and runs of white space from a line', () => {
    expect(cleanLine(' Hulusi\u00a0\u00a0Akar\n')).toBe('Hulusi Akar');
    expect(cleanLine('a\u0000b\u202ec\u2066d\u0085e')).toBe('abcde');
  });

  it('leaves out what is not whole text of 1 to max characters, never cutting it', () => {
    expect(termOf('NATO', 10)).toBe('NATO');
    expect(termOf('  ', 10)).toBeUndefined();
    expect(termOf('x'.repeat(11), 10)).toBeUndefined();
    expect(termOf('x'.repeat(10), 10)).toBe('x'.repeat(10));
    expect(termOf('half \ud800', 10)).toBeUndefined();
    for (const wrong of [5, null, {}, ['NATO'], true]) expect(termOf(wrong, 10)).toBeUndefined();
  });

  it('keeps titles of at most 255 bytes of UTF-8', () => {
    expect(titleOf('東'.repeat(85))).toBe('東'.repeat(85));
    // 86 × 3 bytes: 258.
    expect(titleOf('東'.repeat(86))).toBeUndefined();
  });
});

describe('cleanProse', () => {
  it('keeps paragraphs, trims lines and cuts at a word end with an ellipsis', () => {
    expect(cleanProse('  One  two.\r\n\r\n\r\n\tThree.\u2028Four ', 100)).toBe(
      'One two.\n\nThree.\nFour',
    );
    expect(cleanProse('alpha beta gamma delta', 15)).toBe('alpha beta…');
    // The control: what fits is left whole.
    expect(cleanProse('alpha beta gamma delta', 22)).toBe('alpha beta gamma delta');
  });

  it('never leaves half a character at the cut', () => {
    const text = cleanProse('a'.repeat(8) + '😀'.repeat(8), 10);
    expect(text).toBe('aaaaaaaa…');
    expect(/\p{Cs}/u.test(text)).toBe(false);
  });
});

/** The text a reader sees of rendered Markdown: tags dropped, character references read. */
function shownText(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return html
    .replace(/<\/p>\n<p>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) =>
      name === 'lt'
        ? '<'
        : name === 'gt'
          ? '>'
          : name === 'quot'
            ? '"'
            : name === '#39'
              ? "'"
              : '&',
    )
    .trim();
}

describe('escapeMarkdown', () => {
  it('shows Markdown and HTML in plain text as the characters they are', () => {
    const cases = [
      'a *b* _c_ `d` [e](https://x.example) <b>f</b> ~~g~~ &amp; h \\ i',
      '# Heading',
      '> quote',
      '- item\n+ item\n1999. A year\n2) two',
      'Title\n===',
      'snake_case and https://example.com/a_b_c stay as they are',
    ];
    for (const text of cases) expect(shownText(escapeMarkdown(text))).toBe(text);
    // The control: unescaped, they are Markdown.
    expect(shownText('a *b* <b>f</b> &amp;')).not.toBe('a *b* <b>f</b> &amp;');
  });

  it('leaves "_" inside words alone', () => {
    expect(escapeMarkdown('snake_case _x_')).toBe('snake_case \\_x\\_');
  });

  it('shows any cleaned prose as itself', () => {
    const chars = [...'ab1 *_`[]()<>!#&;~|=+-.\\\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 60 }), (list) => {
        const text = cleanProse(list.join(''), 1_000);
        fc.pre(!/https?:|www\./.test(text));
        expect(shownText(escapeMarkdown(text))).toBe(text);
      }),
      { seed: 1501, numRuns: 400 },
    );
  });
});
