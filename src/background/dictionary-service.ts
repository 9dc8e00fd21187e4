/**
 * Keeps the compiled dictionary for the background: in memory while the
 * worker lives, in IndexedDB across restarts, compiled again only when the
 * notes changed (the stored version differs from the current one).
 */
import {
  compileSourceSteps,
  dictionarySource,
  fitsInTab,
  LOCAL_MAX_FORMS,
  type DictionarySource,
  type Nameable,
  type CompiledDictionary,
} from '../core/dictionary';
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
  private source: DictionarySource | null = null;

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
   * The forms of a small dictionary, for a tab to compile and match itself;
   * null when the dictionary is too large for that (pages then send their
   * text here).
   */
  async getSource(): Promise<DictionarySource | null> {
    const compiled = await this.get();
    const { version, matcher } = compiled;
    if (matcher.patternLength.length > LOCAL_MAX_FORMS || compiled.leftOut.length) return null;
    if (this.source?.version !== version) {
      this.source = dictionarySource(await this.entitiesAt(version), version);
    }
    return fitsInTab(compiled, this.source) ? this.source : null;
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
