/**
 * The kind guessed for a found name (names.ts): from its own words first
 * ("Interior Ministry", "Stewart Island", "NASA"), then from the cues around
 * its mentions ("President …", "in …", "the …").
 */
import {
  ORGANIZATION_HEADS,
  ORGANIZATION_TAILS,
  PLACE_ACRONYMS,
  PLACE_HEADS,
  PLACE_TAILS,
} from './names-lexicon';
import { KNOWN_PLACE_NAMES, KNOWN_PLACES } from './names-places';

export type NameKind = 'person' | 'organization' | 'place' | 'other';

/** Cues counted over a name's mentions. */
export interface KindVotes {
  /** After a title: "Mr", "President", "Communications Minister". */
  person: number;
  /** After "the". */
  organization: number;
  /** After "in", "near", "from"… */
  place: number;
}

/**
 * `words`: the name's folded words, connectors included; `acronym`: whether
 * it is written as one word of 2 to 5 capitals ("NASA", "ASIO", not "HARARE").
 */
export function guessKind(words: string[], votes: KindVotes, acronym: boolean): NameKind {
  const first = words[0]!;
  const last = words.at(-1)!;
  if (ORGANIZATION_TAILS.has(last)) return 'organization';
  if (words.length > 2 && ORGANIZATION_HEADS.has(first) && words[1] === 'of') return 'organization';
  if (words.length === 1 && (PLACE_ACRONYMS.has(first) || KNOWN_PLACES.has(first))) return 'place';
  if (KNOWN_PLACE_NAMES.has(words.join(' '))) return 'place';
  if (words.length > 1 && (PLACE_TAILS.has(last) || PLACE_HEADS.has(first))) return 'place';
  if (votes.person > 0 && votes.person >= votes.place) return 'person';
  if (acronym) return 'organization';
  if (words.length === 1) {
    if (votes.place > 0 && votes.place >= votes.organization) return 'place';
    return votes.organization > 0 ? 'organization' : 'other';
  }
  if (votes.place > votes.person + 1) return 'place';
  return words.length <= 3 ? 'person' : 'other';
}
