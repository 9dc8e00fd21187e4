/**
 * The one set of limits for a note, held by the pack format, the messages
 * (src/messaging/protocol.ts) and the editors alike: whatever one accepts,
 * the others do too, so an imported note can always be saved again.
 */
export const LIMITS = {
  name: 200,
  alias: 200,
  aliases: 100,
  tag: 60,
  tags: 50,
  note: 100_000,
  url: 2_000,
  linkTitle: 300,
  sourceTitle: 300,
  quote: 2_000,
  /** A source's licence: an SPDX id or a few words, as a pack's header carries one. */
  sourceLicense: 200,
  /** A source's `at`: a time, as toISOString writes one (24 characters). */
  at: 40,
  /** Whose a note is: "local", or the title or file name of the pack it came from. */
  origin: 200,
  /**
   * Fields Backstory does not know, kept and written back: as JSON, at most
   * this many characters per entity, nested at most this deep. Past them a
   * field would break the list, the card and the export (IndexedDB's clone
   * and JSON.stringify recurse), so the file is refused, naming the field.
   */
  extraChars: 20_000,
  extraDepth: 16,
};

/**
 * The most one dictionary compiles (src/core/matcher-compile.ts): the folded
 * code units of its distinct surface forms, and how many forms. The compiled
 * size is linear in the units (`compiledBytesBound`), so this caps the
 * worker's memory. At these limits 300,000 entities of ordinary names
 * compile to 40 MB, and 200-character CJK forms that share nothing (the most
 * trie nodes per character) to 128 MB; `npm run bench -- --worker-memory`
 * states the worker's peak heap while it compiles them. 100,000 entities of
 * ordinary names (a name and a surname alias each) take 1.64 million units
 * and 178,000 forms: 2.4 and 2.8 times less.
 * Past the limits the notes added last are left out, whole, a pack's before
 * the reader's own (`byPriority`), and the manager's Health names them
 * (ARCHITECTURE.md, "Decisions").
 */
export const DICTIONARY_LIMITS = {
  units: 4_000_000,
  forms: 500_000,
};

/**
 * What the popup's "names without a note" reads and answers (core/page-names.ts).
 * `text`: the page's text the content script sends, cut at the last block
 * edge before it. The largest first scan of a corpus page is 493,000
 * characters; findNames reads 500,000 in 0.3 to 0.8 s of the worker on
 * the project's loaded 2-core machine, so a page that makes its text huge
 * costs the worker that much at most, once per click. `shown`: the names in
 * one answer, the most mentioned: the dev pages yield 17 to 135 (at 100 the
 * answer missed 5 of their entities), and a page of thousands would
 * otherwise send them all to the popup.
 */
export const NAMES_LIMITS = {
  text: 500_000,
  shown: 200,
};
