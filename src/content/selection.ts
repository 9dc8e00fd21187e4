/**
 * What the reader selected, for the context menu's "Add note": where it is on
 * screen (the card opens beside it) and the sentence around it (kept with the
 * note as its source).
 */
import type { Source } from '../core/entity';

export interface ReadSelection {
  /** A copy of the selected range: the card follows it as the page scrolls. */
  range: Range;
  source: Source;
}

/** The sentence of `text` that holds `offset`, by the browser's own sentence rules. */
export function sentenceAround(text: string, offset: number, locale?: string): string {
  const segments = new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(text);
  const hit = segments.containing(Math.min(offset, Math.max(0, text.length - 1)));
  return (hit?.segment ?? text).replace(/\s+/g, ' ').trim().slice(0, 2000);
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
  return {
    range: range.cloneRange(),
    source: {
      url: doc.location.href,
      title: doc.title.trim().slice(0, 300) || undefined,
      quote,
      at: new Date().toISOString(),
    },
  };
}
