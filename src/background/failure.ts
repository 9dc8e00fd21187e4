/**
 * What a reader sees when something fails in the background: our own
 * failures carry words from `_locales` already; the database's are named
 * (a full disk gets its own advice); anything else is a bug, shown as is
 * rather than hidden.
 */
import Dexie from 'dexie';
import { t } from '../i18n';

/** A failure whose message is already in the reader's language. */
export class ReaderError extends Error {
  override name = 'ReaderError';
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
