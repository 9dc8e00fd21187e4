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
  readTabDictionary,
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
/**
 * The tabs' table and the dictionary's size, stored with their version: a
 * worker Chrome stopped (after 30 idle seconds) answers a page's first
 * questions from this one record, without reloading the compiled
 * dictionary and building the table again. That took 194 to 299 ms after a
 * fast page's DOMContentLoaded at 100,000 entities, whose first frame then
 * had no marks.
 */
export const TAB_CACHE_KEY = 'tabDictionary';

/** What a page's first questions need, at one version. */
interface ForTabs {
  version: number;
  /** The number of entities compiled: `dictionaryInfo`'s size. */
  size: number;
  /** Null when there is no table for the tabs (too large, or it failed). */
  tab: TabDictionary | null;
}

/** A stored record as ForTabs, or null when it is not one this build can use (untrusted). */
function readForTabs(value: unknown): ForTabs | null {
  if (typeof value !== 'object' || value === null) return null;
  const { version, size, tab } = value as Partial<ForTabs>;
  if (!Number.isSafeInteger(version) || !Number.isSafeInteger(size) || size! < 0) return null;
  // Checked as the tab checks it: a table of an older build's shape is built again.
  if (tab === undefined || (tab !== null && readTabDictionary(tab)?.version !== version))
    return null;
  return { version: version!, size: size!, tab };
}

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
  private forTab: { version: number; promise: Promise<ForTabs> } | null = null;

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
   * entities: about 100 ms), kept in memory and stored (TAB_CACHE_KEY);
   * null when the table would be too large, and the pages then send their
   * text here.
   */
  async getForTab(): Promise<TabDictionary | null> {
    return (await this.forTabs()).tab;
  }

  /** The dictionary's size and version, for a page's first question. */
  async info(): Promise<{ size: number; version: number }> {
    const version = await this.version();
    if (this.current?.version === version) return { size: this.current.entities.length, version };
    const { size, version: at } = await this.forTabs(version);
    return { size, version: at };
  }

  private async forTabs(at?: number): Promise<ForTabs> {
    const version = at ?? (await this.version());
    if (this.forTab?.version !== version) {
      const forTab = { version, promise: this.loadForTabs(version) };
      this.forTab = forTab;
      // A failed load is not kept: the next page asks again.
      forTab.promise.catch(() => {
        if (this.forTab === forTab) this.forTab = null;
      });
    }
    return this.forTab.promise;
  }

  private async loadForTabs(version: number): Promise<ForTabs> {
    const stored = readForTabs(await getMeta<unknown>(this.db, TAB_CACHE_KEY));
    if (stored?.version === version) return stored;
    const compiled = await this.get();
    let failed = false;
    // A table that cannot be built (a bug) leaves the pages matched here, as before tables.
    const tab = await tabDictionary(compiled).catch((error: unknown) => {
      console.error('Backstory: no form table for the tabs', error);
      failed = true;
      return null;
    });
    const built = { version: compiled.version, size: compiled.entities.length, tab };
    // Stored for the next start of the worker, which tries a failed build
    // again; a failure to store costs only a rebuild.
    if (!failed) void setMeta(this.db, TAB_CACHE_KEY, built).catch(() => undefined);
    return built;
  }

  /**
   * After a change: compiles the new version and builds the tabs' table at
   * once, so the next page finds both ready. Left to the first page's
   * question, ten seconds after an import of 100,000 entities, the table
   * came 144 to 575 ms after that page's DOMContentLoaded, and its first
   * frame had no marks. A failure here is the next page's to meet.
   */
  warm(): void {
    this.forTabs().catch(() => undefined);
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
