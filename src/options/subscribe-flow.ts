/**
 * The first step of subscribing, apart from the page so it can be tested:
 * a web address, then the reader's permission for its origin. The request
 * must be the click's first asynchronous call (browsers grant optional
 * permissions only while handling the reader's gesture:
 * https://developer.chrome.com/docs/extensions/reference/api/permissions#method-request),
 * so nothing is awaited before it.
 */
import { isWebUrl } from '../core/entity';
import { LIMITS } from '../core/limits';
import { t } from '../i18n';

/** Resolves to null when the pack may be fetched, else to why not, in the reader's words. */
export function permitSubscribe(
  address: string,
  ask: (url: string) => Promise<boolean>,
): Promise<string | null> {
  if (address.length > LIMITS.url || !isWebUrl(address))
    return Promise.resolve(t('subscribeBadUrl'));
  const origin = new URL(address).origin;
  return ask(address).then((granted) => (granted ? null : t('subscribePermissionDenied', origin)));
}
