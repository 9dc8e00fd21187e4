/**
 * Receives protocol messages: checks the envelope and the sender, validates
 * the payload with the message's schema, runs the handler, and wraps the
 * outcome as a Result. Nothing unvalidated reaches a handler.
 */
import * as v from 'valibot';
import { t } from '../i18n';
import { failureText } from './failure';
import {
  EnvelopeSchema,
  requests,
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

export type SenderKind = 'extension' | 'page';

export interface SenderInfo {
  id?: string;
  url?: string;
}

/**
 * Extension pages (options, popup, demo) have a URL inside the extension;
 * content scripts report the URL of the page they run in. Messages from
 * another extension are refused outright.
 */
export function classifySender(
  sender: SenderInfo,
  runtimeId: string,
  extensionOrigin: string,
): SenderKind | null {
  if (sender.id !== runtimeId) return null;
  return sender.url?.startsWith(extensionOrigin) ? 'extension' : 'page';
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
  if (spec.from === 'extension' && sender !== 'extension') {
    return { ok: false, error: t('errorExtensionOnly', type) };
  }
  const payload = v.safeParse(spec.schema, envelope.output.payload);
  if (!payload.success) {
    const first = payload.issues[0];
    const path = first ? v.getDotPath(first) : null;
    // The detail is valibot's (English): it names a field only a bug or a hostile page gets wrong.
    const detail = `${path ? `${path}: ` : ''}${first?.message ?? ''}`;
    return { ok: false, error: t('errorInvalidRequest', type, detail) };
  }
  try {
    const handler = handlers[type] as (request: unknown, c: MessageContext) => Promise<unknown>;
    return { ok: true, value: await handler(payload.output, context) };
  } catch (error) {
    return { ok: false, error: failureText(error) };
  }
}
