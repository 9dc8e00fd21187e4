/**
 * The manager's end of the import channel (see messaging/import-channel.ts):
 * sends a file's text in slices, one at a time, reports progress, hands
 * over the background's preview, and then the reader's accept or cancel.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import {
  IMPORT_PORT,
  IMPORT_SLICE_CHARS,
  type ImportDown,
  type ImportFormat,
  type ImportPhase,
} from '../messaging/import-channel';

export type ImportProgress =
  | { phase: 'sending'; done: number; total: number }
  | { phase: ImportPhase; done: number; total: number };

export type ImportPreview = Extract<ImportDown, { kind: 'preview' }>;
export type ImportVerdict = Extract<
  ImportDown,
  { kind: 'invalid' | 'failed' | 'done' | 'cancelled' }
>;

export interface ImportSession {
  /** The preview, or the verdict when there is nothing to preview (invalid, failed). */
  preview: Promise<ImportPreview | ImportVerdict>;
  /** Writes the valid part; `theirs` are the conflicts to take from the file. */
  accept: (theirs: 'all' | string[]) => Promise<ImportVerdict>;
  cancel: () => void;
}

export function startImport(
  text: string,
  format: ImportFormat,
  name: string,
  onProgress: (progress: ImportProgress) => void,
): ImportSession {
  const port = browser.runtime.connect({ name: IMPORT_PORT });
  let sent = 0;
  let closed = false;
  // The one answer being waited for: the preview first, then the verdict.
  let waiting: ((answer: ImportPreview | ImportVerdict) => void) | null = null;
  const answer = (message: ImportPreview | ImportVerdict) => {
    const resolve = waiting;
    waiting = null;
    if (message.kind !== 'preview') {
      closed = true;
      port.disconnect();
    }
    resolve?.(message);
  };
  const next = () =>
    new Promise<ImportPreview | ImportVerdict>((resolve) => {
      waiting = resolve;
    });

  const sendNext = () => {
    if (sent < text.length) {
      const slice = text.slice(sent, sent + IMPORT_SLICE_CHARS);
      sent += slice.length;
      port.postMessage({ kind: 'slice', text: slice });
    } else {
      port.postMessage({ kind: 'end', chars: text.length, format, name });
    }
  };
  port.onMessage.addListener((raw: unknown) => {
    const message = raw as ImportDown;
    switch (message.kind) {
      case 'received':
        onProgress({ phase: 'sending', done: message.chars, total: text.length });
        sendNext();
        break;
      case 'progress':
        onProgress({ phase: message.phase, done: message.done, total: message.total });
        break;
      default:
        answer(message);
    }
  });
  port.onDisconnect.addListener(() => {
    if (closed) return;
    closed = true;
    waiting?.({ kind: 'failed', message: t('importBackgroundStopped') });
    waiting = null;
  });

  const preview = next();
  sendNext();
  return {
    preview,
    accept: (theirs) => {
      const verdict = next() as Promise<ImportVerdict>;
      port.postMessage({ kind: 'accept', theirs });
      return verdict;
    },
    cancel: () => {
      if (closed) return;
      closed = true;
      port.postMessage({ kind: 'cancel' });
      port.disconnect();
    },
  };
}
