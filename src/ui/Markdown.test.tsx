import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { decodeEntities, Markdown, MARKDOWN_MAX_CHARS, MARKDOWN_MAX_DEPTH } from './Markdown';

const html = (source: string) => renderToString(<Markdown source={source} />);

describe('Markdown', () => {
  it('renders emphasis, lists and web links', () => {
    const out = html(
      '**Minister** of *defence*\n\n- one\n- two\n\n[Wiki](https://en.wikipedia.org/wiki/X)',
    );
    expect(out).toContain('<strong>Minister</strong>');
    expect(out).toContain('<em>defence</em>');
    expect(out).toMatch(/<ul><li>.*one.*<\/li><li>.*two.*<\/li><\/ul>/);
    expect(out).toContain(
      '<a href="https://en.wikipedia.org/wiki/X" target="_blank" rel="noopener noreferrer">',
    );
  });

  it('shows raw HTML as text', () => {
    const out = html('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script>');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd'])(
    'never makes a link of %s',
    (url) => {
      expect(html(`[click](${url})`)).not.toContain('<a');
    },
  );

  it('does not load images', () => {
    expect(html('![tracker](https://example.com/pixel.png)')).not.toContain('<img');
  });

  it('decodes character references', () => {
    expect(decodeEntities('a &amp; b &#8212; &#x41; &bogus;')).toBe('a & b — A &bogus;');
  });
});

describe('Markdown, whatever the note', () => {
  const plain = (out: string) => out.startsWith('<div class="md md-plain">');

  it('draws an ordinary note as Markdown (the control for the cases below)', () => {
    expect(plain(html('**Minister**\n\n> quoted'))).toBe(false);
  });

  it('shows a note past the size limit as its plain text, at once', () => {
    const note = '_a'.repeat(50_000);
    const out = html(note);
    expect(plain(out)).toBe(true);
    expect(out).toContain('_a_a_a');
    expect(plain(html('x'.repeat(MARKDOWN_MAX_CHARS)))).toBe(false);
    expect(plain(html('x'.repeat(MARKDOWN_MAX_CHARS + 1)))).toBe(true);
  });

  it('shows a note that overflows the lexer’s stack as its plain text', () => {
    const note = '>'.repeat(3_000);
    expect(plain(html(note))).toBe(true);
  });

  it('shows a note nested too deep as its plain text', () => {
    const deep = (n: number) => '> '.repeat(n) + 'deep';
    expect(plain(html(deep(MARKDOWN_MAX_DEPTH - 2)))).toBe(false);
    expect(plain(html(deep(40)))).toBe(true);
  });

  it('escapes the plain text like any other', () => {
    const out = html(`${'>'.repeat(3_000)}<script>alert(1)</script>`);
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script>');
  });
});
