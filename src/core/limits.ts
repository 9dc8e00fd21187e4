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
