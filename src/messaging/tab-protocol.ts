/**
 * Messages from the background or the popup to a tab's content script (the
 * other way from protocol.ts): the keyboard commands, which the browser
 * delivers to the background. Their shortcuts are declared in the manifest
 * (wxt.config.ts), so users can rebind them in the browser's settings.
 */
import * as v from 'valibot';
import { KINDS } from '../core/entity';
import { LIMITS, NAMES_LIMITS } from '../core/limits';

export const COMMANDS = ['next-mention', 'previous-mention', 'toggle-marks'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CommandMessage {
  type: 'backstory-command';
  command: Command;
}

export function isCommandMessage(message: unknown): message is CommandMessage {
  const m = message as Partial<CommandMessage> | null;
  return m?.type === 'backstory-command' && (COMMANDS as readonly unknown[]).includes(m.command);
}

/** The popup asks the active tab what it mentions. */
export interface SummaryRequest {
  type: 'backstory-summary';
}

export interface PageSummary {
  host: string;
  /** False when the site is switched off (nothing is marked). */
  enabled: boolean;
  /** The entities marked on the page, with how many marks each, most first. */
  entities: { id: string; count: number }[];
}

/** The popup asks the tab to show an entity's first mention and open its card. */
export interface ShowEntityRequest {
  type: 'backstory-show-entity';
  id: string;
}

export function isSummaryRequest(message: unknown): message is SummaryRequest {
  return (message as Partial<SummaryRequest> | null)?.type === 'backstory-summary';
}

export function isShowEntityRequest(message: unknown): message is ShowEntityRequest {
  const m = message as Partial<ShowEntityRequest> | null;
  return m?.type === 'backstory-show-entity' && typeof m.id === 'string';
}

/** A context-menu action on the text the reader selected. */
export const SELECTION_ACTIONS = ['add-note', 'add-alias'] as const;
export type SelectionAction = (typeof SELECTION_ACTIONS)[number];

export interface SelectionRequest {
  type: 'backstory-selection';
  action: SelectionAction;
  text: string;
}

export function isSelectionRequest(message: unknown): message is SelectionRequest {
  const m = message as Partial<SelectionRequest> | null;
  return (
    m?.type === 'backstory-selection' &&
    (SELECTION_ACTIONS as readonly unknown[]).includes(m.action) &&
    typeof m.text === 'string'
  );
}

/*
 * Names without a note (the popup's list). The background asks the tab's top
 * frame for its text, which the content script reads only then
 * (src/content/page-text.ts); the names are found in the background, and the
 * tab never learns them, nor which the reader has a note for or ignored.
 * Both ends validate what they receive: the reply comes from a page's
 * process, and a hostile page can make its text as large as it likes.
 */

export const PageTextRequestSchema = v.object({ type: v.literal('backstory-page-text') });
export type PageTextRequest = v.InferOutput<typeof PageTextRequestSchema>;

/**
 * The content script's answer: the top frame's visible text (block edges
 * as NUL, as text-index.ts collects it), cut at the last block edge before
 * NAMES_LIMITS.text; or `off` on a site the reader switched off, where
 * nothing is read. A longer text is refused, not cut, by the background.
 */
/**
 * A document's id, made by its content script when it starts and known to
 * no page: the popup's names were read from one document, and the tab may
 * have gone on to another since (the page itself can navigate on a timer).
 */
const PageId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const PageTextSchema = v.variant('status', [
  v.object({
    status: v.literal('text'),
    text: v.pipe(v.string(), v.maxLength(NAMES_LIMITS.text)),
    /** The page's language (`<html lang>`), for the finder's apostrophe rule. */
    lang: v.pipe(v.string(), v.maxLength(100)),
    truncated: v.boolean(),
    /** Which document answered: a name is composed only on that one (PAGE_ID). */
    page: PageId,
  }),
  v.object({ status: v.literal('off') }),
]);
export type PageTextReply = v.InferOutput<typeof PageTextSchema>;

/**
 * The popup asks the tab to open the card as a new note for a name of its
 * list, prefilled: the name, the kind guessed, the surnames folded into it
 * as aliases, and the sentence it was first seen in as the source's quote
 * (the content script adds the page's address and title, as for a selection).
 */
export const ComposeNameRequestSchema = v.object({
  type: v.literal('backstory-compose-name'),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.name)),
  kind: v.picklist(KINDS),
  aliases: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(LIMITS.alias))),
    v.maxLength(LIMITS.aliases),
  ),
  quote: v.pipe(v.string(), v.maxLength(LIMITS.quote)),
  /** The document the name was read from: another one (the tab navigated) opens nothing. */
  page: PageId,
});
export type ComposeNameRequest = v.InferOutput<typeof ComposeNameRequestSchema>;
