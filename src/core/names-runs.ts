/**
 * Finding the mentions of names in a page's words (names.ts): which blocks
 * may propose a name, the runs of capitalised words, and what of each run is
 * a name once titles, function words, chrome and adjectives are taken off.
 */
import {
  CALENDAR,
  CHROME,
  CONNECTORS,
  DEMONYM_ENDINGS,
  FUNCTION_WORDS,
  GROUPS,
  LEADING_WORDS,
  NEVER_ALONE,
  ORGANIZATION_HEADS,
  ORGANIZATION_TAILS,
  PLACE_CUES,
  PLACE_HEADS,
  PLACE_TAILS,
  SECOND_CONNECTORS,
  TITLES,
} from './names-lexicon';
import type { KindVotes } from './names-kind';
import type { Token } from './names-text';

/** Longer runs of capitalised words are headlines or menus, not names. */
export const MAX_WORDS = 6;
/** A block with fewer words than this is a menu item, a credit or a heading. */
const MIN_BLOCK_WORDS = 4;

/**
 * Blocks that never propose a name: fewer than four words, or headline case
 * (nearly every word but the short function words capitalised), or all in
 * capitals.
 */
export function weakBlocks(tokens: Token[]): Set<number> {
  const weak = new Set<number>();
  let i = 0;
  while (i < tokens.length) {
    const block = tokens[i]!.block;
    let words = 0;
    let content = 0;
    let capitalised = 0;
    let caps = 0;
    for (; i < tokens.length && tokens[i]!.block === block; i++) {
      const t = tokens[i]!;
      if (!t.letters) continue;
      words++;
      if (t.allCaps || t.end - t.start === 1) caps++;
      if (FUNCTION_WORDS.has(t.key) || CONNECTORS.has(t.key)) continue;
      content++;
      if (t.cap) capitalised++;
    }
    if (words < MIN_BLOCK_WORDS || capitalised >= content * 0.9 || caps === words) weak.add(block);
  }
  return weak;
}

/** Token ranges [from, to) of capitalised words joined by spaces or connectors, within a block. */
export function* runsOf(tokens: Token[]): Generator<[number, number]> {
  const isName = (t: Token | undefined) => t !== undefined && t.cap && t.letters;
  let i = 0;
  while (i < tokens.length) {
    if (!isName(tokens[i])) {
      i++;
      continue;
    }
    const from = i;
    let to = i + 1;
    while (to < tokens.length && !tokens[to - 1]!.closes) {
      const next = tokens[to]!;
      if (next.join === 'other') break;
      if (isName(next)) {
        to++;
        continue;
      }
      // Connectors: "of", "bin", "of the", between two capitalised words.
      if (next.join !== 'space' || !CONNECTORS.has(next.key) || next.cap) break;
      let after = to + 1;
      const second = tokens[after];
      if (second?.join === 'space' && !second.cap && SECOND_CONNECTORS.has(second.key)) after++;
      const resumed = tokens[after];
      if (!isName(resumed) || resumed!.join !== 'space') break;
      to = after + 1;
    }
    yield [from, to];
    i = to;
  }
}

export interface Mention {
  from: number;
  to: number;
  votes: KindVotes;
  /** Cut from before a title ("Zimbabwe President …"): counts, but proposes no name. */
  weak: boolean;
}

const isStop = (key: string) => FUNCTION_WORDS.has(key) || CALENDAR.has(key);
/** A function word, unless written in capitals: "US" is not "us". */
const isStopToken = (t: Token) => CALENDAR.has(t.key) || (!t.allCaps && FUNCTION_WORDS.has(t.key));
const isChrome = (key: string) => CHROME.has(key) || isStop(key) || CONNECTORS.has(key);

/** The names in one run: titles, function words and chrome stripped. */
export function mentionsOfRun(
  tokens: Token[],
  [from, to]: [number, number],
  seen: Seen,
): Mention[] {
  const votes: KindVotes = { person: 0, organization: 0, place: 0 };
  const before = tokens[from - 1];
  if (before && before.block === tokens[from]!.block && tokens[from]!.join === 'space') {
    cue(votes, before.key);
  }
  // Leading function words; at the start of a sentence, a verb of a menu
  // ("Watch TMZ") or a word seen in lower case elsewhere ("Speaking").
  while (from < to) {
    const t = tokens[from]!;
    // "New York", "North Korea", "University of Otago" keep their first word.
    const head =
      PLACE_HEADS.has(t.key) ||
      (ORGANIZATION_HEADS.has(t.key) && CONNECTORS.has(tokens[from + 1]?.key ?? ''));
    const common =
      to - from > 1 &&
      t.initial &&
      (LEADING_WORDS.has(t.key) || (seen.lower.has(t.key) && !TITLES.has(t.key) && !head));
    if (!isStopToken(t) && !CONNECTORS.has(t.key) && !common) break;
    cue(votes, t.key);
    from++;
  }
  // Shouting: "GREATEST CON MAN", "ALL SECTIONS" (acronyms are short: "US NAVY" stays).
  let allCaps = true;
  let long = false;
  for (let k = from; k < to; k++) {
    if (!tokens[k]!.allCaps) allCaps = false;
    if (tokens[k]!.end - tokens[k]!.start > 5) long = true;
  }
  if (allCaps && long && to - from > 1) return [];
  const mentions: Mention[] = [];
  // Titles: "Zimbabwe President Robert Mugabe" is Robert Mugabe, and Zimbabwe on its own.
  const last = tokens[to - 1];
  if (last && !ORGANIZATION_TAILS.has(last.key)) {
    let firstTitle = -1;
    let lastTitle = -1;
    for (let k = from; k < to; k++) {
      if (TITLES.has(tokens[k]!.key)) {
        if (firstTitle < 0) firstTitle = k;
        lastTitle = k;
      }
    }
    if (lastTitle >= 0) {
      if (firstTitle > from) {
        // "Australian Federal Police Commissioner …" names the police; "Turkish
        // Defence Minister …" names no one but the minister.
        const end = tokens[firstTitle - 1]!.key;
        const named = ORGANIZATION_TAILS.has(end) || PLACE_TAILS.has(end);
        mentions.push(...trimmed(tokens, from, firstTitle, seen, !named, { ...votes }));
      }
      votes.person += 2;
      from = lastTitle + 1;
    }
  }
  mentions.push(...trimmed(tokens, from, to, seen, false, votes));
  return mentions;
}

