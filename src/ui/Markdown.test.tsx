import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { decodeEntities, Markdown } from './Markdown';

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
