/**
 * The manager's end of the import channel against the background's real
 * end, through a pair of fake ports that serialize every message as the
 * browser would: by structured clone (Firefox; Chrome 148 and later, with
 * the manifest's `message_serialization`) or as JSON (an older Chrome, where
 * a File arrives as `{}` and its text must follow in slices).
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Runtime } from 'webextension-polyfill';
import { serveImport } from '../background/import-port';
import { writeVersioned } from '../db/state';
import { useFreshDb } from '../test-setup/fixtures';
import { IMPORT_SLICES_IN_FLIGHT, type ImportUp } from '../messaging/import-channel';
import { startImport } from './import-client';

const fresh = useFreshDb();

type Serialize = (message: unknown) => unknown;
const asJson: Serialize = (m) => JSON.parse(JSON.stringify(m)) as unknown;
const cloned: Serialize = (m) => structuredClone(m);

/** The manager's port and the background's, joined; each message delivered in a later task. */
function portPair(serialize: Serialize) {
  type Listener = (m: unknown) => void;
  const listeners: Record<'page' | 'background', Listener[]> = { page: [], background: [] };
  const up: ImportUp[] = [];
  /** Slices the background has not yet acknowledged, at most, at any time. */
  let unacknowledged = 0;
  let mostUnacknowledged = 0;
  const end = (to: 'page' | 'background') =>
    ({
      name: 'backstory-import',
      postMessage: (m: unknown) => {
        const copy = serialize(m);
        if (to === 'background') {
          up.push(copy as ImportUp);
          if ((copy as ImportUp).kind === 'slice')
            mostUnacknowledged = Math.max(mostUnacknowledged, ++unacknowledged);
        } else if ((copy as { kind: string }).kind === 'received') unacknowledged--;
        setTimeout(() => listeners[to].forEach((f) => f(copy)));
      },
      disconnect: () => undefined,
      onMessage: {
        addListener: (f: Listener) => listeners[to === 'page' ? 'background' : 'page'].push(f),
      },
      onDisconnect: { addListener: () => undefined },
    }) as unknown as Runtime.Port;
  return {
    page: end('background'),
    background: end('page'),
    up,
    mostUnacknowledged: () => mostUnacknowledged,
  };
}

const packText = (count: number) =>
  JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    title: 'T',
    entities: Array.from({ length: count }, (_, i) => ({
      name: `Name ${i}`,
      note: 'n'.repeat(300),
    })),
  });

async function importThrough(serialize: Serialize, text: string) {
  const db = fresh();
  const ports = portPair(serialize);
  serveImport(ports.background, { db, write: (run, changed) => writeVersioned(db, run, changed) });
  fakeBrowser.runtime.connect = (() => ports.page) as unknown as typeof fakeBrowser.runtime.connect;
  const session = startImport(new Blob([text]), 'pack', 'file.json', () => undefined);
  const preview = await session.preview;
  const verdict = preview.kind === 'preview' ? await session.accept('mine', []) : preview;
  return { preview, verdict, ports, count: await db.entities.count() };
}

describe('import channel, manager end', () => {
  it('hands the File over where messages are cloned, and sends no text', async () => {
    const { preview, verdict, ports, count } = await importThrough(cloned, packText(5_000));
    expect(preview).toMatchObject({ kind: 'preview', counts: { new: 5_000 } });
    expect(verdict).toMatchObject({ kind: 'done', added: 5_000 });
    expect(count).toBe(5_000);
    expect(ports.up.map((m) => m.kind)).toEqual(['file', 'accept']);
  });

  it('sends the text in slices, a few ahead, where the File arrives as JSON', async () => {
    // 1.7 MB: two slices of a million characters.
    const text = packText(5_000);
    const { preview, verdict, ports, count } = await importThrough(asJson, text);
    expect(preview).toMatchObject({ kind: 'preview', counts: { new: 5_000 } });
    expect(verdict).toMatchObject({ kind: 'done', added: 5_000 });
    expect(count).toBe(5_000);
    const kinds = ports.up.map((m) => m.kind);
    expect(kinds).toEqual(['file', 'slice', 'slice', 'end', 'accept']);
    expect(ports.up.find((m) => m.kind === 'end')).toMatchObject({ chars: text.length });
    expect(ports.mostUnacknowledged()).toBeLessThanOrEqual(IMPORT_SLICES_IN_FLIGHT);
  });

  it('answers failed, rather than throwing, when the background is gone as the import begins', async () => {
    const gone = {
      postMessage: () => {
        throw new Error('Attempting to use a disconnected port object');
      },
      disconnect: () => undefined,
      onMessage: { addListener: () => undefined },
      onDisconnect: { addListener: () => undefined },
    };
    fakeBrowser.runtime.connect = (() => gone) as unknown as typeof fakeBrowser.runtime.connect;
    const session = startImport(new Blob([packText(1)]), 'pack', 'file.json', () => undefined);
    expect(await session.preview).toMatchObject({ kind: 'failed' });
  });

  it('keeps no more than its slices in flight on a long file', async () => {
    const { verdict, ports } = await importThrough(asJson, packText(20_000));
    expect(verdict).toMatchObject({ kind: 'done', added: 20_000 });
    expect(ports.up.filter((m) => m.kind === 'slice').length).toBeGreaterThan(
      IMPORT_SLICES_IN_FLIGHT,
    );
    expect(ports.mostUnacknowledged()).toBeLessThanOrEqual(IMPORT_SLICES_IN_FLIGHT);
    // More than one went ahead of the acknowledgements: reading and parsing overlapped.
    expect(ports.mostUnacknowledged()).toBeGreaterThan(1);
  });
});
