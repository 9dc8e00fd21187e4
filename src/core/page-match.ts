/**
 * Matching page text against the dictionary, as the background answers a
 * page: the matches as flat triples and only the entities they name, so the
 * reply stays small however large the dictionary is.
 */
import type { Kind } from './entity';
import { scan, type CompiledMatcher } from './matcher';

export interface MatchableEntity {
  id: string;
  kind: Kind;
}

export interface PageMatches {
  /** The entities the matches name. */
  entities: MatchableEntity[];
  /** Triples: start and end offsets in the text, index into `entities`. */
  matches: number[];
}

export function matchPageText(
  matcher: CompiledMatcher,
  entities: readonly MatchableEntity[],
  text: string,
): PageMatches {
  const used = new Map<number, number>();
  const out: PageMatches = { entities: [], matches: [] };
  for (const m of scan(matcher, text)) {
    let local = used.get(m.entity);
    if (local === undefined) {
      local = out.entities.length;
      used.set(m.entity, local);
      out.entities.push(entities[m.entity]!);
    }
    out.matches.push(m.start, m.end, local);
  }
  return out;
}