/** The mention in tokens [from, to), with stop words off its ends, unless nothing of a name is left. */
function trimmed(
  tokens: Token[],
  from: number,
  to: number,
  seen: Seen,
  weak: boolean,
  votes: KindVotes,
): Mention[] {
  while (from < to && (isStopToken(tokens[from]!) || CONNECTORS.has(tokens[from]!.key))) from++;
  while (to > from && (isStopToken(tokens[to - 1]!) || CONNECTORS.has(tokens[to - 1]!.key))) to--;
  // An adjective of nationality before a name: "Tunisian Islamists", "Russian Tuva".
  const last = tokens[to - 1]?.key ?? '';
  if (
    to - from > 1 &&
    isAdjective(tokens[from]!, seen) &&
    !ORGANIZATION_TAILS.has(last) &&
    !PLACE_TAILS.has(last)
  ) {
    from++;
  }
  if (from === to || to - from > MAX_WORDS) return [];
  // Only chrome: "Sign In", "Most Popular", "Terms of Use".
  let allChrome = true;
  for (let k = from; k < to; k++) {
    if (!isChrome(tokens[k]!.key) || (tokens[k]!.allCaps && !CHROME.has(tokens[k]!.key))) {
      allChrome = false;
    }
  }
  if (allChrome) return [];
  if (to - from === 1) {
    const t = tokens[from]!;
    if (t.end - t.start < 2 || NEVER_ALONE.has(t.key) || TITLES.has(t.key) || isGroup(t, seen))
      return [];
    if (t.capsPlural) return []; // "CEOs", "IDs"
    // A word in capitals that is no acronym: "STOLEN", "HIGH" (but "US" beside "us").
    if (t.allCaps && (t.end - t.start > 5 || (t.end - t.start > 2 && seen.lower.has(t.key))))
      return [];
  }
  return [{ from, to, votes, weak }];
}

export interface Seen {
  /** Words seen in lower case on the page. */
  lower: Set<string>;
  /** Capitalised words seen used as adjectives: "Tunisian officials", "Sudanese government". */
  adjectives: Set<string>;
}

/** Words after a name that do not make it an adjective: "Adrian said". */
const AFTER_NAME = new Set(['said', 'says', 'told', 'added', 'asked', 'wrote', 'who', 'whose']);

export function wordsSeen(tokens: Token[]): Seen {
  const lower = new Set<string>();
  const adjectives = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.letters) continue;
    if (!t.cap) {
      lower.add(t.key);
      continue;
    }
    const next = tokens[i + 1];
    if (
      !t.initial &&
      !t.closes &&
      next?.join === 'space' &&
      next.letters &&
      !next.cap &&
      !FUNCTION_WORDS.has(next.key) &&
      !CONNECTORS.has(next.key) &&
      !AFTER_NAME.has(next.key)
    ) {
      adjectives.add(t.key);
    }
  }
  return { lower, adjectives };
}

/** Plural endings of a people or a movement: "Tunisians", "Islamists". */
const PLURAL_GROUP = ['ians', 'eans', 'icans', 'yans', 'ists'];

/**
 * A word for a people or a faith, or an adjective of nationality
 * ("Tunisian", "Muslims", "Islamists"): its ending, and its use on the page
 * as an adjective, tell it from a first name ("Adrian Malloch").
 */
function isGroup(t: Token, seen: Seen): boolean {
  if (t.allCaps) return false;
  return GROUPS.has(t.key) || PLURAL_GROUP.some((e) => t.key.endsWith(e)) || isAdjective(t, seen);
}

/** An adjective of nationality or belief, by its ending and its use on the page. */
function isAdjective(t: Token, seen: Seen): boolean {
  return seen.adjectives.has(t.key) && DEMONYM_ENDINGS.some((e) => t.key.endsWith(e));
}

/** What the word before a name says of its kind: "in Kenya", "the BBC". */
function cue(votes: KindVotes, key: string): void {
  if (TITLES.has(key)) votes.person += 2;
  else if (PLACE_CUES.has(key)) votes.place++;
  else if (key === 'the') votes.organization++;
}
