/**
 * Sends a protocol message to the background and unwraps its reply.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { MessageType, Reply, Request, Result } from './protocol';

export class BackgroundError extends Error {
  override name = 'BackgroundError';
}

export async function send<K extends MessageType>(type: K, payload: Request<K>): Promise<Reply<K>> {
  const result = await browser.runtime.sendMessage<unknown, Result<Reply<K>> | undefined>({
    type,
    payload,
  });
  if (!result) throw new BackgroundError(t('errorNoReply'));
  if (!result.ok) throw new BackgroundError(result.error);
  return result.value;
}
