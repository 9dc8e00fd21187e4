/**
 * Adopting a sheet into the three kinds of root a content script meets: one
 * whose list is an array (Chromium), one seen through a Firefox 140 Xray
 * (the list reads as an empty shell of an array; the page's own view holds
 * the array), and one whose list cannot be read at all. The end-to-end
 * proof is e2e/settings.spec.ts in Firefox; these hold the rules on every
 * machine.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adoptSheet, newSheet, releaseSheet, type SheetRoot } from './adopted-sheets';
import { MarkColors } from './mark-colors';
import { styleShadowRoot } from './shadow-styles';

/** A sheet as a content script holds it in Firefox: an Xray over the page's object. */
function xraySheet(): CSSStyleSheet {
  const page = { page: true };
  return { wrappedJSObject: page } as unknown as CSSStyleSheet;
}

/**
 * A root as Firefox 140 shows it to a content script: its own
 * `adoptedStyleSheets` is an empty shell of an array, and setting it
 * throws; `wrappedJSObject` is the page's view, whose list keeps the page's
 * object of each sheet put in it (what crossing into the page does).
 */
function xrayRoot(pageSheets: object[] = []): { root: SheetRoot; page: object[] } {
  const page = new Proxy(pageSheets, {
    set(target, key, value: unknown, receiver) {
      const crossed = (value as { wrappedJSObject?: object } | null)?.wrappedJSObject ?? value;
      return Reflect.set(target, key, crossed, receiver);
    },
  });
  const root = {
    get adoptedStyleSheets() {
      // An array to Array.isArray, with no length, elements or methods.
      return new Proxy([], { get: () => undefined });
    },
    set adoptedStyleSheets(_: unknown) {
      throw new Error('Accessing from Xray wrapper is not supported.');
    },
    wrappedJSObject: { adoptedStyleSheets: page },
  };
  return { root: root as unknown as SheetRoot, page: pageSheets };
}

function plainRoot(sheets: object[] = []): SheetRoot {
  return { adoptedStyleSheets: sheets } as unknown as SheetRoot;
}

function unreadableRoot(): SheetRoot {
  return {
    get adoptedStyleSheets(): never {
      throw new Error('Permission denied');
    },
  } as unknown as SheetRoot;
}

const sheet = () => ({ rules: 1 }) as unknown as CSSStyleSheet;

describe('a root whose list is an array', () => {
  it('adopts a sheet once, after the page’s own, and gives it back', () => {
    const pages = sheet();
    const ours = sheet();
    const root = plainRoot([pages]);
    adoptSheet(root, ours);
    adoptSheet(root, ours);
    expect(root.adoptedStyleSheets).toEqual([pages, ours]);
    releaseSheet(root, ours);
    expect(root.adoptedStyleSheets).toEqual([pages]);
  });

  it('leaves a list without the sheet as it is when giving back', () => {
    const pages = [sheet()];
    const root = plainRoot(pages);
    releaseSheet(root, sheet());
    expect(root.adoptedStyleSheets).toBe(pages);
  });
});

/** A sheet of rules with these selectors, as `cssRules` shows it. */
const ruled = (...selectors: string[]) =>
  ({ cssRules: selectors.map((selectorText) => ({ selectorText })) }) as unknown as CSSStyleSheet;

describe('sheets an earlier copy of the script left', () => {
  beforeEach(() => vi.stubGlobal('CSSStyleSheet', FakeSheet));
  afterEach(() => vi.unstubAllGlobals());

  it('are taken out as a sheet is adopted; the page’s own and this copy’s stay', () => {
    const left = ruled('::highlight(backstory-person)', '::highlight(backstory-hover)');
    const pages = ruled('p', '::highlight(backstory-person)');
    const empty = ruled();
    const mine = newSheet('::highlight(backstory-person) {}')!;
    // A sheet of this copy's holds the same rules and is kept.
    Object.defineProperty(mine, 'cssRules', {
      value: [{ selectorText: '::highlight(backstory-person)' }],
    });
    const root = plainRoot([left, pages, empty, mine]);
    const ours = newSheet('')!;
    adoptSheet(root, ours);
    expect(root.adoptedStyleSheets).toEqual([pages, empty, mine, ours]);
  });

  it('are taken out of the page’s own list in Firefox', () => {
    const left = ruled('::highlight(backstory-place)');
    const pages = ruled('.x');
    const { root, page } = xrayRoot([left, pages]);
    const ours = xraySheet();
    adoptSheet(root, ours);
    expect(page).toEqual([pages, (ours as unknown as { wrappedJSObject: object }).wrappedJSObject]);
  });
});

