/**
 * The compiled dictionary: the automaton of every surface form, with the
 * entities its patterns point to. Plain data (typed arrays, strings), so it
 * is stored in IndexedDB as it is and reloaded without compiling again.
 */
import { KINDS, type Entity } from './entity';
import { compile, compileSteps, type CompiledMatcher, type FormInput } from './matcher';
import type { MatchableEntity } from './page-match';

export interface CompiledDictionary {
  /** The dictionary version it was compiled from (see messaging/keys.ts). */
  version: number;
  matcher: CompiledMatcher;
  entities: MatchableEntity[];
}

/** What the automaton is compiled from: every surface form, and the entities they name. */
export interface DictionarySource {
  version: number;
  forms: FormInput[];
  entities: MatchableEntity[];
}

/** What the matcher needs of an entity: its forms, their case rules, and what a mark shows. */
export type Nameable = Pick<Entity, 'id' | 'kind' | 'name' | 'aliases' | 'matchCase'>;

export function dictionarySource(entities: readonly Nameable[], version: number): DictionarySource {
  const forms: FormInput[] = [];
  const list: MatchableEntity[] = [];
  entities.forEach((e, index) => {
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

export function compileSource({ version, forms, entities }: DictionarySource): CompiledDictionary {
  return { version, matcher: compile(forms), entities };
}

/** The same, pausing between steps (see `compileSteps`). */
export function* compileSourceSteps({
  version,
  forms,
  entities,
}: DictionarySource): Generator<void, CompiledDictionary> {
  return { version, matcher: yield* compileSteps(forms), entities };
}

export function compileDictionary(
  entities: readonly Entity[],
  version: number,
): CompiledDictionary {
  return compileSource(dictionarySource(entities, version));
}

/**
 * Dictionaries up to this many surface forms are matched inside the tab (see
 * ARCHITECTURE.md, "Where matching runs"). The bound is measured: compiling
 * 1,764 forms in a fresh page takes 25 to 35 ms on the project's machine
 * (cold code), so much more would make a task over 50 ms.
 */
export const LOCAL_MAX_FORMS = 2_000;

/**
 * The form stored in IndexedDB. Reading back is a structured clone, whose cost
 * is per object: typed arrays copy as memory, but 100,000 small objects and
 * strings do not. So the per-entity and per-pattern lists travel as a few
 * large values and are rebuilt on load.
 */
export interface StoredDictionary {
  /** The shape of this record: another one (an older build's) is compiled again. */
  shape: typeof STORED_SHAPE;
  version: number;
  matcher: Omit<CompiledMatcher, 'patternExact'>;
  /** The entities' ids as one JSON array text. */
  entityIds: string;
  /** The entities' kinds, as indexes into KINDS. */
  entityKinds: Uint8Array;
  /** Case-sensitive patterns: their indexes, and their exact texts as one JSON array text. */
  exactPatterns: Int32Array;
  exactTexts: string;
}

/** Raised when the stored shape changes (2: rows per node up to its last label). */
const STORED_SHAPE = 2;

export function toStored({ version, matcher, entities }: CompiledDictionary): StoredDictionary {
  const { patternExact, ...rest } = matcher;
  const exact: number[] = [];
  patternExact.forEach((text, p) => {
    if (text) exact.push(p);
  });
  return {
    shape: STORED_SHAPE,
    version,
    matcher: rest,
    entityIds: JSON.stringify(entities.map((e) => e.id)),
    entityKinds: Uint8Array.from(entities, (e) => KINDS.indexOf(e.kind)),
    exactPatterns: Int32Array.from(exact),
    exactTexts: JSON.stringify(exact.map((p) => patternExact[p])),
  };
}

export function fromStored(stored: StoredDictionary): CompiledDictionary {
  const ids = JSON.parse(stored.entityIds) as string[];
  const entities = ids.map((id, i) => ({ id, kind: KINDS[stored.entityKinds[i]!] ?? 'other' }));
  const patternExact = new Array<string>(stored.matcher.patternLength.length).fill('');
  const texts = JSON.parse(stored.exactTexts) as string[];
  stored.exactPatterns.forEach((p, i) => (patternExact[p] = texts[i]!));
  return { version: stored.version, matcher: { ...stored.matcher, patternExact }, entities };
}

/** Whether a value read back from the cache has the stored shape (older builds stored another). */
export function isStoredDictionary(value: unknown): value is StoredDictionary {
  const v = value as Partial<StoredDictionary> | undefined;
  return (
    v?.shape === STORED_SHAPE &&
    typeof v.version === 'number' &&
    typeof v.entityIds === 'string' &&
    v.entityKinds instanceof Uint8Array &&
    v.exactPatterns instanceof Int32Array &&
    typeof v.exactTexts === 'string' &&
    typeof v.matcher === 'object'
  );
}
