/**
 * "Refresh from Wikipedia" (issue 15, point 6), apart from any page: which
 * article a note was taken from (`refreshTarget`), what the article and its
 * Wikidata item say now against the editor's fields (`planRefresh`), and
 * the fields once the reader accepts some or all of it (`applyRefresh`).
 * Nothing here fetches or saves: the background fetches
 * (background/wiki-client.ts `refresh`), the editor shows the plan, and the
 * reader saves.
 */
import { isWebUrl, type CaseRule, type Kind, type Link, type Source } from './entity';
import { LIMITS } from './limits';
import { diffWords, hasChanges, type TextDiff } from './text-diff';
import type { WikiRefreshed } from './wiki-fill';
import { wikiLanguage } from './wiki-text';
import { isItemId, WIKIDATA_ITEM_PAGE } from './wikidata';
import { isWikipediaSource } from './wikipedia';

/** The editor's fields a refresh reads and may change. */
export interface RefreshFields {
  name: string;
  aliases: string[];
  kind: Kind;
  note: string;
  links: Link[];
  sources: Source[];
  matchCase: Record<string, CaseRule>;
}

/** The article a note was taken from, and its Wikidata item when the note links it. */
export interface RefreshTarget {
  /** The Wikipedia (its host's language code) and the article's title there. */
  article: { language: string; title: string };
  /** The item ("Q7184"), from a link to its page in the note's links. */
  item?: string;
  /** The source that credits the note: the refresh replaces it with the one taken now. */
  sourceUrl: string;
}

/**
 * The article of the note's last Wikipedia source (isWikipediaSource: a
 * `*.wikipedia.org` address with a licence), or null when the note has
 * none. Its title is read from the address (`/wiki/<title>`), else from
 * the source's title; a Wikipedia whose host is not a language code the
 * look-up asks for (a "simple" or "zh-min-nan" one) is not refreshed.
 */
export function refreshTarget(
  fields: Pick<RefreshFields, 'links' | 'sources'>,
): RefreshTarget | null {
  const source = fields.sources.findLast(isWikipediaSource);
  if (!source) return null;
  const url = new URL(source.url);
  const language = url.hostname.split('.')[0]!;
  if (wikiLanguage(language) !== language) return null;
  const title = titleFromPath(url.pathname) ?? source.title?.trim();
  if (!title || title.length > 255 || DOT_SEGMENT.test(title)) return null;
  const item = fields.links
    .map((l) => l.url.trim())
    .find((u) => u.startsWith(WIKIDATA_ITEM_PAGE) && isItemId(u.slice(WIKIDATA_ITEM_PAGE.length)));
  return {
    article: { language, title },
    ...(item ? { item: item.slice(WIKIDATA_ITEM_PAGE.length) } : {}),
    sourceUrl: source.url,
  };
}

/**
 * "." and ".." as a path segment: no page has such a title
 * (https://www.mediawiki.org/wiki/Manual:Page_title), and in the summary's
 * address they would climb out of it (a URL drops dot segments, escaped too).
 */
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

function titleFromPath(path: string): string | undefined {
  if (!path.startsWith('/wiki/')) return undefined;
  try {
    const title = decodeURIComponent(path.slice('/wiki/'.length)).replaceAll('_', ' ').trim();
    return title || undefined;
  } catch {
    return undefined;
  }
}

/** The parts of a refresh the reader may take one by one. */
export const REFRESH_PARTS = ['note', 'aliasesAdd', 'aliasesRemove', 'kind', 'links'] as const;
export type RefreshPart = (typeof REFRESH_PARTS)[number];

/** What the article and item say now that the editor's fields do not. Empty parts are left out. */
export interface RefreshPlan {
  /** The note against the summary now, and the source that credits the summary (taken now). */
  note?: { diff: TextDiff; text: string; source: Source };
  /** Names the item has that the note does not. */
  aliasesAdd?: string[];
  /**
   * The note's aliases the item does not list. They may be the reader's own
   * (Backstory does not know which aliases a look-up gave), so this part is
   * not taken unless the reader ticks it (`defaultParts`).
   */
  aliasesRemove?: string[];
  /** The item's kind, when the table of kinds knows its class and it is not the note's. */
  kind?: { from: Kind; to: Kind };
  /** Links to the article and the item to add; links to where they were, if they moved. */
  links?: { add: Link[]; remove: Link[] };
  /** Case rules of the names added (a 6-capital acronym), as the look-up gives them. */
  matchCase?: Record<string, CaseRule>;
  /** The source the refresh started from: replaced by the new one when the note is taken. */
  sourceUrl: string;
}

/** The parts a plan has. */
export const planParts = (plan: RefreshPlan): RefreshPart[] =>
  REFRESH_PARTS.filter((part) => plan[part] !== undefined);

