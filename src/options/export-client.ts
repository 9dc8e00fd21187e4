/**
 * The manager's end of the export channel (see messaging/export-channel.ts):
 * asks the background for the file a piece at a time, reports progress,
 * turns the pieces into Blobs as they arrive (never joined into one string,
 * nor kept as strings), and tells the background once the file was saved.
 *
 * Why Blobs as they arrive: the pieces were once kept as strings and given
 * to one `new Blob(pieces)` at the end. That constructor encodes every string
 * to UTF-8 in the task that calls it: `npm run bench` measured a 1,165 ms
 * task on this page for a backup of 100,011 notes (45 MB). A CPU profile of
 * an export of 100,011 notes (71 MB, Chromium, 2 cores, load average 7)
 * showed that task at 2.4 s, 1.9 s of it in `Blob` and 0.4 s converting its
 * strings; five runs without the profiler, 1.5 to 2.1 s (load average 3 to 6).
 * Each piece is now encoded in slices of ENCODE_SLICE_CHARS, one slice a
 * task, and the file is a Blob of those Blobs (which copies no bytes). Not
 * smaller slices: Chromium registers every Blob with the browser process in a
 * synchronous call. With pieces of 100,000 characters too
 * (messaging/export-channel.ts), the longest task the page reported in the
 * same export was 0 to 134 ms in five runs (load average 3 to 5); in a trace
 * of one run, receiving a piece took at most 27 ms and registering a Blob at
 * most 25 ms.
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

/**
 * Characters made into a Blob in one task. The constructor took 15 to 40 ms
 * a million characters in Chromium on a loaded 2-core machine: a slice is 2
 * to 4 ms.
 */
export const ENCODE_SLICE_CHARS = 100_000;

export type ExportResult =
  | {
      kind: 'file';
      /** The file's text in order, as UTF-8: `new Blob(parts)` is the file. */
      parts: Blob[];
      count: number;
    }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

export interface ExportSession {
  /** The file's parts, or why there is none. */
  result: Promise<ExportResult>;
  /** Tells the background the file was handed to the browser (a backup then counts as one). */
  saved: () => void;
  cancel: () => void;
}

interface SchedulerWithYield {
  yield?: () => Promise<void>;
}

/**
 * Lets the page run between two slices. `scheduler.yield` where the browser
 * has it; else a message to ourselves, which (unlike setTimeout) is neither
 * clamped to 4 ms nor throttled to once a second in a tab in the background.
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Blobs joined into one at a time, so the file's Blob is made of few (one part costs the constructor about 0.1 ms). */
const JOIN_BLOBS = 16;

/**
 * The file's text so far as Blobs, in order, kept few: every JOIN_BLOBS of
 * one level become one Blob of the next (a Blob of Blobs copies no bytes).
 */
class BlobStack {
  /** levels[0] holds the newest slices; a higher level, older and larger Blobs. */
  private levels: Blob[][] = [];

  push(blob: Blob): void {
    for (let level = 0; ; level++) {
      const blobs = (this.levels[level] ??= []);
      blobs.push(blob);
      if (blobs.length < JOIN_BLOBS) return;
      blob = new Blob(blobs);
      this.levels[level] = [];
    }
  }

  /** Every Blob, oldest first. */
  parts(): Blob[] {
    return [...this.levels].reverse().flat();
  }

  clear(): void {
    this.levels = [];
  }
}

/** Where a slice of `text` from `start` may end: never between the two halves of a pair. */
function sliceEnd(text: string, start: number, chars: number): number {
  const end = Math.min(start + chars, text.length);
  const code = text.charCodeAt(end - 1);
  // Either half alone would be written as U+FFFD.
  if (end === text.length || code < 0xd800 || code > 0xdbff) return end;
  return end - start > 1 ? end - 1 : end + 1;
}

export function startExport(
  format: ExportFormat,
  query: SearchQuery | undefined,
  onProgress: (done: number, total: number) => void,
  /** Characters encoded per task (tests write small ones). */
  sliceChars = ENCODE_SLICE_CHARS,
): ExportSession {
  const port = browser.runtime.connect({ name: EXPORT_PORT });
  /** The file so far, encoded; and the pieces received but not encoded yet (the first is being encoded). */
  const encoded = new BlobStack();
  const waiting: string[] = [];
  let chars = 0;
  /** A piece to ask for once the one being encoded is done: at most two are held. */
  let askWhenEncoded = false;
  let encoding = false;
  /** The background sent the end, and the count checked: the file is whole once encoded. */
  let ended: { count: number } | null = null;
  let settled = false;
  let resolve!: (result: ExportResult) => void;
  const result = new Promise<ExportResult>((r) => (resolve = r));
  const send = (message: ExportUp) => port.postMessage(message);
  const settle = (outcome: ExportResult, close: boolean) => {
    if (settled) return;
    settled = true;
    if (outcome.kind !== 'file') encoded.clear();
    waiting.length = 0;
    resolve(outcome);
    if (close) port.disconnect();
  };
  const finishIfWhole = () => {
    // The port stays open for `saved`; the background closes it after that.
    if (ended && !encoding && waiting.length === 0)
      settle({ kind: 'file', parts: encoded.parts(), count: ended.count }, false);
  };

  const encodeWaiting = async () => {
    if (encoding) return;
    encoding = true;
    while (waiting.length > 0 && !settled) {
      const text = waiting[0]!;
      for (let start = 0; start < text.length && !settled;) {
        // Each slice in a task of its own, apart from the one that received the piece.
        await nextTask();
        if (settled) break;
        const end = sliceEnd(text, start, sliceChars);
        encoded.push(new Blob([text.slice(start, end)]));
        start = end;
      }
      waiting.shift();
      if (askWhenEncoded && !settled) {
        askWhenEncoded = false;
        send({ kind: 'next' });
      }
    }
    encoding = false;
    finishIfWhole();
  };

  port.onMessage.addListener((raw: unknown) => {
    const message = raw as ExportDown;
    if (settled) return;
    if (message.kind === 'piece' && typeof message.text === 'string') {
      waiting.push(message.text);
      chars += message.text.length;
      onProgress(message.done, message.total);
      // The background writes the next piece while this one is encoded, unless one already waits.
      if (!message.last) {
        if (waiting.length === 1) send({ kind: 'next' });
        else askWhenEncoded = true;
      }
      void encodeWaiting();
    } else if (message.kind === 'end') {
      if (message.chars !== chars) {
        settle({ kind: 'failed', message: t('errorExportPiecesLost', chars, message.chars) }, true);
      } else {
        ended = { count: message.count };
        finishIfWhole();
      }
    } else if (message.kind === 'failed') {
      settle({ kind: 'failed', message: message.message }, true);
    } else if (message.kind === 'cancelled') {
      settle({ kind: 'cancelled' }, true);
    }
  });
  port.onDisconnect.addListener(() => {
    // Once every piece arrived and was counted, the rest is this page's own work.
    if (ended) return;
    settle({ kind: 'failed', message: t('errorExportClosed') }, false);
  });
  send({ kind: 'start', format, ...(query ? { query } : {}) });

  return {
    result,
    saved: () => send({ kind: 'saved' }),
    cancel: () => {
      if (settled) return;
      send({ kind: 'cancel' });
      settle({ kind: 'cancelled' }, true);
    },
  };
}
