/**
 * Keeps the compiled dictionary for the background: in memory while the
 * worker lives, in IndexedDB across restarts, compiled again only when the
 * notes changed (the stored version differs from the current one).
 */
import { compileDictionary, type CompiledDictionary } from '../core/dictionary';
import { getMeta, listEntities, setMeta } from '../db/entities';
import type { BackstoryDb } from '../db/schema';

const CACHE_KEY = 'compiledDictionary';

export class DictionaryService {
  private current: CompiledDictionary | null = null;
  private pending: { version: number; promise: Promise<CompiledDictionary> } | null = null;

  constructor(
    private readonly db: BackstoryDb,
    private readonly version: () => Promise<number>,
  ) {}

  async get(): Promise<CompiledDictionary> {
    const version = await this.version();
    if (this.current?.version === version) return this.current;
    if (this.pending?.version !== version) {
      this.pending = { version, promise: this.load(version) };
    }
    const loaded = await this.pending.promise;
    this.current = loaded;
    return loaded;
  }

  private async load(version: number): Promise<CompiledDictionary> {
    const cached = await getMeta<CompiledDictionary>(this.db, CACHE_KEY);
    if (cached?.version === version) return cached;
    const compiled = compileDictionary(await listEntities(this.db), version);
    // Stored for the next start of the worker; a failure here costs only a recompile.
    void setMeta(this.db, CACHE_KEY, compiled).catch(() => undefined);
    return compiled;
  }
}
