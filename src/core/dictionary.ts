/**
 * The compiled dictionary: the automaton of every surface form, with the
 * entities its patterns point to. Typed arrays and a few strings, stored in
 * IndexedDB as one buffer (stored-dictionary.ts) and reloaded without
 * compiling again.
 */
import type { Entity } from './entity';
import { DICTIONARY_LIMITS } from './limits';
import {
  compile,
  compileSteps,
  type CompiledMatcher,
  type CompileLimits,
  type FormInput,
} from './matcher';
import type { EntityList, MatchableEntity } from './page-match';

export interface CompiledDictionary {
  /** The dictionary version it was compiled from (see messaging/keys.ts). */
  version: number;
  matcher: CompiledMatcher;
  /** The entities the matcher's patterns name: an array, or a stored dictionary's columns. */
  entities: EntityList;
  /** The ids of the entities left out, past the dictionary's limits (core/limits.ts). */
  leftOut: string[];
}

/** What the automaton is compiled from: every surface form, and the entities they name. */
export interface DictionarySource {
  version: number;
  forms: FormInput[];
  entities: MatchableEntity[];
}

/**
 * What the matcher needs of an entity: its forms, their case rules, what a
 * mark shows, and what puts it first (an entity without an origin counts as
 * the reader's own, without a time as the oldest).
 */
export type Nameable = Pick<Entity, 'id' | 'kind' | 'name' | 'aliases' | 'matchCase'> &
  Partial<Pick<Entity, 'origin' | 'createdAt'>>;

/**
 * The order in which entities are compiled: the reader's own notes, then
 * the packs', each oldest first; those created together (an import) in the
 * order given, which is the database's name order from either source of
 * entities (see SearchIndex.nameables). The first entity to claim a surface
 * form keeps it, and past the dictionary's limits the last ones are left
 * out: the notes added last, and a pack's before the reader's own.
 */
export function byPriority<T extends Nameable>(entities: readonly T[]): T[] {
  // A counting sort on one number per entity: a comparator reading the
  // objects took a sixth of a 100,000-entity compile.
  const n = entities.length;
  const key = new Float64Array(n);
  entities.forEach((e, i) => {
    const at = e.createdAt !== undefined && Number.isFinite(e.createdAt) ? e.createdAt : 0;
    key[i] = (e.origin === undefined || e.origin === 'local' ? 0 : 2 ** 50) + clamp(at);
  });
  const sorted = key.slice().sort();
  const taken = new Int32Array(n);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    // The first place of this key among the sorted keys, then the next free one.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < key[i]!) lo = mid + 1;
      else hi = mid;
    }
    out[lo + taken[lo]!++] = entities[i]!;
  }
  return out;
}

/** A time kept below the packs' rank (2^50 ms is 35,000 years). */
const clamp = (ms: number) => Math.min(Math.max(ms, 0), 2 ** 50 - 1);

export function dictionarySource(entities: readonly Nameable[], version: number): DictionarySource {
  const forms: FormInput[] = [];
  const list: MatchableEntity[] = [];
  byPriority(entities).forEach((e, index) => {
    list.push({ id: e.id, kind: e.kind });
    // A form's own case rule overrides the capitals rule; without one, the rule decides.
    const form = (text: string): FormInput => {
      const rule = e.matchCase?.[text];
      return rule
        ? { text, entity: index, caseSensitive: rule === 'exact' }
        : { text, entity: index };
    };
    forms.push(form(e.name));
    for (const alias of e.aliases) forms.push(form(alias));
  });
  return { version, forms, entities: list };
}

export function compileSource(
  source: DictionarySource,
  limits: CompileLimits = DICTIONARY_LIMITS,
): CompiledDictionary {
  return withEntities(source, compile(source.forms, limits));
}

/** The same, pausing between steps (see `compileSteps`). */
export function* compileSourceSteps(
  source: DictionarySource,
  limits: CompileLimits = DICTIONARY_LIMITS,
): Generator<void, CompiledDictionary> {
  return withEntities(source, yield* compileSteps(source.forms, limits));
}

/** The compiled matcher with the entities it names, and those it left out. */
function withEntities(
  { version, entities }: DictionarySource,
  matcher: CompiledMatcher,
): CompiledDictionary {
  const cut = matcher.leftOutFrom < 0 ? entities.length : matcher.leftOutFrom;
  return {
    version,
    matcher,
    entities: entities.slice(0, cut),
    leftOut: entities.slice(cut).map((e) => e.id),
  };
}

export function compileDictionary(
  entities: readonly Entity[],
  version: number,
  limits: CompileLimits = DICTIONARY_LIMITS,
): CompiledDictionary {
  return compileSource(dictionarySource(entities, version), limits);
}

/** What the manager's Health shows of the dictionary: its size against its limits, and who is left out. */
export interface DictionaryStatus {
  /** The entities marked on pages, their distinct forms, and the forms' folded units. */
  entities: number;
  forms: number;
  units: number;
  limits: { units: number; forms: number };
  /** How many entities are left out past the limits, and the first of them (the first to come back). */
  leftOut: number;
  leftOutNames: { id: string; name: string }[];
}

/** The status of `compiled`, without names yet (the caller reads them). */
export function dictionaryStatus(
  compiled: CompiledDictionary,
  limits: CompileLimits = DICTIONARY_LIMITS,
): Omit<DictionaryStatus, 'leftOutNames'> {
  let units = 0;
  for (const n of compiled.matcher.patternLength) units += n;
  return {
    entities: compiled.entities.length,
    forms: compiled.matcher.patternLength.length,
    units,
    limits: { units: limits.units, forms: limits.forms },
    leftOut: compiled.leftOut.length,
  };
}
