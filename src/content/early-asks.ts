/**
 * The content script's first questions to the background, asked while its
 * bundle is still starting: this module is the entry's first import, so
 * they go out before the other modules' start (the message schemas first),
 * which took 25 to 45 ms of a page's loading (timed on heise and ars-1; 15
 * to 43 since a collator is no longer made at the start; see ARCHITECTURE.md,
 * "Where matching runs"). On a fast page the table's
 * answer decides whether the first frame carries the marks.
 */
import { send } from '../messaging/client';
import type { Reply } from '../messaging/protocol';

/** Asked in the top frame only: another frame asks once it has text (frame-text.ts). */
export interface EarlyAsks {
  info: Promise<Reply<'dictionaryInfo'>> | null;
  settings: Promise<Reply<'settingsGet'>> | null;
  /** The other frames match in the worker; null where it fails. */
  table: Promise<unknown> | null;
  /** When the table was asked for (`performance.now()`), for the bench in test builds. */
  tableAskedAt: number;
}

/** Asks now; a refusal is its reader's to handle, and is not reported unread meanwhile. */
function ask<T>(question: Promise<T>): Promise<T> {
  question.catch(() => undefined);
  return question;
}

function askAll(): EarlyAsks {
  const top = window === window.top;
  const tableAskedAt = __BACKSTORY_E2E__ ? performance.now() : 0;
  if (!top) return { table: null, tableAskedAt, info: null, settings: null };
  return {
    table: send('tabDictionary', {}).catch(() => null),
    tableAskedAt,
    info: ask(send('dictionaryInfo', {})),
    settings: ask(send('settingsGet', {})),
  };
}

export const earlyAsks: EarlyAsks = askAll();
