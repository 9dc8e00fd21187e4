import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t } from '../i18n';
import type { ExportDown, ExportUp } from '../messaging/export-channel';
import { startExport, type ExportResult } from './export-client';

/** A fake export port: what the manager sent, and a way to answer it. */
function fakePort() {
  const sent: ExportUp[] = [];
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const disconnect = vi.fn();
  const port = {
    postMessage: (m: ExportUp) => sent.push(m),
    disconnect,
    onMessage: { addListener: (f: (m: unknown) => void) => onMessage.push(f) },
    onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
  };
  const connect = vi.fn(() => port);
  fakeBrowser.runtime.connect = connect as unknown as typeof fakeBrowser.runtime.connect;
  return {
    sent,
    disconnect,
    down: (m: ExportDown) => onMessage.forEach((f) => f(m)),
    close: () => onDisconnect.forEach((f) => f()),
    nexts: () => sent.filter((m) => m.kind === 'next').length,
  };
}

const piece = (text: string, done: number, last = false): ExportDown => ({
  kind: 'piece',
  text,
  done,
  total: 3,
  last,
});

async function fileText(result: ExportResult): Promise<string> {
  if (result.kind !== 'file') throw new Error(`no file: ${JSON.stringify(result)}`);
  return new Blob(result.parts).text();
}

afterEach(() => vi.restoreAllMocks());

describe('export channel, manager end', () => {
  it('saves the pieces as one file, in order, with no character cut in two', async () => {
    const port = fakePort();
    const progress: number[] = [];
    // Slices of 3 characters: the first would end between the two halves of "🧭".
    const session = startExport('pack', undefined, (done) => progress.push(done), 3);
    expect(port.sent).toEqual([{ kind: 'start', format: 'pack' }]);
    const pieces = ['{a🧭b', 'Müller, 北京\r\n"', '}\n'];
    port.down(piece(pieces[0]!, 1));
    // The background writes the next piece while this one is encoded.
    expect(port.nexts()).toBe(1);
    await vi.waitFor(() => expect(port.nexts()).toBe(1));
    port.down(piece(pieces[1]!, 2));
    await vi.waitFor(() => expect(port.nexts()).toBe(2));
    port.down(piece(pieces[2]!, 3, true));
    port.down({ kind: 'end', count: 3, chars: pieces.join('').length });
    const result = await session.result;
    expect(result).toMatchObject({ kind: 'file', count: 3 });
    expect(await fileText(result)).toBe(pieces.join(''));
    expect(port.nexts()).toBe(2);
    expect(progress).toEqual([1, 2, 3]);
    expect(port.disconnect).not.toHaveBeenCalled();
    session.saved();
    expect(port.sent.at(-1)).toEqual({ kind: 'saved' });
  });

  it('holds at most two pieces: the next is asked for once the one before is encoded', async () => {
    const port = fakePort();
    const session = startExport('csv', undefined, () => {}, 1);
    const long = 'x'.repeat(200);
    port.down(piece(long, 1));
    expect(port.nexts()).toBe(1);
    // Arrives while the first is still being encoded, a character a task.
    port.down(piece(long, 2));
    expect(port.nexts()).toBe(1);
    await vi.waitFor(() => expect(port.nexts()).toBe(2));
    port.down(piece('end', 3, true));
    port.down({ kind: 'end', count: 3, chars: 2 * long.length + 3 });
    const result = await session.result;
    expect(await fileText(result)).toBe(`${long}${long}end`);
    // 403 slices, and few parts: Blobs of Blobs.
    expect(result.kind === 'file' && result.parts.length).toBeLessThan(20);
    expect(port.nexts()).toBe(2);
  });

  it('fails when a piece went missing, and stops at a cancel while encoding', async () => {
    const lost = fakePort();
    const first = startExport('pack', undefined, () => {});
    lost.down(piece('abc', 1, true));
    lost.down({ kind: 'end', count: 1, chars: 5 });
    expect(await first.result).toEqual({
      kind: 'failed',
      message: t('errorExportPiecesLost', 3, 5),
    });
    expect(lost.disconnect).toHaveBeenCalled();

    const cancelled = fakePort();
    const second = startExport('pack', undefined, () => {}, 1);
    cancelled.down(piece('x'.repeat(1000), 1));
    second.cancel();
    expect(await second.result).toEqual({ kind: 'cancelled' });
    expect(cancelled.sent.at(-1)).toEqual({ kind: 'cancel' });
    const count = cancelled.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cancelled.sent).toHaveLength(count);
  });

  it('keeps a whole file when the port closes after the end, and fails one closed before', async () => {
    const ended = fakePort();
    const first = startExport('pack', undefined, () => {}, 2);
    ended.down(piece('0123456789', 1, true));
    ended.down({ kind: 'end', count: 1, chars: 10 });
    ended.close();
    expect(await fileText(await first.result)).toBe('0123456789');

    const closed = fakePort();
    const second = startExport('pack', undefined, () => {});
    closed.down(piece('01234', 1));
    closed.close();
    expect(await second.result).toEqual({ kind: 'failed', message: t('errorExportClosed') });
  });
});
