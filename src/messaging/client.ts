/**
 * Sends a protocol message to the background and unwraps its reply.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { MessageType, Reply, Request, RefusalCode, Result } from './protocol';

export class BackgroundError extends Error {
  override name = 'BackgroundError';

  constructor(
    message: string,
    /** Set when the background refused for a reason the sender acts on. */
    readonly code?: RefusalCode,
  ) {
    super(message);
  }
}

export async function send<K extends MessageType>(type: K, payload: Request<K>): Promise<Reply<K>> {
  const result = await browser.runtime.sendMessage<unknown, Result<Reply<K>> | undefined>({
    type,
    payload,
  });
  if (!result) throw new BackgroundError(t('errorNoReply'));
  if (!result.ok) throw new BackgroundError(result.error, result.code);
  return result.value;
}
