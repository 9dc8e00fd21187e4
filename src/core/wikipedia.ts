/**
 * A Wikipedia article's summary as a note, read only when the reader asks
 * (issue 15, "Look up"): the address of the REST summary, what its answer
 * holds (https://www.mediawiki.org/wiki/Specs/Summary/1.3.0), and the note
 * and source made from it. Only the plain-text `extract` is read, never
 * `extract_html`. The text is CC BY-SA 4.0
 * (https://en.wikipedia.org/wiki/Wikipedia:Text_of_the_Creative_Commons_Attribution-ShareAlike_4.0_International_License):
 * the source names the article, its address, the day it was taken and the
 * licence, and travels with the note (packs and exports keep it).
 */
import * as v from 'valibot';
import type { Source } from './entity';
import { LIMITS } from './limits';
import { cleanProse, escapeMarkdown, termOf, titleOf } from './wiki-text';

export const WIKIPEDIA_LICENSE = 'CC BY-SA 4.0';
/** The longest extract kept: a summary is the first paragraph or two, a few hundred characters. */
const MAX_EXTRACT = 4_000;
const MAX_DESCRIPTION = 500;

/** A language's Wikipedia: https://en.wikipedia.org. The language is a checked code (wikiLanguage). */
export const wikipediaOrigin = (language: string) => `https://${language}.wikipedia.org`;

/** A title as a path segment: spaces as underscores, everything else that needs it escaped. */
const titleSegment = (title: string) => encodeURIComponent(title.replaceAll(' ', '_'));

/** The article's address, written as Wikipedia writes it (":", "/", "," left as they are). */
export function articleUrl(language: string, title: string): string {
  const path = titleSegment(title).replace(/%(3A|2F|2C|3B|40|24)/g, (escaped) =>
    decodeURIComponent(escaped),
  );
  return `${wikipediaOrigin(language)}/wiki/${path}`;
}

/**
 * The REST summary of `title`. `redirect=false`: a redirect's title answers
 * 200 with its own page rather than a 302 to its target, which the client
 * does not follow (https://en.wikipedia.org/api/rest_v1/#/Page%20content/get_page_summary__title_).
 */
export function summaryUrl(language: string, title: string, origin = wikipediaOrigin(language)) {
  return `${origin}/api/rest_v1/page/summary/${titleSegment(title)}?redirect=false`;
}

export type Summary =
  /** An article with its first sentences. */
  | { kind: 'article'; title: string; url: string; description?: string; extract: string }
  /** A page that lists the articles a title may mean: no note text comes from it. */
  | { kind: 'disambiguation'; title: string; url: string }
  /** An article without an extract (a list, a stub of tables). */
  | { kind: 'noExtract'; title: string; url: string; description?: string };

/** A field of the wrong type is left out rather than failing the whole answer. */
const text = v.fallback(v.optional(v.string()), undefined);
const SummaryAnswer = v.object({
  type: text,
  title: text,
  titles: v.fallback(v.optional(v.object({ normalized: text })), undefined),
  description: text,
  extract: text,
  content_urls: v.fallback(
    v.optional(v.object({ desktop: v.optional(v.object({ page: text })) })),
    undefined,
  ),
});

/**
 * The summary in a REST summary answer from `language`'s Wikipedia, or
 * null when the answer is none (no title, not an object).
 */
export function parseSummary(json: unknown, language: string): Summary | null {
  const parsed = v.safeParse(SummaryAnswer, json);
  if (!parsed.success) return null;
  const answer = parsed.output;
  const title = titleOf((answer.titles?.normalized ?? answer.title)?.replaceAll('_', ' '));
  if (!title) return null;
  const url = pageUrl(answer.content_urls?.desktop?.page) ?? articleUrl(language, title);
  if (answer.type === 'disambiguation') return { kind: 'disambiguation', title, url };
  const description = termOf(answer.description, MAX_DESCRIPTION);
  const extract = cleanProse(answer.extract ?? '', MAX_EXTRACT);
  const withDescription = description ? { description } : {};
  // "mainpage" and "no-extract" carry no text to take.
  if (!extract || answer.type === 'no-extract' || answer.type === 'mainpage')
    return { kind: 'noExtract', title, url, ...withDescription };
  return { kind: 'article', title, url, ...withDescription, extract };
}

/** The answer's own address for the article, if it is an https address on a Wikipedia. */
function pageUrl(value: string | undefined): string | undefined {
  if (!value || value.length > LIMITS.url) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && /^[a-z0-9-]+\.wikipedia\.org$/.test(url.hostname)
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The note made from a summary: its description, then its extract, as
 * Markdown that shows them as the plain text they are; and the source that
 * credits them. None from a disambiguation page, nor from a page with
 * neither text.
 */
export function summaryNote(
  summary: Summary,
  now: number,
): { note: string; source: Source } | null {
  if (summary.kind === 'disambiguation') return null;
  const parts = [summary.description, summary.kind === 'article' ? summary.extract : undefined];
  const note = parts
    .filter((part): part is string => !!part)
    .map(escapeMarkdown)
    .join('\n\n');
  if (!note) return null;
  return {
    note,
    source: {
      url: summary.url,
      title: summary.title,
      at: new Date(now).toISOString(),
      license: WIKIPEDIA_LICENSE,
    },
  };
}

/**
 * Whether `source` is an article of some language's Wikipedia, taken with
 * its licence (summaryNote): the card credits it beside the note.
 */
export function isWikipediaSource(source: Source): boolean {
  if (!source.license) return false;
  try {
    const url = new URL(source.url);
    return url.protocol === 'https:' && /^[a-z0-9-]+\.wikipedia\.org$/.test(url.hostname);
  } catch {
    return false;
  }
}
