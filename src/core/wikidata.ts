/**
 * Wikidata, read only when the reader asks (issue 15, "Look up"): the
 * addresses of the three requests a look-up makes, and what their answers
 * hold, read as the Action API documents them
 * (https://www.wikidata.org/w/api.php?action=help&modules=wbsearchentities,
 * …&modules=wbgetentities, …&modules=wbgetclaims). The requests are made by
 * src/background/wiki-client.ts; a prefill is made from the answers by
 * wikidata-prefill.ts.
 *
 * An answer is checked before anything is taken from it (valibot), and read
 * within bounds: at most SEARCH_LIMIT hits, the terms of the languages asked
 * for only, at most MAX_ALIASES_READ aliases per language and
 * MAX_CLAIMS_READ statements. A wrong type leaves that piece out; an answer
 * of the wrong shape is `null`. Nothing here throws on what a server sends.
 */
import * as v from 'valibot';
import { LIMITS } from './limits';
import { termOf, titleOf } from './wiki-text';

export const WIKIDATA_API = 'https://www.wikidata.org/w/api.php';
/** Where a reader opens an item: https://www.wikidata.org/wiki/Q42. */
export const WIKIDATA_ITEM_PAGE = 'https://www.wikidata.org/wiki/';
/** Candidates shown for a search (issue 15: up to 7). */
export const SEARCH_LIMIT = 7;
/**
 * "Multiple languages": the label Wikidata gives a name written the same in
 * every language written in Latin script, in place of a copy per language
 * (https://www.wikidata.org/wiki/Help:Default_values_for_labels_and_aliases).
 * Many people have their name only there.
 */
export const MUL = 'mul';

const MAX_QUERY = 250;
/**
 * Enough to fill a note's aliases after folded duplicates are dropped; the
 * item is cached as read, so a hostile answer's thousands stop here.
 */
const MAX_ALIASES_READ = LIMITS.aliases * 2;
const MAX_CLAIMS_READ = 50;
const MAX_DESCRIPTION = 500;

const ITEM_ID = /^Q[1-9]\d{0,11}$/;
export const isItemId = (id: unknown): id is string => typeof id === 'string' && ITEM_ID.test(id);

/** A search result the reader picks from. */
export interface Candidate {
  id: string;
  /** The label, in the reader's language where Wikidata has one; else the id. */
  label: string;
  description: string;
  /** The alias the search matched, when it matched one rather than the label. */
  matched?: string;
  /** The item's page. */
  url: string;
}

/** An item's terms in one language (labels and aliases are CC0). */
export interface Terms {
  language: string;
  label?: string;
  description?: string;
  aliases: string[];
}

/** What a prefill needs of an item, in the order of the languages asked for. */
export interface WikidataItem {
  id: string;
  terms: Terms[];
  /** Wikipedia articles about the item: its title on each language's Wikipedia asked for. */
  articles: { language: string; title: string }[];
  /** "Instance of" (P31), preferred statements first; filled from the claims' answer. */
  instanceOf: string[];
}

/** The site id of a language's Wikipedia: "en" → "enwiki", "zh-min-nan" → "zh_min_nanwiki". */
export const wikiSite = (language: string) => `${language.replaceAll('-', '_')}wiki`;

const url = (api: string, params: Record<string, string>) =>
  `${api}?${new URLSearchParams({ ...params, format: 'json' }).toString()}`;

/**
 * Searches items by label and alias. `language` is the one searched in (the
 * page's, else the reader's), `uselang` the one the candidates are shown in
 * (the reader's). No `origin` parameter: that asks for CORS headers, and an
 * extension reading with its host permission needs none.
 */
export function searchUrl(
  query: string,
  { language, uselang }: { language: string; uselang: string },
  api = WIKIDATA_API,
): string {
  return url(api, {
    action: 'wbsearchentities',
    search: query.trim().slice(0, MAX_QUERY),
    language,
    uselang,
    type: 'item',
    limit: String(SEARCH_LIMIT),
  });
}

/**
 * An item's labels, descriptions and aliases in `languages`, and its
 * articles on their Wikipedias, without its statements: those of a country
 * run to megabytes, and only "instance of" is needed (claimsUrl).
 */
export function entityUrl(id: string, languages: readonly string[], api = WIKIDATA_API): string {
  return url(api, {
    action: 'wbgetentities',
    ids: id,
    props: 'labels|descriptions|aliases|sitelinks',
    languages: languages.join('|'),
    sitefilter: languages
      .filter((l) => l !== MUL)
      .map(wikiSite)
      .join('|'),
  });
}

/** The item's "instance of" (P31) statements alone. */
export function claimsUrl(id: string, api = WIKIDATA_API): string {
  return url(api, { action: 'wbgetclaims', entity: id, property: 'P31' });
}

const Value = v.object({ value: v.string() });
/** A field of the wrong type is left out, not the whole hit. */
const optional = <T extends v.GenericSchema>(schema: T) =>
  v.fallback(v.optional(schema), undefined);
const SearchHit = v.object({
  id: v.pipe(v.string(), v.regex(ITEM_ID)),
  label: optional(v.string()),
  description: optional(v.string()),
  // Terms in the reader's language (uselang), with Wikidata's fallbacks.
  display: optional(v.object({ label: optional(Value), description: optional(Value) })),
  match: optional(v.object({ type: optional(v.string()), text: optional(v.string()) })),
});
const SearchAnswer = v.object({ search: v.array(v.unknown()) });

