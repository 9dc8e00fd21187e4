/**
 * The manager's search index, kept in the background beside the database:
 * built on the first search after the worker starts, then kept in step with
 * the changes the background itself makes (no rebuild after each edit), and
 * rebuilt when the notes changed some other way (an import).
 */
import type { Entity } from '../core/entity';
import type { Nameable } from '../core/dictionary';
import { SearchIndex, type SearchQuery } from '../core/search';
import { EntitySnapshot } from './entity-snapshot';
import { inSlices } from './slices';

/** Up to this many saved entities are folded into the index at once; more (an import) in slices. */
const AT_ONCE = 2_000;

/** An index of `entities`, built in slices. */
async function buildIndex(entities: readonly Entity[]): Promise<SearchIndex> {
  const index = new SearchIndex();
  await inSlices(entities, (e) => index.upsert(e));
  return index;
}
import type { BackstoryDb } from '../db/schema';

export class SearchService {
  private index: SearchIndex | null = null;
  private version = -1;
  private pending: { version: number; promise: Promise<SearchIndex> } | null = null;
  /** The last query's matches: scrolling the list asks for more pages of the same query. */
  private last: { key: string; version: number; ids: string[] } | null = null;

  constructor(
    private readonly db: BackstoryDb,
    private readonly currentVersion: () => Promise<number>,
    private readonly snapshot = new EntitySnapshot(db),
  ) {}

  async get(): Promise<SearchIndex> {
    const version = await this.currentVersion();
    if (this.index && this.version === version) return this.index;
    if (this.pending?.version !== version) {
      this.wait(version, this.snapshot.get(version).then(buildIndex));
    }
    const built = await this.pending!.promise;
    if (this.pending?.version === version) {
      this.index = built;
      this.version = version;
    }
    return built;
  }

  /** Makes `promise` the index at `version`, once it is done. */
  private wait(version: number, promise: Promise<SearchIndex>): void {
    const pending = { version, promise };
    this.pending = pending;
    // A failed read is not kept: the next search tries again.
    promise.catch(() => {
      if (this.pending === pending) this.pending = null;
    });
  }

  /** The index's entities for the matcher, if the index is at `version`; else null. */
  nameablesAt(version: number): Nameable[] | null {
    return this.index && this.version === version ? this.index.nameables() : null;
  }

  /** The ids matching `query`, in its order (the same array again while nothing changed). */
  async ids(query: SearchQuery): Promise<string[]> {
    const index = await this.get();
    const key = JSON.stringify(query);
    if (this.last?.key === key && this.last.version === this.version) return this.last.ids;
    const ids = index.query(query);
    this.last = { key, version: this.version, ids };
    return ids;
  }

  /**
   * Applies a change the background has just written, moving the index from
   * version `before` to `after`. If the index was not at `before`, some
   * other change came between: the index is left to be rebuilt.
   */
  advance(
    before: number,
    after: number,
    change: { saved?: readonly Entity[]; removed?: readonly string[] },
  ): void {
    if (!this.index || this.version !== before) return;
    const index = this.index;
    const saved = change.saved ?? [];
    for (const id of change.removed ?? []) index.remove(id);
    if (saved.length <= AT_ONCE) {
      for (const e of saved) index.upsert(e);
      this.version = after;
      return;
    }
    // An import: folded in slices; a search meanwhile waits for the index at `after`.
    this.index = null;
    this.wait(
      after,
      inSlices(saved, (e) => index.upsert(e)).then(() => {
        // A large change re-sorts every row: done now, before the reader types.
        index.prepare('name');
        return index;
      }),
    );
  }
}
