/**
 * Names without notes: the people, organisations and places a page mentions,
 * found from capital letters alone (the baseline of issue "Names without
 * notes"; bench/names.ts measures it on the corpus's dev pages).
 *
 * 1. Runs of capitalised words joined by spaces, and by connectors ("Bank of
 *    England", "Osama bin Laden"), are cut at block edges, sentence ends and
 *    any other punctuation, and after a possessive ("Abbott’s").
 * 2. Function words, months and weekdays are stripped from either end;
 *    titles ("President", "Mr.", "Communications Minister") are stripped
 *    from the front and noted as a cue that a person follows; runs made only
 *    of page chrome ("Sign In", "Most Popular") are dropped.
 * 3. A name is proposed from running text only: a block of fewer than four
 *    words, or one whose words are nearly all capitalised (headlines, menus,
 *    credits), never proposes a name, though it adds to the count of one
 *    proposed elsewhere. A single word must be seen once not at the start
 *    of a sentence (or after a title), since every sentence starts with a
 *    capital.
 * 4. Every proposed name is then counted wherever it stands, leftmost and
 *    longest first, and a single word equal to the last word of a person's
 *    name adds to that name ("Akar" into "Hulusi Akar").
 */
import { foldForm } from './fold';
import { CONNECTORS } from './names-lexicon';
import { guessKind, type KindVotes, type NameKind } from './names-kind';
import { MAX_WORDS, mentionsOfRun, runsOf, weakBlocks, wordsSeen } from './names-runs';
import { readText, type PageText, type Token } from './names-text';

export type { NameKind } from './names-kind';

export interface NameCandidate {
  /** As first written in running text, white space collapsed, titles and possessive left out. */
  name: string;
  kind: NameKind;
  /** Mentions on the page, its folded-in surnames included. */
  count: number;
  /** The first sentence of running text that mentions it (of a headline or menu when none does), at most 300 characters. */
  sentence: string;
  /** Surnames folded into it ("Akar" for "Hulusi Akar"). */
  aliases: string[];
}

export interface FindNamesOptions {
  /** Whether the reader has a note for this folded name (fold.ts's `foldForm`). */
  known?: (folded: string) => boolean;
  /** The page's language (BCP 47), if known: in Turkish an apostrophe's suffix is left out of a name. */
  lang?: string;
  /** Names to leave out besides the known ones (ignored, or too long for a note). */
  skip?: (name: string) => boolean;
  /**
   * At most this many are returned (all are counted in `total`). Their
   * sentences are found only for these: a page can hold tens of thousands
   * of candidates, and finding each one's sentence took seconds.
   */
  limit?: number;
}

export interface FoundNames {
  names: NameCandidate[];
  /** How many names there are after `known` and `skip`; `names` holds the first `limit`. */
  total: number;
  /** Set when most letters are in scripts without capitals: no names are looked for. */
  unsupported?: 'noCapitals';
}

const SENTENCE_MAX = 300;

interface Candidate {
  key: string;
  name: string;
  /** Folded words, as a mention must show them. */
  words: string[];
  /** One word of 2 to 5 capitals. */
  acronym: boolean;
  /** One word with a capital inside: "BuzzFeed". */
  camel: boolean;
  /** Some word in capitals: "Orbital ATK". */
  hasCaps: boolean;
  votes: KindVotes;
  count: number;
  /** Mentions in running text (not headlines or menus). */
  running: number;
  /** Token index of the first mention counted, and of the first in running text. */
  first: number;
  firstRunning: number;
  aliases: string[];
}

/**
 * The names in `text` that the reader has no note for, most mentioned first
 * (then first mentioned). `text` is a page's visible text with a line break
 * (`\n`, `\r`, U+2028, U+2029) or a NUL at every block edge, as the content
 * script collects it (src/content/text-index.ts): paragraphs, list items,
 * cells and headings are never run together. Linear in the text's length.
 */
export function findNames(text: string, options: FindNamesOptions = {}): FoundNames {
  const page = readText(text, options.lang);
  if (page.caselessLetters > page.casedLetters)
    return { names: [], total: 0, unsupported: 'noCapitals' };
  const weak = weakBlocks(page.tokens);
  const seen = wordsSeen(page.tokens);
  const lowerSeen = seen.lower;

  const candidates = new Map<string, Candidate>();
  for (const run of runsOf(page.tokens)) {
    for (const mention of mentionsOfRun(page.tokens, run, seen)) {
      const firstToken = page.tokens[mention.from]!;
      const single = mention.to - mention.from === 1;
      const titled = mention.votes.person > 0;
      const strong =
        !weak.has(firstToken.block) &&
        !mention.weak &&
        (!single ||
          ((!firstToken.initial || titled) &&
            (!lowerSeen.has(firstToken.key) || titled || firstToken.allCaps)));
      const key = foldForm(text.slice(firstToken.start, page.tokens[mention.to - 1]!.end));
      let c = candidates.get(key);
      if (!c) {
        if (!strong) continue;
        c = {
          key,
          name: text.slice(firstToken.start, page.tokens[mention.to - 1]!.end).replace(/\s+/g, ' '),
          words: page.tokens.slice(mention.from, mention.to).map((t) => t.key),
          acronym: single && firstToken.allCaps && firstToken.key.replaceAll('.', '').length <= 5,
          camel: single && firstToken.camel,
          hasCaps: page.tokens.slice(mention.from, mention.to).some((t) => t.allCaps),
          votes: { person: 0, organization: 0, place: 0 },
          count: 0,
          running: 0,
          first: -1,
          firstRunning: -1,
          aliases: [],
        };
        candidates.set(key, c);
      }
      c.votes.person += mention.votes.person;
      c.votes.organization += mention.votes.organization;
      c.votes.place += mention.votes.place;
    }
  }

  countMentions(page.tokens, [...candidates.values()], weak);
  const found = [...candidates.values()].filter((c) => c.count > 0);
  const kinds = new Map(
    found.map((c) => [
      c,
      guessKind(
        { ...c, common: c.words.some((w) => seen.lower.has(w) && !CONNECTORS.has(w)) },
        c.votes,
      ),
    ]),
  );
  const folded = foldSurnames(found, kinds);

  const known = options.known ?? (() => false);
  const skip = options.skip ?? (() => false);
  const kept = folded
    .filter((c) => !known(c.key) && !c.aliases.some((a) => known(foldForm(a))) && !skip(c.name))
    .sort((a, b) => b.count - a.count || a.first - b.first);
  return {
    total: kept.length,
    names: (options.limit === undefined ? kept : kept.slice(0, options.limit)).map((c) => ({
      name: c.name,
      kind: kinds.get(c)!,
      count: c.count,
      sentence: sentenceOf(text, page, c.firstRunning >= 0 ? c.firstRunning : c.first),
      aliases: c.aliases,
    })),
  };
}

