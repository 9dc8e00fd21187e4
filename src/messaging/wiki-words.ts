/**
 * A look-up's outcome in the reader's words (core/wiki-error.ts,
 * background/wiki-client.ts): the error, or why a prefill came without a
 * note. Worded where it is shown, as subscription-words.ts words a
 * subscription's errors, so it reads in the browser's language then; a wait
 * is said as the time left ("in 2 minutes"), counted from `now`.
 */
import type { WikiError, WikiService } from '../core/wiki-error';
import type { WikiNoNote } from '../core/wiki-fill';
import { WIKIPEDIA_LICENSE } from '../core/wikipedia';
import { t } from '../i18n';

const SERVICE_NAMES: Record<WikiService, string> = { wikidata: 'Wikidata', wikipedia: 'Wikipedia' };

export function wikiErrorText(error: WikiError, now = Date.now(), locale?: string): string {
  switch (error.code) {
    case 'permission':
      return t('wikiError_permission');
    case 'offline':
      return t('wikiError_offline');
    case 'wait':
      return t('wikiError_wait', SERVICE_NAMES[error.service], inTime(error.until - now, locale));
    case 'network':
      return t('wikiError_network', SERVICE_NAMES[error.service]);
    case 'timeout':
      return t('wikiError_timeout', SERVICE_NAMES[error.service]);
    case 'notFound':
      return t(
        error.service === 'wikipedia' ? 'wikiError_notFoundArticle' : 'wikiError_notFoundItem',
      );
    case 'status':
      return t('wikiError_status', SERVICE_NAMES[error.service], String(error.status));
    case 'badAnswer':
      return t('wikiError_badAnswer', SERVICE_NAMES[error.service]);
    case 'noName':
      return t('wikiError_noName');
  }
}

/** Why a fill has no note (WikiFill.noNote). */
export function wikiNoNoteText(noNote: WikiNoNote, now = Date.now(), locale?: string): string {
  switch (noNote.reason) {
    case 'noArticle':
      return t('wikiNoNote_noArticle');
    case 'disambiguation':
      return t('wikiNoNote_disambiguation', noNote.title);
    case 'noExtract':
      return t('wikiNoNote_noExtract', noNote.title);
    case 'failed':
      return t('wikiNoNote_failed', wikiErrorText(noNote.error, now, locale));
  }
}

/** "From Wikipedia: NATO (CC BY-SA 4.0)": the credit shown beside text taken from an article. */
export function wikipediaCredit(title: string, license = WIKIPEDIA_LICENSE): string {
  return t('wikiSourceCredit', title, license);
}

/**
 * A wait as the reader says it: "in 40 seconds", "in 2 minutes", "in 3
 * hours", rounded up so the time said is never too early.
 */
export function inTime(ms: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return format.format(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return format.format(minutes, 'minute');
  return format.format(Math.ceil(minutes / 60), 'hour');
}
