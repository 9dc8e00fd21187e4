/**
 * The manager's end of the import channel (see messaging/import-channel.ts):
 * sends a file's text in slices, one at a time, and reports progress until
 * the background's verdict arrives.
 */
import { browser } from 'wxt/browser';
import {
  IMPORT_PORT,
  IMPORT_SLICE_CHARS,
  type ImportDown,
  type ImportPhase,
} from '../messaging/import-channel';
import { t } from '../i18n';

export type ImportProgress =
  | { phase: 'sending'; done: number; total: number }
  | { phase: ImportPhase; done: number; total: number };

export type ImportVerdict = Extract<ImportDown, { kind: 'invalid' | 'failed' | 'done' }>;

export function importPackText(
  text: string,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportVerdict> {
  return new Promise((resolve) => {
    const port = browser.runtime.connect({ name: IMPORT_PORT });
    let sent = 0;
    let settled = false;
    const settle = (verdict: ImportVerdict) => {
      if (settled) return;
      settled = true;
      port.disconnect();
      resolve(verdict);
    };
    const sendNext = () => {
      if (sent < text.length) {
        const slice = text.slice(sent, sent + IMPORT_SLICE_CHARS);
        sent += slice.length;
        port.postMessage({ kind: 'slice', text: slice });
      } else {
        port.postMessage({ kind: 'end', chars: text.length });
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
          settle(message);
      }
    });
    port.onDisconnect.addListener(() =>
      settle({
        kind: 'failed',
        message: t('importBackgroundStopped'),
      }),
    );
    sendNext();
  });
}
