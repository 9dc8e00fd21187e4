/**
 * What a reader sees when something fails in the background: our own
 * failures carry words from `_locales` already; the database's are named
 * (a full disk gets its own advice); anything else is a bug, shown as is
 * rather than hidden. It knows Dexie's errors, so it sits in the background,
 * the one context that holds the database; only the text crosses to pages.
 */
import Dexie from 'dexie';
import { ReaderError } from '../core/reader-error';
import { t } from '../i18n';
import type { RefusalCode } from '../messaging/protocol';

/** A refusal in the reader's words, with the code its sender acts on (protocol.ts). */
export class Refusal extends ReaderError {
  override name = 'Refusal';

  constructor(
    message: string,
    readonly code: RefusalCode,
  ) {
    super(message);
  }
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'QuotaExceededError') return true;
  // Dexie wraps the browser's error as `inner`, sometimes twice.
  return isQuotaError((error as { inner?: unknown }).inner);
}

export function failureText(error: unknown): string {
  if (error instanceof ReaderError) return error.message;
  if (isQuotaError(error)) return t('errorStorageFull');
  if (error instanceof Dexie.DexieError) return t('errorStorage', error.message);
  return error instanceof Error ? error.message : String(error);
}
