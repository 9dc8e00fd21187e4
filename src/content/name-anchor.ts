/**
 * Where the new-note card opens for a name from the popup's list: beside
 * the first mention of the name the reader can see, scrolled into view, so
 * the sentence it came from is in sight while the note is written.
 */
import { collectText, locate, type CollectOptions } from './text-index';
import { VisibilityCheck } from './visibility';

/** The name's words with any white space between, not inside a longer word. */
export function namePattern(name: string): RegExp {
  const words = name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
}

/**
 * The first visible mention of `name` as a Range, scrolled to the middle of
 * the viewport; else an empty range, which places the card at the
 * viewport's top (the page changed since its text was read, or shows the
 * name only where the reader cannot see it).
 */
export function mentionRange(doc: Document, name: string, options: CollectOptions): Range {
  const index = doc.body ? collectText(doc.body, options) : null;
  if (index) {
    const check = new VisibilityCheck();
    for (const match of index.text.matchAll(namePattern(name))) {
      const start = locate(index, match.index);
      const end = locate(index, match.index + match[0].length - 1);
      if (check.isHidden(start.node) || check.isHidden(end.node)) continue;
      const range = doc.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset + 1);
      start.node.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
      return range;
    }
  }
  return doc.createRange();
}
