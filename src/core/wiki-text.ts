/**
 * Text as Wikipedia and Wikidata send it, made fit for a note (wikidata.ts,
 * wikipedia.ts): language codes checked before they become a host name or
 * a parameter, strings cleaned of what no name or note should hold, plain
 * text kept plain when it becomes Markdown, and every length bounded.
 */
import { isUnicodeText } from './entity';

/**
 * A Wikimedia language code from a BCP 47 tag ("en-GB" → "en", "zh-Hant"
 * → "zh"), or undefined when the tag names none. Only the primary subtag
 * is kept: Wikipedia's hosts are named by it (en.wikipedia.org), and
 * Wikidata's terms fall back to it. Checked here because it becomes part
 * of a host name and of a query (https://meta.wikimedia.org/wiki/List_of_Wikipedias).
 */
export function wikiLanguage(tag: string | undefined): string | undefined {
  const primary = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i.exec(tag?.trim() ?? '')?.[1];
  const code = primary?.toLowerCase();
  return code === undefined ? undefined : (WIKI_CODES[code] ?? code);
}

/**
 * Languages whose Wikipedia goes by another code than the browser's tag:
 * Norwegian Bokmål (nb) is no.wikipedia.org and the site `nowiki`
 * (https://meta.wikimedia.org/wiki/List_of_Wikipedias).
 */
const WIKI_CODES: Readonly<Record<string, string>> = { nb: 'no' };

/**
 * C0 and C1 controls, bidirectional embeddings and isolates, and the
 * line and paragraph separators: none belongs in a name, and a stray
 * right-to-left override in a label would turn the text around it.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what it removes
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of text (a label, an alias, a title): controls gone, white space made one space. */
export function cleanLine(value: string): string {
  return value.replace(CONTROLS, '').replace(/\s+/gu, ' ').trim();
}

/**
 * A string from an answer as a name, alias or title: cleaned, and kept only
 * when it is whole Unicode text of 1 to `max` characters. Anything else
 * (not a string, too long, half a character) is left out, never cut: a cut
 * name would be a different name.
 */
export function termOf(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.length > max * 4) return undefined;
  const line = cleanLine(value);
  return line.length > 0 && line.length <= max && isUnicodeText(line) ? line : undefined;
}

/**
 * A page title from an answer: a term of at most 255 bytes of UTF-8, as
 * MediaWiki's titles are (https://www.mediawiki.org/wiki/Manual:Page_title),
 * so an article's address always fits the limit of a link (LIMITS.url).
 */
export function titleOf(value: unknown): string | undefined {
  const title = termOf(value, 255);
  return title && new TextEncoder().encode(title).length <= 255 ? title : undefined;
}

/**
 * Prose (an extract): controls gone, lines trimmed, at most one empty line
 * between paragraphs, and cut at `max` characters, at the end of a word,
 * with an ellipsis. A half character is dropped rather than kept.
 */
export function cleanProse(value: string, max: number): string {
  const text = value
    .slice(0, max * 2)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROLS, '')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(/\p{Cs}/gu, '');
  if (text.length <= max) return text;
  // A cut between the two halves of a character leaves the first half: dropped.
  const cut = text.slice(0, max - 1).replace(/\p{Cs}$/u, '');
  const space = cut.search(/\s\S*$/u);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Plain text as Markdown that renders as the same text (src/ui/Markdown.tsx
 * reads notes with marked): the characters that start emphasis, code,
 * links, raw HTML, strike-through and character references are escaped
 * with a backslash (CommonMark: https://spec.commonmark.org/0.31.2/#backslash-escapes),
 * and so is what would make a line a heading (also "=" under a line), a
 * quote or a list. Wikipedia's extracts are plain text; a "*" or a "[" in
 * one is meant as itself. Applied to cleaned prose (cleanProse: no
 * indented lines, no trailing spaces).
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*[\]<~]/g, '\\$&')
      // "_" between letters never starts emphasis, and is left alone in "snake_case" and URLs.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
      .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
      .replace(/^([#>+=-])/gm, '\\$1')
      .replace(/^(\d{1,9})([.)])/gm, '$1\\$2')
  );
}
