/**
 * Receives protocol messages: checks the envelope and the sender, validates
 * the payload with the message's schema, runs the handler, and wraps the
 * outcome as a Result. Nothing unvalidated reaches a handler.
 */
import * as v from 'valibot';
import { t } from '../i18n';
import { failureText, Refusal } from './failure';
import {
  EnvelopeSchema,
  mayAsk,
  requests,
  type SenderClass,
  type MessageType,
  type Reply,
  type Result,
  type ValidRequest,
} from '../messaging/protocol';

/** Where a message came from, for the few handlers that act on the sender's tab. */
export interface MessageContext {
  tabId?: number;
  frameId?: number;
}

export type Handlers = {
  [K in MessageType]: (request: ValidRequest<K>, context: MessageContext) => Promise<Reply<K>>;
};

/**
 * The three classes of sender (DESIGN.md section 2): the extension's own
 * pages may do everything; the card frame may read and save the entity it
 * shows, create a note and search names; a content script gets dictionary
 * data and page matches only: no note text, no writes.
 */
export type SenderKind = SenderClass;

/** What the browser says of a sender; none of it is the sender's own claim. */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** Chromium and Firefox: the sending document's origin, set by the browser. */
  origin?: string;
  /** Firefox: 'addon_child' for extension pages, 'content_child' for content scripts. */
  envType?: string;
}

/** The card's document: an extension page that content scripts show in iframes. */
export const CARD_PATH = '/card.html';

/**
 * Judges a sender from what the browser guarantees: messages from another
 * extension are refused outright; the origin (set by the browser, not by the
 * sending script) tells the extension's documents from web pages and their
 * content scripts, the path the card frame from the manager and popup, and
 * Firefox's `envType` an extension page from anything else.
 * https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/runtime/MessageSender
 */
export function classifySender(
  sender: SenderInfo,
  runtimeId: string,
  extensionOrigin: string,
): SenderKind | null {
  if (sender.id !== runtimeId) return null;
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    return 'content';
  }
  const ours = originOf(new URL(extensionOrigin));
  if ((sender.origin ?? originOf(url)) !== ours || originOf(url) !== ours) return 'content';
  // Firefox counts an extension page framed by a web page as 'content_child',
  // like a content script; the browser-set origin above already tells them apart.
  if (url.pathname === CARD_PATH) return 'card';
  if (sender.envType !== undefined && sender.envType !== 'addon_child') return 'content';
  return 'extension';
}

/** Scheme and host: `URL.origin` is "null" for extension schemes outside browsers. */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

export async function route(
  handlers: Handlers,
  message: unknown,
  sender: SenderKind | null,
  context: MessageContext = {},
): Promise<Result<unknown>> {
  const envelope = v.safeParse(EnvelopeSchema, message);
  if (!envelope.success) return { ok: false, error: t('errorNotOurMessage') };
  const type = envelope.output.type;
  const spec = requests[type];
  if (sender === null) return { ok: false, error: t('errorRefusedSender', type) };
  if (!mayAsk(sender, spec.from)) {
    return {
      ok: false,
      error: t(spec.from === 'extension' ? 'errorExtensionOnly' : 'errorCardOnly', type),
    };
  }
  const payload = v.safeParse(spec.schema, envelope.output.payload);
  if (!payload.success) {
    const first = payload.issues[0];
    const path = first ? v.getDotPath(first) : null;
    // The detail is valibot's (English): it names a field only a bug or a hostile page gets wrong.
    const detail = `${path ? `${path}: ` : ''}${first?.message ?? ''}`;
    return { ok: false, error: t('errorInvalidRequest', type, detail) };
  }
  // The card changes only the version it was shown: a save over an existing
  // note states it, so nothing the card sends overwrites a change unseen. A
  // new note's own id (`fresh`) saves over only a note of the reader's own
  // unchanged since it was made: what an earlier try made (db/entities.ts).
  if (
    type === 'entitySave' &&
    sender !== 'extension' &&
    (payload.output as ValidRequest<'entitySave'>).id !== undefined &&
    (payload.output as ValidRequest<'entitySave'>).baseUpdatedAt === undefined &&
    !(payload.output as ValidRequest<'entitySave'>).fresh
  ) {
    return { ok: false, error: t('errorBaseVersionNeeded', type) };
  }
  try {
    const handler = handlers[type] as (request: unknown, c: MessageContext) => Promise<unknown>;
    return { ok: true, value: await handler(payload.output, context) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message, code: error.code };
    return { ok: false, error: failureText(error) };
  }
}
