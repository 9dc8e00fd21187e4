/**
 * The compiled dictionary: the automaton of every surface form, with the
 * entities its patterns point to. Plain data (typed arrays, strings), so it
 * is stored in IndexedDB as it is and reloaded without compiling again.
 */
import type { Entity } from './entity';
import { compile, type CompiledMatcher, type FormInput } from './matcher';
import type { MatchableEntity } from './page-match';

export interface CompiledDictionary {
  /** The dictionary version it was compiled from (see messaging/keys.ts). */
  version: number;
  matcher: CompiledMatcher;
  entities: MatchableEntity[];
}

export function compileDictionary(
  entities: readonly Entity[],
  version: number,
): CompiledDictionary {
  const forms: FormInput[] = [];
  const list: MatchableEntity[] = [];
  entities.forEach((e, index) => {
    list.push({ id: e.id, kind: e.kind });
    forms.push({ text: e.name, entity: index });
    for (const alias of e.aliases) forms.push({ text: alias, entity: index });
  });
  return { version, matcher: compile(forms), entities: list };
}