/** The candidates of a wbsearchentities answer, or null when it is none. */
export function parseSearch(json: unknown): Candidate[] | null {
  const answer = v.safeParse(SearchAnswer, json);
  if (!answer.success) return null;
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const raw of answer.output.search.slice(0, SEARCH_LIMIT * 2)) {
    const hit = v.safeParse(SearchHit, raw);
    if (!hit.success || seen.has(hit.output.id)) continue;
    const { id, label, description, display, match } = hit.output;
    seen.add(id);
    const shown = termOf(display?.label?.value, LIMITS.name) ?? termOf(label, LIMITS.name);
    const matched = match?.type === 'alias' ? termOf(match.text, LIMITS.alias) : undefined;
    candidates.push({
      id,
      label: shown ?? id,
      description:
        termOf(display?.description?.value, MAX_DESCRIPTION) ??
        termOf(description, MAX_DESCRIPTION) ??
        '',
      ...(matched && matched !== shown ? { matched } : {}),
      url: WIKIDATA_ITEM_PAGE + id,
    });
    if (candidates.length === SEARCH_LIMIT) break;
  }
  return candidates;
}

const Entity = v.object({
  id: v.optional(v.string()),
  missing: v.optional(v.unknown()),
  redirects: v.optional(v.object({ from: v.string(), to: v.string() })),
  labels: v.optional(v.record(v.string(), v.unknown())),
  descriptions: v.optional(v.record(v.string(), v.unknown())),
  aliases: v.optional(v.record(v.string(), v.unknown())),
  sitelinks: v.optional(v.record(v.string(), v.unknown())),
});
const EntitiesAnswer = v.object({ entities: v.record(v.string(), v.unknown()) });

/** The value of a term (`{ language, value }`) for `language`, if one of the right shape. */
function termIn(record: Record<string, unknown> | undefined, language: string, max: number) {
  const term = Object.hasOwn(record ?? {}, language) ? record![language] : undefined;
  const parsed = v.safeParse(Value, term);
  return parsed.success ? termOf(parsed.output.value, max) : undefined;
}

/**
 * The item `id` of a wbgetentities answer, in `languages` (best first):
 * `'missing'` when Wikidata has no such item (deleted, or never made), null
 * when the answer is not one. An id that redirects to another item is
 * answered under the one it leads to.
 */
export function parseEntity(
  json: unknown,
  id: string,
  languages: readonly string[],
): Omit<WikidataItem, 'instanceOf'> | 'missing' | null {
  const answer = v.safeParse(EntitiesAnswer, json);
  if (!answer.success) return null;
  const entities = answer.output.entities;
  const raw = Object.hasOwn(entities, id)
    ? entities[id]
    : Object.values(entities)
        .slice(0, 5)
        .find((e) => v.is(Entity, e) && e.redirects?.from === id);
  const parsed = v.safeParse(Entity, raw);
  if (!parsed.success) return null;
  const entity = parsed.output;
  if (entity.missing !== undefined) return 'missing';
  if (!isItemId(entity.id)) return null;
  const terms = languages.map((language): Terms => {
    const label = termIn(entity.labels, language, LIMITS.name);
    const description = termIn(entity.descriptions, language, MAX_DESCRIPTION);
    return {
      language,
      ...(label ? { label } : {}),
      ...(description ? { description } : {}),
      aliases: aliasesIn(entity.aliases, language),
    };
  });
  const articles = languages.flatMap((language) => {
    const site = wikiSite(language);
    const link = Object.hasOwn(entity.sitelinks ?? {}, site) ? entity.sitelinks![site] : undefined;
    const parsed = v.safeParse(v.object({ title: v.string() }), link);
    const title = parsed.success ? titleOf(parsed.output.title) : undefined;
    return language !== MUL && title ? [{ language, title }] : [];
  });
  return { id: entity.id, terms, articles };
}

function aliasesIn(record: Record<string, unknown> | undefined, language: string): string[] {
  const list = Object.hasOwn(record ?? {}, language) ? record![language] : undefined;
  if (!Array.isArray(list)) return [];
  return list.slice(0, MAX_ALIASES_READ).flatMap((alias) => {
    const parsed = v.safeParse(Value, alias);
    const text = parsed.success ? termOf(parsed.output.value, LIMITS.alias) : undefined;
    return text ? [text] : [];
  });
}

const Statement = v.object({
  rank: v.optional(v.string()),
  mainsnak: v.object({
    snaktype: v.literal('value'),
    datavalue: v.object({ value: v.object({ id: v.pipe(v.string(), v.regex(ITEM_ID)) }) }),
  }),
});
const ClaimsAnswer = v.object({ claims: v.record(v.string(), v.unknown()) });

/**
 * The items a wbgetclaims answer for P31 names, preferred statements first
 * and deprecated ones left out (https://www.wikidata.org/wiki/Help:Ranking);
 * null when the answer is not one. "No value" and "unknown value" name none.
 */
export function parseInstanceOf(json: unknown): string[] | null {
  const answer = v.safeParse(ClaimsAnswer, json);
  if (!answer.success) return null;
  const list = Object.hasOwn(answer.output.claims, 'P31') ? answer.output.claims.P31 : [];
  if (!Array.isArray(list)) return null;
  const preferred: string[] = [];
  const normal: string[] = [];
  for (const raw of list.slice(0, MAX_CLAIMS_READ)) {
    const statement = v.safeParse(Statement, raw);
    if (!statement.success) continue;
    const { rank, mainsnak } = statement.output;
    if (rank === 'deprecated') continue;
    (rank === 'preferred' ? preferred : normal).push(mainsnak.datavalue.value.id);
  }
  return [...new Set([...preferred, ...normal])];
}
