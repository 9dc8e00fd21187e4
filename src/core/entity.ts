/**
 * The entity: one person, organisation, place or topic with its note
 * (DESIGN.md section 3).
 */

export const KINDS = ['person', 'organization', 'place', 'topic', 'other'] as const;
export type Kind = (typeof KINDS)[number];

export interface Link {
  title: string;
  url: string;
}

/**
 * A surface form's case rule, overriding the default (DESIGN.md section 4,
 * rule 2: 2 to 5 capitals match their exact case only, others any case).
 */
export const CASE_RULES = ['exact', 'any'] as const;
export type CaseRule = (typeof CASE_RULES)[number];

export interface Source {
  url: string;
  title?: string;
  quote?: string;
  at?: string;
  /**
   * The licence of text taken from the source ("CC BY-SA 4.0" for a
   * Wikipedia summary), which must travel with that text: CC BY-SA asks
   * that a copy name its source and licence
   * (https://creativecommons.org/licenses/by-sa/4.0/#ref-appropriate-credit).
   */
  license?: string;
}

export interface Entity {
  id: string;
  name: string;
  aliases: string[];
  kind: Kind;
  /** Markdown. */
  note: string;
  tags: string[];
  links: Link[];
  sources: Source[];
  /** 'local', or the id of the pack the entity came from. */
  origin: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  /** Case rules for some of the name and aliases, by the form as written. */
  matchCase?: Record<string, CaseRule>;
  /** Fields of an imported pack entity that Backstory does not know, kept for export. */
  extra?: Record<string, unknown>;
}

/**
 * What an entity says, as a pack carries it: everything but its id, what
 * records it (origin, times) and the unknown fields kept from a pack
 * (extra). The pack format's fields (core/pack.ts) and the fields a
 * subscription merges (core/subscription.ts) are these and a few of their own.
 */
export const CONTENT_FIELDS = [
  'name',
  'aliases',
  'kind',
  'note',
  'tags',
  'links',
  'sources',
  'matchCase',
] as const satisfies readonly (keyof Entity)[];

/** http(s) only: anything else (javascript:, data:) is never made a link. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Whether text is Unicode text: no half of a character (a lone UTF-16
 * surrogate, as a "\ud800" escape or a tool that cut a string between the
 * two halves of an emoji leaves). Such text has no UTF-8 form, so it cannot
 * be saved in a file as it is (a CSV export turned it into U+FFFD), and JSON
 * calls what software does with it unpredictable (RFC 8259, section 8.2).
 */
export function isUnicodeText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
const LONE_SURROGATE = /\p{Cs}/u;