describe('a root seen through a Firefox 140 Xray', () => {
  it('adopts the sheet into the page’s own list, once, and gives it back', () => {
    const pages = { pageSheet: true };
    const ours = xraySheet();
    const { root, page } = xrayRoot([pages]);
    // Control: the list as the standard has it cannot be used here.
    expect(() => {
      root.adoptedStyleSheets = [ours];
    }).toThrow(/Xray/);
    adoptSheet(root, ours);
    adoptSheet(root, ours);
    expect(page).toEqual([pages, (ours as unknown as { wrappedJSObject: object }).wrappedJSObject]);
    releaseSheet(root, ours);
    expect(page).toEqual([pages]);
  });

  it('uses its own Array methods, not the ones the page put on its list', () => {
    const ours = xraySheet();
    const list: object[] = [];
    const hostile = vi.fn(() => {
      throw new Error('the page’s push');
    });
    Object.defineProperty(list, 'push', { value: hostile });
    Object.defineProperty(list, 'includes', { value: () => true });
    const { root, page } = xrayRoot(list);
    adoptSheet(root, ours);
    expect(hostile).not.toHaveBeenCalled();
    expect(page).toHaveLength(1);
  });
});

describe('a root whose list cannot be read', () => {
  it('neither adopting nor giving back throws', () => {
    const root = unreadableRoot();
    expect(() => adoptSheet(root, sheet())).not.toThrow();
    expect(() => releaseSheet(root, sheet())).not.toThrow();
  });
});

/** Constructed sheets, as far as these modules use them. */
class FakeSheet {
  css = '';
  replaceSync(css: string): void {
    this.css = css;
  }
}

describe('the colour and shadow sheets on each kind of root', () => {
  beforeEach(() => vi.stubGlobal('CSSStyleSheet', FakeSheet));
  afterEach(() => vi.unstubAllGlobals());

  it('newSheet holds the rules it was made with, and is null without constructed sheets', () => {
    expect((newSheet('a {}') as unknown as FakeSheet).css).toBe('a {}');
    vi.stubGlobal('CSSStyleSheet', undefined);
    expect(newSheet('a {}')).toBeNull();
  });

  it('a chosen colour reaches a Firefox 140 document and shadow root, and the default takes it back', () => {
    const doc = xrayRoot();
    const shadow = xrayRoot();
    const colors = new MarkColors(doc.root as Document);
    colors.set({ person: '#12ab34' });
    colors.adoptInto(shadow.root as ShadowRoot);
    expect(doc.page).toHaveLength(1);
    expect(shadow.page).toHaveLength(1);
    expect((doc.page[0] as FakeSheet).css).toContain('18 171 52');
    colors.set({});
    expect(doc.page).toHaveLength(0);
    // The shadow root keeps the sheet, now empty: its marks have the defaults.
    expect((shadow.page[0] as FakeSheet).css).toBe('');
  });

  it('the highlight rules reach a Firefox 140 shadow root, once', () => {
    const shadow = xrayRoot();
    styleShadowRoot(shadow.root as ShadowRoot);
    styleShadowRoot(shadow.root as ShadowRoot);
    expect(shadow.page).toHaveLength(1);
    expect(shadow.page[0]).toBeInstanceOf(FakeSheet);
  });

  it('a root that refuses every read stops neither the colours nor a scan', () => {
    const colors = new MarkColors(unreadableRoot() as Document);
    expect(() => {
      colors.set({ person: '#12ab34' });
      colors.adoptInto(unreadableRoot() as ShadowRoot);
      styleShadowRoot(unreadableRoot() as ShadowRoot);
      colors.destroy();
    }).not.toThrow();
  });
});
