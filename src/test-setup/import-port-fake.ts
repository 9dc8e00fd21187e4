/**
 * The background end of the import channel behind a fake port: what the
 * manager would post goes in, what the background posts back is recorded.
 */
import { vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { serveImport, type ImportPortDeps } from '../background/import-port';
import type { BackstoryDb } from '../db/schema';
import { writeVersioned } from '../db/state';
import type { ImportDown, ImportFormat, ImportUp } from '../messaging/import-channel';

type Preview = Extract<ImportDown, { kind: 'preview' }>;

export function openImport(
  db: BackstoryDb,
  changed: () => Promise<number> = () => Promise.resolve(1),
  /** More of the background's end: a subscription's fetcher, a clock. */
  extra: Partial<ImportPortDeps> = {},
) {
  const received: ImportDown[] = [];
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port = {
    name: 'backstory-import',
    postMessage: (m: ImportDown) => received.push(m),
    onMessage: { addListener: (f: (m: unknown) => void) => onMessage.push(f) },
    onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
  } as unknown as Runtime.Port;
  serveImport(port, {
    db,
    write: async (run, changedAny) => {
      const written = await writeVersioned(db, run, changedAny);
      if (written.after !== written.before) await changed();
      return written;
    },
    ...extra,
  });
  const send = (m: ImportUp | Record<string, unknown>) => onMessage.forEach((f) => f(m));
  const first = <T extends ImportDown>(kinds: string[]) =>
    // A ceiling for work the bench measures (checking, writing thousands of entities): minutes
    // leave room for a slow, loaded machine; a passing test never waits it out.
    vi.waitUntil(() => received.find((m): m is T => kinds.includes(m.kind)), {
      timeout: 120_000,
    });
  return {
    received,
    send,
    disconnect: () => onDisconnect.forEach((f) => f()),
    /** Sends a whole file in slices of `size` characters, then its end. */
    sendFile: (text: string, size = 1_000_000, format: ImportFormat = 'pack') => {
      for (let i = 0; i < text.length; i += size)
        send({ kind: 'slice', text: text.slice(i, i + size), format });
      const name = `file.${format === 'csv' ? 'csv' : 'json'}`;
      send({ kind: 'end', chars: text.length, format, name });
    },
    verdict: () => first(['done', 'invalid', 'failed', 'cancelled']),
    preview: () => first<Preview>(['preview']),
    /** The first answer to a whole file: its preview, or why there is none. */
    answer: () =>
      first<Extract<ImportDown, { kind: 'preview' | 'invalid' | 'failed' }>>([
        'preview',
        'invalid',
        'failed',
      ]),
  };
}
