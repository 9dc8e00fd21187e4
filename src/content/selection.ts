/**
 * What the reader selected, for the context menu's "Add note": where it is on
 * screen (the card opens beside it) and the sentence around it (kept with the
 * note as its source).
 */
import { isWebUrl, type Source } from '../core/entity';
import { LIMITS } from '../core/limits';

export interface ReadSelection {
  /** A copy of the selected range: the card follows it as the page scrolls. */
  range: Range;
  /** Where the note comes from; none where no web address can be named (see `pageAddress`). */
  source: Source | null;
}

/**
 * The web address a note's source names: this document's, or, for a frame
 * with none of its own (about:blank, srcdoc, data:), the nearest enclosing
 * page's that this script may read. An address over the limits of a note
 * loses its query and fragment, or all but its origin; the note is saved
 * either way (the limits are those of core/limits.ts, so it always can be).
 */
export function pageAddress(doc: Document): string | null {
  let win: Window | null = doc.defaultView;
  for (let depth = 0; win && depth < 20; depth++) {
    let href: string;
    try {
      href = win.location.href;
    } catch {
      // A page of another origin: its address is not this frame's to tell.
      return null;
    }
    if (isWebUrl(href)) return shorten(href);
    if (win.parent === win) return null;
    win = win.parent;
  }
  return null;
}

function shorten(href: string): string | null {
  if (href.length <= LIMITS.url) return href;
  const { origin, pathname } = new URL(href);
  if (origin.length + pathname.length <= LIMITS.url) return origin + pathname;
  return origin.length < LIMITS.url ? `${origin}/` : null;
}

/** The sentence of `text` that holds `offset`, by the browser's own sentence rules. */
export function sentenceAround(text: string, offset: number, locale?: string): string {
  const segments = new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(text);
  const hit = segments.containing(Math.min(offset, Math.max(0, text.length - 1)));
  return (hit?.segment ?? text).replace(/\s+/g, ' ').trim().slice(0, LIMITS.quote);
}

export function readSelection(doc: Document): ReadSelection | null {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const block = range.startContainer.parentElement?.closest(
    'p, li, td, th, h1, h2, h3, h4, h5, h6, blockquote, figcaption, dd, dt, div',
  );
  let quote: string | undefined;
  if (block) {
    // The selection's offset within the block's text.
    const before = doc.createRange();
    before.setStart(block, 0);
    before.setEnd(range.startContainer, range.startOffset);
    quote = sentenceAround(
      block.textContent ?? '',
      before.toString().length,
      doc.documentElement.lang,
    );
  }
  return { range: range.cloneRange(), source: pageSource(doc, quote) };
}

/** This page as a note's source, with `quote` from it; null where no web address can be named. */
export function pageSource(doc: Document, quote: string | undefined): Source | null {
  const url = pageAddress(doc);
  return url
    ? {
        url,
        title: doc.title.trim().slice(0, LIMITS.sourceTitle) || undefined,
        quote: quote?.slice(0, LIMITS.quote) || undefined,
        at: new Date().toISOString(),
      }
    : null;
}
