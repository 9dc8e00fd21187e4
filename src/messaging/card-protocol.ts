/**
 * The card frame's channel, between the content script and the card's
 * document (an extension page in an iframe, src/card-frame). The content
 * script knows where marks are and which entity each one is; the frame
 * fetches the note itself, so note text never enters the page's process.
 * Each end opens a runtime port to the background, which pairs the two by
 * the secret the content script put in the frame's URL and passes messages
 * between them (src/background/card-relay.ts); both ends validate what they
 * receive. (A MessageChannel posted to the frame's window would be shorter,
 * but Firefox does not deliver a content script's postMessage to an
 * extension frame.)
 *
 * Apart from protocol.ts because the content script starts in every frame of
 * every page: importing protocol.ts would build the schemas of every message
 * there (its request table), of which it receives none.
 */
import * as v from 'valibot';
import { KINDS } from '../core/entity';
import { LIMITS } from '../core/limits';
import { Id } from './id';

/**
 * A page's `<html lang>` as the card receives it: the shape of a BCP 47 tag
 * (a page may write anything there; the content script sends only this).
 */
export const PAGE_LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;

/** The content script's end of a card channel. */
export const CARD_HOST_PORT = 'backstory-card-host';
/** The card frame's end. */
export const CARD_FRAME_PORT = 'backstory-card-frame';

const Mention = v.object({
  index: v.pipe(v.number(), v.integer(), v.minValue(0)),
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/** The page's viewport, so the card sizes itself to the page and not to its own frame. */
const Viewport = v.object({
  width: v.pipe(v.number(), v.minValue(0)),
  height: v.pipe(v.number(), v.minValue(0)),
  /** Room below or above the mark, from the placement. */
  available: v.optional(v.pipe(v.number(), v.minValue(0))),
});

const SourceDraft = v.object({
  url: v.pipe(v.string(), v.maxLength(2000)),
  title: v.optional(v.pipe(v.string(), v.maxLength(300))),
  quote: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  at: v.optional(v.pipe(v.string(), v.maxLength(40))),
});

/** What the content script asks of the card frame. `seq` ties a reply to its request. */
export const CardCommandSchema = v.variant('kind', [
  v.object({
    kind: v.literal('show'),
    seq: v.number(),
    entityId: Id,
    matched: v.pipe(v.string(), v.maxLength(1000)),
    mention: Mention,
    pinned: v.boolean(),
    dir: v.picklist(['ltr', 'rtl']),
    viewport: Viewport,
  }),
  v.object({
    kind: v.literal('compose'),
    seq: v.number(),
    action: v.picklist(['add-note', 'add-alias']),
    text: v.pipe(v.string(), v.maxLength(1000)),
    /** The page the selection is on; none where no web address can be named. */
    source: v.optional(SourceDraft),
    /** A new note's kind and aliases to start from (a name from the popup's list). */
    entityKind: v.optional(v.picklist(KINDS)),
    /** The page's language, for Look up to search in. */
    lang: v.optional(v.pipe(v.string(), v.regex(PAGE_LANGUAGE))),
    aliases: v.optional(
      v.pipe(v.array(v.pipe(v.string(), v.maxLength(LIMITS.alias))), v.maxLength(LIMITS.aliases)),
    ),
    viewport: Viewport,
  }),
  v.object({ kind: v.literal('viewport'), viewport: Viewport }),
  v.object({ kind: v.literal('focus') }),
  v.object({ kind: v.literal('clear') }),
  /**
   * The page moved focus out of the card while the reader typed in it; the
   * content script took it back (`kept`), or stopped trying (the page keeps
   * taking it): the card tells the reader.
   */
  v.object({ kind: v.literal('focusTaken'), kept: v.boolean() }),
]);
export type CardCommand = v.InferOutput<typeof CardCommandSchema>;

/** What the card frame tells the content script. */
export const CardEventSchema = v.variant('kind', [
  /** The frame drew request `seq` (or found no such entity) and is this big. */
  v.object({
    kind: v.literal('drawn'),
    seq: v.number(),
    found: v.boolean(),
    width: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)),
    height: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)),
  }),
  /** The card changed size (an editor opened, a note was saved). */
  v.object({
    kind: v.literal('size'),
    width: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)),
    height: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)),
  }),
  v.object({ kind: v.literal('pointer'), inside: v.boolean() }),
  /** Focus is in one of the card's text fields: an edit is under way. */
  v.object({ kind: v.literal('typing'), typing: v.boolean() }),
  /*
   * The reader's choices name the card they were made on (its request's
   * `seq`): one that reaches the page after the next card was asked for
   * (they cross the background) is for a card that is gone, and is dropped.
   */
  v.object({ kind: v.literal('pin'), seq: v.number(), pinned: v.boolean() }),
  v.object({ kind: v.literal('move'), seq: v.number(), step: v.picklist([-1, 1]) }),
  v.object({ kind: v.literal('close'), seq: v.number() }),
]);
export type CardEvent = v.InferOutput<typeof CardEventSchema>;

/** The first message on each end's port: the secret from the frame's URL. */
export const CardHandshakeSchema = v.object({
  backstoryCard: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
});
