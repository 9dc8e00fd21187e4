/**
 * A subscription's error in the reader's words. The error is stored as data
 * (core/subscription.ts) so it reads right in whatever language the browser
 * speaks when the manager shows it; the background words the ones it sends
 * at once (a failed subscribe) with the same function.
 */
import type { SubscriptionError } from '../core/subscription';
import { t } from '../i18n';

export function subscriptionErrorText(error: SubscriptionError): string {
  switch (error.code) {
    case 'status':
      return t('subError_status', String(error.status));
    case 'network':
      return t('subError_network');
    case 'empty':
      return t('subError_empty');
    case 'html':
      return t('subError_html');
    case 'notPack':
      return t('subError_notPack', error.detail);
    case 'tooLarge':
      return t('subError_tooLarge', error.limitMb);
    case 'truncated':
      return t('subError_truncated');
    case 'redirect':
      // Firefox does not say where a refused redirect went (pack-fetch.ts, redirectedAway).
      return error.origin ? t('subError_redirect', error.origin) : t('subError_redirectUnknown');
    case 'permission':
      return t('subError_permission', error.origin);
    case 'noIds':
      return t('subError_noIds', error.count);
    case 'duplicateId':
      return t('subError_duplicateId', error.id);
    case 'sha256':
      return t('subError_sha256');
    case 'older':
      return t('subError_older', error.updated, error.held);
    case 'invalid':
      return t('subError_invalid', error.count, error.first);
    case 'write':
      return t('subError_write', error.detail);
  }
}
