/**
 * Keeps the compiled dictionary for the background: in memory while the
 * worker lives, in IndexedDB across restarts, compiled again only when the
 * notes changed (the stored version differs from the current one).
 */
import {
  compileSourceSteps,
  dictionarySource,
  type Nameable,
  type CompiledDictionary,
} from '../core/dictionary';
import { buildFormTableSteps, entityKindCodes } from '../core/form-table-build';
import {
  TAB_IDS_MAX,
  TAB_IDS_MAX_CHARS,
  TAB_TABLE_MAX_BYTES,
  type TabDictionary,
} from '../core/tab-dictionary';
import { fromStored, toStored } from '../core/stored-dictionary';
import { DICTIONARY_LIMITS } from '../core/limits';
import type { CompileLimits } from '../core/matcher';
import { getMeta, setMeta } from '../db/entities';
import { EntitySnapshot } from './entity-snapshot';
import type { BackstoryDb } from '../db/schema';

export const DICTIONARY_CACHE_KEY = 'compiledDictionary';

/** How long the worker compiles before it lets waiting messages (a search, a card) in. */
const COMPILE_SLICE_MS = 25;

/**
 * Runs a step-wise compile in slices of COMPILE_SLICE_MS: a 100,000-entity
 * dictionary takes a few hundred milliseconds, which would otherwise hold
 * up every message to the worker, the manager's searches among them.
 */
async function compileSliced<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const end = performance.now() + COMPILE_SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= end) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export class DictionaryService {
  private current: CompiledDictionary | null = null;
  private pending: { version: number; promise: Promise<CompiledDictionary> } | null = null;
  private forTab: { version: number; promise: Promise<TabDictionary | null> } | null = null;

  constructor(
    private readonly db: BackstoryDb,
    private readonly version: () => Promise<number>,
    private readonly snapshot = new EntitySnapshot(db),
    /** The entities in memory elsewhere (the search index), when they are at `version`. */
    private readonly inMemory: (version: number) => Nameable[] | null = () => null,
    /** What one dictionary holds at most (tests use smaller ones). */
    readonly limits: CompileLimits = DICTIONARY_LIMITS,
  ) {}

  async get(): Promise<CompiledDictionary> {
    const version = await this.version();
    if (this.current?.version === version) return this.current;
    if (this.pending?.version !== version) {
      const pending = { version, promise: this.load(version) };
      this.pending = pending;
      // A failed load is not kept: the next page asks again.
      pending.promise.catch(() => {
        if (this.pending === pending) this.pending = null;
      });
    }
    const loaded = await this.pending.promise;
    this.current = loaded;
    return loaded;
  }

  /**
   * The dictionary as a tab matches it (core/tab-dictionary.ts): built once
   * per version, in slices beside the worker's other messages (100,000
   * entities: about 100 ms), and kept in memory; null when the table would
   * be too large, and the pages then send their text here.
   */
  async getForTab(): Promise<TabDictionary | null> {
    const compiled = await this.get();
    if (this.forTab?.version !== compiled.version) {
      // A table that cannot be built (a bug) leaves the pages matched here, as before tables.
      const promise = tabDictionary(compiled).catch((error: unknown) => {
        console.error('Backstory: no form table for the tabs', error);
        return null;
      });
      this.forTab = { version: compiled.version, promise };
    }
    return this.forTab.promise;
  }

  /**
   * After a change: compiles the new version and builds the tabs' table at
   * once, so the next page finds both ready. Left to the first page's
   * question, the table of 100,000 entities came 0.3 to 1.4 s after that
   * page's DOMContentLoaded (the first page of each bench run), and its
   * first frame had no marks. A failure here is the next page's to meet.
   */
  warm(): void {
    this.getForTab().catch(() => undefined);
  }

  /** After a change the search index usually holds every entity already: no read needed. */
  private async entitiesAt(version: number): Promise<readonly Nameable[]> {
    return this.inMemory(version) ?? this.snapshot.get(version);
  }

  private async load(version: number): Promise<CompiledDictionary> {
    // Untrusted: an older build's shape, or a corrupt record, is null here and compiled again.
    const cached = await fromStored(await getMeta<unknown>(this.db, DICTIONARY_CACHE_KEY));
    if (cached?.version === version) return cached;
    const entities = await this.entitiesAt(version);
    const compiled = await compileSliced(
      compileSourceSteps(dictionarySource(entities, version), this.limits),
    );
    // Stored for the next start of the worker; a failure here costs only a recompile.
    void setMeta(this.db, DICTIONARY_CACHE_KEY, toStored(compiled)).catch(() => undefined);
    return compiled;
  }
}

async function tabDictionary(compiled: CompiledDictionary): Promise<TabDictionary | null> {
  const { matcher, entities, version } = compiled;
  const table = await compileSliced(
    buildFormTableSteps(matcher, entityKindCodes(entities), TAB_TABLE_MAX_BYTES),
  );
  if (!table) return null;
  let ids: string[] | null = null;
  if (entities.length <= TAB_IDS_MAX) {
    ids = Array.from(entities, (e) => e.id);
    let chars = 0;
    for (const id of ids) chars += id.length;
    if (chars > TAB_IDS_MAX_CHARS) ids = null;
  }
  return { version, table: table.buffer, ids };
}
