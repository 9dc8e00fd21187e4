/**
 * The manager's search: every entity's name, aliases, note and tags folded
 * once into one string (the matcher's folding, so "cakir" finds "Çakır"),
 * then each query word looked up with `includes`. With 100,000 entities this
 * is a linear pass over a few tens of megabytes, well under the 100 ms a
 * keystroke may take (`npm run bench` measures it); an inverted index would
 * not find words inside words ("gantz" in "gantz's") and would cost far more
 * memory to keep in step with every edit.
 */
import type { Nameable } from './dictionary';
import type { Entity, Kind } from './entity';

/**
 * Folding for search: lower case, accents and Hebrew and Arabic points
 * dropped, the Turkish dotless i, ß and typographic apostrophes made plain.
 * The same idea as the matcher's folding (core/fold.ts), done with the
 * engine's native string functions: a character-by-character fold of 30 MB
 * of notes took seconds.
 */
// eslint-disable-next-line no-control-regex -- the ASCII range is the point
const NON_ASCII = /[^\u0000-\u007f]/;
const DROPPED = /[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u00ad\u200b-\u200d\u2060]/g;

export function searchFold(text: string): string {
  const lower = text.toLowerCase();
  // Most notes are plain ASCII: decomposing them is the slow part, and changes nothing.
  // White space is left as it is: a phrase search across a line break is rare, and
  // collapsing spaces in every note cost more than all the rest.
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(DROPPED, '')
    .replace(/\u0131/g, 'i')
    .replace(/\u00df/g, 'ss')
    .replace(/[\u2018\u2019\u02bc]/g, "'");
}

export const SORTS = ['name', 'updated'] as const;
export type Sort = (typeof SORTS)[number];

export interface SearchQuery {
  /** Words to find, in any order, anywhere in name, aliases, note or tags. */
  text: string;
  kind?: Kind;
  tag?: string;
  /** 'local', or a pack's id. */
  origin?: string;
  sort: Sort;
}

/** What the index keeps of an entity: enough to filter and sort without the database. */
interface Row extends Nameable {
  id: string;
  kind: Kind;
  tags: readonly string[];
  origin: string;
  createdAt: number;
  updatedAt: number;
  /** Folded name, for sorting. */
  sortKey: string;
  /** Folded name, aliases, tags and note, separated by newlines. */
  haystack: string;
}

/**
 * Made at the first sort, not when the module starts: the content script
 * imports this module (for `SORTS`, through the message schemas), and
 * making a collator loads the locale's collation data, 10 to 24 ms of every
 * page's load in Chromium 156 here, in every frame, for a sort a page never
 * does (timed with marks around the module's statements).
 */
let collator: Intl.Collator | null = null;
const compareText = (a: string, b: string) =>
  (collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })).compare(a, b);

function rowOf(e: Entity): Row {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases,
    ...(e.matchCase ? { matchCase: e.matchCase } : {}),
    tags: e.tags,
    origin: e.origin,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    sortKey: searchFold(e.name),
    haystack: searchFold([e.name, ...e.aliases, ...e.tags, e.note].join('\n')),
  };
}

/** The query's words, folded; quotes keep a phrase together ("benny gantz"). */
export function queryWords(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    const word = searchFold(m[1] ?? m[2] ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    if (word) words.push(word);
  }
  return words;
}

export class SearchIndex {
  private readonly rows = new Map<string, Row>();
  /** Ids in name order and in last-change order, rebuilt lazily after a change. */
  private byName: Row[] | null = null;
  private byUpdated: Row[] | null = null;

  constructor(entities: Iterable<Entity> = []) {
    for (const e of entities) this.rows.set(e.id, rowOf(e));
  }

  get size(): number {
    return this.rows.size;
  }

  upsert(entity: Entity): void {
    this.rows.set(entity.id, rowOf(entity));
    this.byName = this.byUpdated = null;
  }

  remove(id: string): void {
    if (this.rows.delete(id)) this.byName = this.byUpdated = null;
  }

  /** The ids of the entities that match, in the query's order. */
  query(q: SearchQuery): string[] {
    const words = queryWords(q.text);
    const tag = q.tag === undefined ? undefined : searchFold(q.tag);
    const out: string[] = [];
    for (const row of this.sorted(q.sort)) {
      if (q.kind !== undefined && row.kind !== q.kind) continue;
      if (q.origin !== undefined && row.origin !== q.origin) continue;
      if (tag !== undefined && !row.tags.some((t) => searchFold(t) === tag)) continue;
      if (!words.every((w) => row.haystack.includes(w))) continue;
      out.push(row.id);
    }
    return out;
  }

  /**
   * What the matcher needs of every entity: after a change the dictionary
   * compiles from here instead of reading every entity back from the
   * database.
   */
  nameables(): Nameable[] {
    // In the database's name order (code units, then id), as `allEntities` gives them:
    // where two entities share a surface form, the same one wins either way.
    return [...this.rows.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  }

  /** Sorts ahead of the first query (after a large change, while the reader looks at the result). */
  prepare(sort: Sort): void {
    this.sorted(sort);
  }

  /** Every tag with how many entities carry it, most used first; and every origin. */
  facets(): { tags: { tag: string; count: number }[]; origins: string[] } {
    const tags = new Map<string, number>();
    const origins = new Set<string>();
    for (const row of this.rows.values()) {
      origins.add(row.origin);
      for (const t of row.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
    }
    return {
      tags: [...tags]
        .map(([tag, count]) => ({ tag, count }))
        .sort((a, b) => b.count - a.count || compareText(a.tag, b.tag)),
      origins: [...origins].sort(compareText),
    };
  }

  private sorted(sort: Sort): Row[] {
    if (sort === 'name') {
      this.byName ??= [...this.rows.values()].sort(
        (a, b) => compareText(a.sortKey, b.sortKey) || (a.id < b.id ? -1 : 1),
      );
      return this.byName;
    }
    this.byUpdated ??= [...this.rows.values()].sort(
      (a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1),
    );
    return this.byUpdated;
  }
}
