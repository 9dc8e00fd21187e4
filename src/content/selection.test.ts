import { describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits';
import { pageAddress } from './selection';

/** A window chain as pageAddress walks it: each frame's address, the outermost last; null for one it may not read. */
function docIn(...hrefs: (string | null)[]): Document {
  let parent: Window | null = null;
  let win: Window | null = null;
  for (const href of [...hrefs].reverse()) {
    const w = {
      get location() {
        if (href === null) throw new DOMException('Blocked a frame', 'SecurityError');
        return { href };
      },
    } as unknown as Window & { parent: Window };
    w.parent = parent ?? w;
    parent = w;
    win = w;
  }
  return { defaultView: win } as unknown as Document;
}

describe('pageAddress', () => {
  it('names a web page by its address', () => {
    expect(pageAddress(docIn('https://news.example/story?id=1#top'))).toBe(
      'https://news.example/story?id=1#top',
    );
  });

  it('names a frame without an address of its own by the page around it', () => {
    expect(pageAddress(docIn('about:blank', 'https://news.example/story'))).toBe(
      'https://news.example/story',
    );
    expect(pageAddress(docIn('about:srcdoc', 'about:blank', 'https://a.example/'))).toBe(
      'https://a.example/',
    );
  });

  it('names nothing where no web address can be read', () => {
    expect(pageAddress(docIn('about:blank'))).toBeNull();
    expect(pageAddress(docIn('about:srcdoc', null))).toBeNull();
    expect(pageAddress(docIn('file:///home/me/page.html'))).toBeNull();
  });

  it('shortens an address over the limit to one a note can keep', () => {
    const long = `https://news.example/story?${'q'.repeat(LIMITS.url)}`;
    expect(pageAddress(docIn(long))).toBe('https://news.example/story');
    const longPath = `https://news.example/${'p'.repeat(LIMITS.url)}`;
    expect(pageAddress(docIn(longPath))).toBe('https://news.example/');
  });
});
