/**
 * A light HTML-to-text for Node, close to what the content script reads
 * (src/content/text-index.ts): the text of elements it never marks is left
 * out, inline elements run on (`<span>Z</span>imbabwe` is one word), and
 * block elements and `<br>` end a line. It reads no style sheet, so text a
 * page hides with CSS (menus behind `display: none`) is kept, and `hidden`
 * elements are left out only by their attribute. bench/corpus.ts's
 * `pageText` turns every tag into a space instead, which the matcher's
 * bench does not mind but name finding does (block edges end a sentence).
 */
import { SKIPPED_ELEMENTS } from '../src/core/skipped-elements';
import { decodeEntities } from '../src/ui/Markdown';

/**
 * Elements whose text is skipped: the content script's, but for two this
 * reader would skip up to an end tag that may never come. An `<option>`'s
 * end tag may be left out (the `<select>` around it is skipped whole), and
 * a `<frame>` has none (nor any text).
 */
const SKIPPED = new Set(SKIPPED_ELEMENTS.filter((name) => name !== 'option' && name !== 'frame'));

/** Elements whose content is raw text: it ends only at its own end tag. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'template']);

/** Elements that end a line, as text-index.ts's BLOCKS. */
const BLOCKS = new Set(
  (
    'address article aside blockquote body br button caption center dd details dialog div dl dt ' +
    'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html img legend li ' +
    'main menu nav ol p section summary table tbody td tfoot th thead tr ul option'
  ).split(' '),
);

/** Elements that never have an end tag. */
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);

/** The name of the tag starting at `lt` (after `<` or `</`), lower-cased, and where it ends. */
function tagName(html: string, start: number): string {
  let end = start;
  while (end < html.length && /[A-Za-z0-9-]/.test(html[end]!)) end++;
  return html.slice(start, end).toLowerCase();
}

/** Where the raw text of a `name` element that starts at `from` ends: at its end tag. */
function rawEnd(html: string, from: number, name: string): number {
  for (let at = html.indexOf('</', from); at !== -1; at = html.indexOf('</', at + 2)) {
    if (tagName(html, at + 2) === name) return at;
  }
  return html.length;
}

/**
 * The visible text of an HTML page, one line per block, white space inside
 * a line collapsed. Linear: every character is read a bounded number of times.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let i = 0;
  /** Depth inside skipped elements, by name (nested `<svg>` in `<svg>`). */
  let skipping: string | null = null;
  let skipDepth = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt === -1 ? html.length : lt;
    // Line breaks in the source are white space; only elements end a line.
    if (!skipping && textEnd > i)
      out.push(decodeEntities(html.slice(i, textEnd).replace(/\s+/g, ' ')));
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break;
    const closing = html[lt + 1] === '/';
    const name = tagName(html, lt + (closing ? 2 : 1));
    const tag = html.slice(lt, gt + 1);
    i = gt + 1;
    if (!name) {
      // `<!DOCTYPE>`, `<?xml?>`, a stray `<`: not an element.
      if (!skipping && !/^<[!?/]/.test(tag)) out.push(tag);
      continue;
    }
    if (skipping) {
      if (name === skipping) {
        if (closing) skipDepth--;
        else if (!tag.endsWith('/>')) skipDepth++;
        if (skipDepth === 0) skipping = null;
      }
      continue;
    }
    if (!closing && (SKIPPED.has(name) || /\shidden(?:[\s=/>])/i.test(tag))) {
      if (VOID.has(name) || tag.endsWith('/>')) continue;
      if (RAW.has(name)) {
        i = rawEnd(html, i, name);
        continue;
      }
      skipping = name;
      skipDepth = 1;
      continue;
    }
    if (BLOCKS.has(name)) out.push('\n');
  }
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