/**
 * Counts every mention of every candidate, leftmost and longest first, in
 * every block (headlines and menus too), and notes the first.
 */
function countMentions(tokens: Token[], candidates: Candidate[], weak: Set<number>): void {
  const byWords = new Map(candidates.map((c) => [c.words.join(' '), c]));
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // The longest candidate that starts here: at most MAX_WORDS look-ups.
    let hit: Candidate | undefined;
    if (t.cap) {
      let key = t.key;
      for (let k = i; ;) {
        hit = byWords.get(key) ?? hit;
        k++;
        const next = tokens[k];
        if (k - i >= MAX_WORDS || !next || next.block !== t.block) break;
        if (next.join === 'other' || tokens[k - 1]!.closes) break;
        key += ` ${next.key}`;
      }
    }
    if (!hit) {
      i++;
      continue;
    }
    hit.count++;
    if (hit.first < 0) hit.first = i;
    if (!weak.has(t.block)) {
      hit.running++;
      if (hit.firstRunning < 0) hit.firstRunning = i;
    }
    i += hit.words.length;
  }
}

/**
 * Folds each single word into the person whose name ends with it; of two
 * ("Donald Trump", "Melania Trump"), the one most mentioned in running text.
 */
function foldSurnames(found: Candidate[], kinds: Map<Candidate, NameKind>): Candidate[] {
  const byLast = new Map<string, Candidate>();
  for (const c of found) {
    if (c.words.length < 2 || kinds.get(c) !== 'person') continue;
    const last = c.words.at(-1)!;
    const held = byLast.get(last);
    if (!held || c.running > held.running || (c.running === held.running && c.count > held.count)) {
      byLast.set(last, c);
    }
  }
  const kept: Candidate[] = [];
  for (const c of found) {
    const into = c.words.length === 1 ? byLast.get(c.words[0]!) : undefined;
    if (!into) {
      kept.push(c);
      continue;
    }
    into.count += c.count;
    into.aliases.push(c.name);
  }
  return kept;
}

/**
 * Characters read on either side of a name in a long sentence: enough for
 * 300 once white space is collapsed, unless the page pads its text, and a
 * bound on the work per name when a page is one sentence without full stops.
 */
const WINDOW = 2 * SENTENCE_MAX;

/** The sentence around token `index`, white space collapsed, cut to 300 characters around the name. */
function sentenceOf(text: string, page: PageText, index: number): string {
  const token = page.tokens[index]!;
  let start = page.sentenceStarts[token.sentence]!;
  let end = page.sentenceEnds[token.sentence]!;
  // A sentence can be a whole page without full stops: read a window of it,
  // so that the work per name stays bounded.
  const cutStart = start < token.start - WINDOW;
  const cutEnd = end > token.start + WINDOW;
  if (cutStart) start = token.start - WINDOW;
  if (cutEnd) end = token.start + WINDOW;
  const sentence = text.slice(start, end).replace(/\s+/g, ' ');
  const at = text.slice(start, token.start).replace(/\s+/g, ' ').length;
  const trimmedStart = sentence.length - sentence.trimStart().length;
  const whole = sentence.trim();
  const nameAt = Math.max(0, at - trimmedStart);
  if (whole.length <= SENTENCE_MAX && !cutStart && !cutEnd) return whole;
  // Cut around the name at word edges, with an ellipsis where cut.
  const room = SENTENCE_MAX - 2;
  let from = Math.max(0, Math.min(nameAt - 100, whole.length - room));
  if (from > 0) {
    const space = whole.indexOf(' ', from);
    if (space >= 0 && space < nameAt) from = space + 1;
  }
  let to = Math.min(whole.length, from + room);
  if (to < whole.length) {
    const space = whole.lastIndexOf(' ', to);
    if (space > nameAt) to = space;
  }
  const before = from > 0 || cutStart ? '…' : '';
  const after = to < whole.length || cutEnd ? '…' : '';
  return `${before}${whole.slice(from, to).trim()}${after}`;
}
