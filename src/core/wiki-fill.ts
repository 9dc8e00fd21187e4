/**
 * What a look-up gives the composer or the editor (src/background/wiki-client.ts),
 * in types every context may name (the protocol's replies, the UI): the
 * languages it is asked in, and the fill of a picked candidate.
 */
import type { Source } from './entity';
import type { WikiError } from './wiki-error';
import type { WikiPrefill } from './wikidata-prefill';

/** The languages of a look-up, as BCP 47 tags: the reader's (the browser's) and the page's. */
export interface LookupLanguages {
  reader: string;
  /** The page's `lang`, when the look-up starts from a page that says it. */
  page?: string;
}

/**
 * Why a fill has no note: the item has no article in these languages, the
 * article is a disambiguation page, it has no text, or asking for it failed.
 */
export type WikiNoNote =
  | { reason: 'noArticle' }
  | { reason: 'disambiguation'; title: string; url: string }
  | { reason: 'noExtract'; title: string; url: string }
  | { reason: 'failed'; error: WikiError };

/** A prefill with the note from the Wikipedia summary, when there is one. Nothing is saved yet. */
export interface WikiFill {
  prefill: WikiPrefill;
  /** Markdown: the summary's description and extract, as plain text. */
  note?: string;
  /** Credits the note: the article, its address, the day, CC BY-SA 4.0. */
  source?: Source;
  noNote?: WikiNoNote;
}

/**
 * "Refresh from Wikipedia" (core/wiki-refresh.ts): a note taken from an
 * article, fetched again. The article's summary now, as a note with the
 * source that credits it (taken now); and the item's prefill when the note
 * links its Wikidata item. Or why the article gives no note now.
 */
export type WikiRefresh =
  { note: string; source: Source; prefill?: WikiPrefill } | { noNote: WikiNoNote };

/** A refresh that has its note (the only kind the protocol answers). */
export type WikiRefreshed = Extract<WikiRefresh, { note: string }>;
