/**
 * The manager's end of the import channel (see messaging/import-channel.ts):
 * hands the file to the background, which reads it (or, where a File cannot
 * travel, reads it as a stream and sends its text in slices, a few at a
 * time), reports progress, hands over the background's preview, and then
 * the reader's accept or cancel. The file is never one string on this
 * page: decoding 40 MB at once took a 100 ms task.
 */
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { decodedPieces, encodingName, NotTextError, type FileEncoding } from '../core/encoding';
import { t } from '../i18n';
import {
  IMPORT_PORT,
  IMPORT_SLICE_CHARS,
  IMPORT_SLICES_IN_FLIGHT,
  type ImportDown,
  type ImportFormat,
  type ImportPhase,
} from '../messaging/import-channel';
import { errorText } from '../ui/error-text';

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
  /** Writes the valid part: conflicts go `all` ways, but those in `except` the other way. */
  accept: (all: 'mine' | 'theirs', except: string[]) => Promise<ImportVerdict>;
  cancel: () => void;
}

export function startImport(
  file: Blob,
  format: ImportFormat,
  name: string,
  onProgress: (progress: ImportProgress) => void,
  /** How the file's bytes are read as text (src/core/encoding.ts). */
  encoding: FileEncoding = 'auto',
): ImportSession {
  const port = browser.runtime.connect({ name: IMPORT_PORT });
  // Only where the File cannot travel (sendText below) does this page read it.
  let pieces: ReturnType<typeof decodedPieces> | null = null;
  /** Bytes read and characters sent so far. */
  let bytes = 0;
  let chars = 0;
  /** The end was posted: every slice is on its way. */
  let sentEnd = false;

  const sendNext = async () => {
    // A failed or cancelled import reads no further.
    if (sentEnd || session.closed()) return;
    const next = await (pieces ??= decodedPieces(file, encoding, IMPORT_SLICE_CHARS)).next();
    if (session.closed()) return;
    if (!next.done) {
      bytes = next.value.bytes;
      chars += next.value.text.length;
      port.postMessage({ kind: 'slice', text: next.value.text, format });
    } else {
      sentEnd = true;
      port.postMessage({ kind: 'end', chars, format, name });
    }
  };
  // One send at a time, in order: each reads the file from where the last stopped.
  let sending = Promise.resolve();
  const sendOne = () => {
    sending = sending.then(sendOrFail);
  };
  const sendOrFail = () =>
    sendNext().catch((e: unknown) =>
      session.answer({
        kind: 'failed',
        message:
          e instanceof NotTextError
            ? t('importNotText', name, encodingName(e.encoding))
            : errorText(e),
      }),
    );
  const session = openSession(port, onProgress, {
    onReceived: () => {
      onProgress({ phase: 'sending', done: bytes, total: file.size });
      sendOne();
    },
    onSendText: () => {
      for (let i = 0; i < IMPORT_SLICES_IN_FLIGHT; i++) sendOne();
    },
    // Queued behind a read under way, then lets the file go.
    onCancel: () => void pieces?.return().catch(() => undefined),
  });
  try {
    port.postMessage({ kind: 'file', file, format, name, encoding });
  } catch (error) {
    // The background went away as the import began.
    session.answer({ kind: 'failed', message: errorText(error) });
  }
  return session.api;
}

/**
 * Subscribing to the pack at `url`: the background fetches it and answers
 * with the same preview as a file's, then subscribes at the reader's accept.
 * The reader's permission for the origin is asked before (Subscriptions.tsx).
 */
export function startSubscribe(
  url: string,
  onProgress: (progress: ImportProgress) => void,
): ImportSession {
  const port = browser.runtime.connect({ name: IMPORT_PORT });
  const session = openSession(port, onProgress, {});
  port.postMessage({ kind: 'subscribe', url });
  return session.api;
}

/** The channel's conversation after the file (or URL) is on its way: preview, accept, verdict. */
function openSession(
  port: Runtime.Port,
  onProgress: (progress: ImportProgress) => void,
  hooks: { onReceived?: () => void; onSendText?: () => void; onCancel?: () => void },
) {
  let closed = false;
  // The one answer being waited for: the preview first, then the verdict.
  let waiting: ((answer: ImportPreview | ImportVerdict) => void) | null = null;
  const answer = (message: ImportPreview | ImportVerdict) => {
    const resolve = waiting;
    waiting = null;
    if (message.kind !== 'preview') {
      closed = true;
      clearInterval(keepAlive);
      port.disconnect();
    }
    resolve?.(message);
  };
  const next = () =>
    new Promise<ImportPreview | ImportVerdict>((resolve) => {
      waiting = resolve;
    });
  port.onMessage.addListener((raw: unknown) => {
    const message = raw as ImportDown;
    switch (message.kind) {
      case 'received':
        hooks.onReceived?.();
        break;
      case 'sendText':
        hooks.onSendText?.();
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
  // While the reader studies the preview, a message every 20 s keeps Chrome's
  // worker (stopped after 30 idle seconds) and the file's contents alive.
  const keepAlive = setInterval(() => {
    if (closed) clearInterval(keepAlive);
    else port.postMessage({ kind: 'ping' });
  }, 20_000);
  const stopped = (): ImportVerdict => ({ kind: 'failed', message: t('importBackgroundStopped') });
  const api: ImportSession = {
    preview,
    accept: (all, except) => {
      if (closed) return Promise.resolve(stopped());
      const verdict = next() as Promise<ImportVerdict>;
      try {
        port.postMessage({ kind: 'accept', all, except });
      } catch {
        closed = true;
        return Promise.resolve(stopped());
      }
      return verdict;
    },
    cancel: () => {
      clearInterval(keepAlive);
      if (closed) return;
      closed = true;
      hooks.onCancel?.();
      port.postMessage({ kind: 'cancel' });
      port.disconnect();
    },
  };
  return { api, answer, closed: () => closed };
}