/** The parts taken unless the reader says otherwise: all but removing aliases. */
export const defaultParts = (plan: RefreshPlan): Set<RefreshPart> =>
  new Set(planParts(plan).filter((part) => part !== 'aliasesRemove'));

const sameName = (a: string, b: string) =>
  a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * The differences between the editor's fields and what the article (and
 * the item) say now. A plan without parts: nothing changed.
 */
export function planRefresh(
  fields: RefreshFields,
  target: Pick<RefreshTarget, 'item' | 'sourceUrl'>,
  now: WikiRefreshed,
): RefreshPlan {
  const plan: RefreshPlan = { sourceUrl: target.sourceUrl };
  // White space at the ends is not a change a reader could see in the card.
  if (now.note.trim() !== fields.note.trim())
    plan.note = { diff: diffWords(fields.note, now.note), text: now.note, source: now.source };
  if (plan.note && !hasChanges(plan.note.diff)) delete plan.note;

  const { prefill } = now;
  if (prefill) {
    // The item's names: its name too, as an alias, when the note keeps another (as mergeLookup).
    const names = [
      ...(sameName(prefill.name, fields.name) ? [] : [prefill.name]),
      ...prefill.aliases,
    ];
    const add = names.filter(
      (form, i) =>
        !fields.aliases.includes(form) && form !== fields.name && names.indexOf(form) === i,
    );
    const remove = fields.aliases.filter((form) => !names.includes(form) && form !== prefill.name);
    if (add.length) plan.aliasesAdd = add;
    if (remove.length) plan.aliasesRemove = remove;
    const rules = Object.entries(prefill.matchCase ?? {}).filter(([form]) => add.includes(form));
    if (rules.length) plan.matchCase = Object.fromEntries(rules);
    if (prefill.kind !== 'other' && prefill.kind !== fields.kind)
      plan.kind = { from: fields.kind, to: prefill.kind };
  }

  const has = (url: string) => fields.links.some((l) => l.url.trim() === url);
  // Where the article and the item were, if they are elsewhere now (renamed, merged).
  const moved = new Set<string>();
  if (now.source.url !== target.sourceUrl) moved.add(target.sourceUrl);
  if (prefill && target.item && prefill.id !== target.item)
    moved.add(WIKIDATA_ITEM_PAGE + target.item);
  const remove = fields.links.filter((l) => moved.has(l.url.trim()));
  const wanted = prefill
    ? prefill.links
    : remove.length
      ? [{ title: 'Wikipedia', url: now.source.url }]
      : [];
  const add = wanted.filter((l) => isWebUrl(l.url) && !has(l.url));
  if (add.length || remove.length) plan.links = { add, remove };
  return plan;
}

/**
 * The editor's fields with the `taken` parts of `plan`. Taking the note
 * replaces the source it came from with the one taken now: the same
 * licence, the new moment (and the article's address, if it moved).
 */
export function applyRefresh(
  fields: RefreshFields,
  plan: RefreshPlan,
  taken: ReadonlySet<RefreshPart>,
): RefreshFields {
  const next = { ...fields };
  if (plan.note && taken.has('note')) {
    next.note = plan.note.text;
    const source = plan.note.source;
    const at = fields.sources.findIndex((s) => s.url === plan.sourceUrl && isWikipediaSource(s));
    next.sources =
      at < 0
        ? [...fields.sources, source]
        : fields.sources
            .map((s, i) => (i === at ? source : s))
            .filter(
              // The article's new address may be another source already: keep one.
              (s, i, all) => all.findIndex((o) => o.url === s.url) === i,
            );
  }
  if (plan.aliasesRemove && taken.has('aliasesRemove')) {
    const gone = new Set(plan.aliasesRemove);
    next.aliases = next.aliases.filter((a) => !gone.has(a));
    next.matchCase = Object.fromEntries(
      Object.entries(next.matchCase).filter(([form]) => !gone.has(form)),
    );
  }
  if (plan.aliasesAdd && taken.has('aliasesAdd')) {
    const aliases = [...next.aliases];
    for (const form of plan.aliasesAdd) {
      if (aliases.length >= LIMITS.aliases) break;
      if (!aliases.includes(form) && form !== next.name) aliases.push(form);
    }
    next.aliases = aliases;
    next.matchCase = { ...next.matchCase, ...plan.matchCase };
  }
  if (plan.kind && taken.has('kind')) next.kind = plan.kind.to;
  if (plan.links && taken.has('links')) {
    const gone = new Set(plan.links.remove.map((l) => l.url.trim()));
    const links = next.links.filter((l) => !gone.has(l.url.trim()));
    for (const link of plan.links.add) if (!links.some((l) => l.url === link.url)) links.push(link);
    next.links = links;
  }
  return next;
}
