/**
 * The kind guessed for a found name (names.ts): from its own words first
 * ("Interior Ministry", "Stewart Island", "NASA"), then from the cues around
 * its mentions ("President …", "in …", "the …").
 */
import {
  ORGANIZATION_HEADS,
  ORGANIZATION_TAILS,
  ORGANIZATION_WORDS,
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

/** What is known of a name besides the cues around it. */
export interface NameShape {
  /** Its folded words, connectors included. */
  words: string[];
  /** One word of 2 to 5 capitals: "NASA", "ASIO", not "HARARE". */
  acronym: boolean;
  /** One word with a capital after a small letter inside: "BuzzFeed", "SpaceX". */
  camel: boolean;
  /** One of its words is also written in lower case on the page: "Islamic State", "White House". */
  common: boolean;
  /** One of its words is in capitals: "Orbital ATK", "BBC News". */
  hasCaps: boolean;
}

export function guessKind(
  { words, acronym, camel, common, hasCaps }: NameShape,
  votes: KindVotes,
): NameKind {
  const first = words[0]!;
  const last = words.at(-1)!;
  if (ORGANIZATION_TAILS.has(last)) return 'organization';
  for (let i = 0; i + 2 < words.length; i++) {
    if (ORGANIZATION_HEADS.has(words[i]!) && words[i + 1] === 'of') return 'organization';
  }
  if (words.length === 1 && (PLACE_ACRONYMS.has(first) || KNOWN_PLACES.has(first))) return 'place';
  if (KNOWN_PLACE_NAMES.has(words.join(' '))) return 'place';
  if (words.length > 1 && (PLACE_TAILS.has(last) || PLACE_HEADS.has(first))) return 'place';
  if (votes.person > 0 && votes.person >= votes.place) return 'person';
  if (acronym || camel) return 'organization';
  if (words.length === 1) {
    if (votes.place > 0 && votes.place >= votes.organization) return 'place';
    return votes.organization > 0 ? 'organization' : 'other';
  }
  if (votes.place > votes.person + 1) return 'place';
  // People's names are rarely made of ordinary words or capitals; organisations' are.
  if (common || hasCaps || words.some((w) => ORGANIZATION_WORDS.has(w))) return 'organization';
  return words.length <= 3 ? 'person' : 'other';
}
