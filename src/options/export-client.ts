/**
 * The manager's end of the export channel (see messaging/export-channel.ts):
 * asks the background for the file a piece at a time, reports progress,
 * keeps the pieces (never joined into one string: a Blob takes them as
 * they are), and tells the background once the file was saved.
 */
import { browser } from 'wxt/browser';
import type { SearchQuery } from '../core/search';
import { t } from '../i18n';
import {
  EXPORT_PORT,
  type ExportDown,
  type ExportFormat,
  type ExportUp,
} from '../messaging/export-channel';

export type ExportResult =
  | { kind: 'file'; pieces: string[]; count: number }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

export interface ExportSession {
  /** The file's pieces, or why there is none. */
  result: Promise<ExportResult>;
  /** Tells the background the file was handed to the browser (a backup then counts as one). */
  saved: () => void;
  cancel: () => void;
}

export function startExport(
  format: ExportFormat,
  query: SearchQuery | undefined,
  onProgress: (done: number, total: number) => void,
): ExportSession {
  const port = browser.runtime.connect({ name: EXPORT_PORT });
  const pieces: string[] = [];
  let chars = 0;
  let settled = false;
  let resolve!: (result: ExportResult) => void;
  const result = new Promise<ExportResult>((r) => (resolve = r));
  const send = (message: ExportUp) => port.postMessage(message);
  const settle = (outcome: ExportResult, close: boolean) => {
    if (settled) return;
    settled = true;
    resolve(outcome);
    if (close) port.disconnect();
  };

  port.onMessage.addListener((raw: unknown) => {
    const message = raw as ExportDown;
    if (settled) return;
    if (message.kind === 'piece' && typeof message.text === 'string') {
      pieces.push(message.text);
      chars += message.text.length;
      onProgress(message.done, message.total);
      if (!message.last) send({ kind: 'next' });
    } else if (message.kind === 'end') {
      if (message.chars !== chars) {
        pieces.length = 0;
        settle({ kind: 'failed', message: t('errorExportPiecesLost', chars, message.chars) }, true);
      } else {
        // The port stays open for `saved`; the background closes it after that.
        settle({ kind: 'file', pieces, count: message.count }, false);
      }
    } else if (message.kind === 'failed') {
      settle({ kind: 'failed', message: message.message }, true);
    } else if (message.kind === 'cancelled') {
      settle({ kind: 'cancelled' }, true);
    }
  });
  port.onDisconnect.addListener(() => {
    pieces.length = 0;
    settle({ kind: 'failed', message: t('errorExportClosed') }, false);
  });
  send({ kind: 'start', format, ...(query ? { query } : {}) });

  return {
    result,
    saved: () => send({ kind: 'saved' }),
    cancel: () => {
      if (settled) return;
      send({ kind: 'cancel' });
      pieces.length = 0;
      settle({ kind: 'cancelled' }, true);
    },
  };
}
