/**
 * Matching page text against the dictionary, as the background answers a
 * page: the matches as flat triples and only the entities they name, so the
 * reply stays small however large the dictionary is.
 */
import type { Kind } from './entity';
import { scan, type CompiledMatcher, type Match } from './matcher';

export interface MatchableEntity {
  id: string;
  kind: Kind;
}

/**
 * The entities a matcher's patterns point to, by index: an array (a fresh
 * compile), or the columns of a stored dictionary (stored-dictionary.ts),
 * which make an entity only when a match names it.
 */
export interface EntityList {
  readonly length: number;
  /** The entity at `index`, from 0 (undefined past the end). */
  at(index: number): MatchableEntity | undefined;
  [Symbol.iterator](): Iterator<MatchableEntity>;
}

export interface PageMatches {
  /** The entities the matches name. */
  entities: MatchableEntity[];
  /** Triples: start and end offsets in the text, index into `entities`. */
  matches: number[];
}

export function matchPageText(
  matcher: CompiledMatcher,
  entities: EntityList,
  text: string,
): PageMatches {
  return pageMatchesOf(scan(matcher, text), (m) => entities.at(m.entity)!);
}

/**
 * Matches as a reply carries them: each entity (by its index, `m.entity`)
 * named once, as `entityOf` makes it for the first match naming it.
 */
export function pageMatchesOf<M extends Pick<Match, 'start' | 'end' | 'entity'>>(
  found: readonly M[],
  entityOf: (m: M) => MatchableEntity,
): PageMatches {
  const used = new Map<number, number>();
  const out: PageMatches = { entities: [], matches: [] };
  for (const m of found) {
    let local = used.get(m.entity);
    if (local === undefined) {
      local = out.entities.length;
      used.set(m.entity, local);
      out.entities.push(entityOf(m));
    }
    out.matches.push(m.start, m.end, local);
  }
  return out;
}

/**
 * Matches of several pieces of one text, joined as the whole text's: the
 * offsets shifted to it, each entity listed once.
 */
export class JoinedMatches {
  readonly out: PageMatches = { entities: [], matches: [] };
  private readonly listed = new Map<string, number>();

  /** One match, at offsets in the whole text. */
  push(from: number, to: number, entity: MatchableEntity): void {
    let index = this.listed.get(entity.id);
    if (index === undefined) {
      index = this.out.entities.length;
      this.listed.set(entity.id, index);
      this.out.entities.push(entity);
    }
    this.out.matches.push(from, to, index);
  }

  /** Every match of a piece that starts at `shift` in the whole text. */
  add(found: PageMatches, shift: number): void {
    for (let i = 0; i < found.matches.length; i += 3) {
      this.push(
        shift + found.matches[i]!,
        shift + found.matches[i + 1]!,
        found.entities[found.matches[i + 2]!]!,
      );
    }
  }
}
