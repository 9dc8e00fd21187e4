/**
 * What fetchPack makes of a 200's body, served by a real HTTP server on
 * 127.0.0.1 (test-setup/pack-server.ts) and read by Node's own fetch: a
 * pack, or the reason it is none.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as packHash from '../core/pack-hash';
import { entitiesSha256 } from '../core/pack-hash';
import { checkUpdate } from '../core/subscription-check';
import { startPackServer, type PackServer } from '../test-setup/pack-server';
import {
  fetchPack,
  MAX_SUBSCRIPTION_BYTES,
  type FetchOptions,
  type FetchOutcome,
} from './pack-fetch';

// The entities' hash, watched: it is computed only for a pack that states one.
vi.mock('../core/pack-hash', async (importOriginal) => {
  const actual = await importOriginal<typeof packHash>();
  return { ...actual, entitiesSha256: vi.fn(actual.entitiesSha256) };
});

let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(() => server.close());

const allowAll: FetchOptions = { allowed: () => Promise.resolve(true) };
const MB = 2 ** 20;
const pack = (entities: unknown[], extra: object = {}) => ({
  format: 'backstory-pack',
  version: 1,
  title: 'T',
  ...extra,
  entities,
});
/** Serves `body` under a name of its own and fetches it. */
let served = 0;
async function fetchBody(body: string | Uint8Array | object, options: Partial<FetchOptions> = {}) {
  const name = `body-${++served}`;
  server.setPack(name, body);
  return fetchPack(server.url(name), { ...allowAll, ...options });
}
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
function fetched(outcome: FetchOutcome) {
  if (outcome.kind !== 'fetched') throw new Error(`fetched expected: ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('a pack', () => {
  it('is given back parsed, with the hashes of its body and its entities, its size and validators', async () => {
    const entities = [{ id: 'a', name: 'Ada', note: 'Zürich ✓' }, { name: 'Bo' }];
    const stated = sha256(JSON.stringify(entities));
    const text = `{\n  "format": "backstory-pack", "version": 1, "sha256": "${stated}",\n  "entities": ${JSON.stringify(entities, null, 4)}\n}`;
    server.setPack('whole', text);
    const outcome = await fetchPack(server.url('whole'), allowAll);
    if (outcome.kind !== 'fetched') throw new Error(`fetched expected: ${JSON.stringify(outcome)}`);
    const head = await fetch(server.url('whole'), { method: 'HEAD' });
    expect(outcome).toEqual({
      kind: 'fetched',
      parsed: {
        ok: true,
        pack: {
          title: '',
          description: '',
          sha256: stated,
          entities: [
            expect.objectContaining({ id: 'a', name: 'Ada', note: 'Zürich ✓' }),
            expect.objectContaining({ name: 'Bo' }),
          ],
        },
      },
      // Checked against another implementation: Node's own crypto.
      bodySha256: sha256(Buffer.from(text)),
      entitiesSha256: sha256(JSON.stringify(entities)),
      bytes: Buffer.byteLength(text),
      validators: {
        etag: head.headers.get('ETag'),
        lastModified: head.headers.get('Last-Modified'),
      },
      url: server.url('whole'),
    });
    expect(outcome.bytes).toBeGreaterThan(text.length);
  });

  it("gives a pack whose entries have problems as it is parsed: they are the caller's to weigh", async () => {
    const some = await fetchBody(pack([{ name: 'Ada' }, { name: '' }]));
    expect(some).toMatchObject({
      kind: 'fetched',
      parsed: { ok: false, valid: [{ name: 'Ada' }] },
    });
    const none = await fetchBody(pack([{ name: '' }, { name: 'B', kind: 'planet' }]));
    expect(none).toMatchObject({
      kind: 'fetched',
      parsed: { ok: false, valid: [], issues: [{ entry: 1 }, { entry: 2 }] },
    });
  });

  it('decodes characters split between chunks, and drops a byte order mark', async () => {
    // 2 MB of two- and four-byte characters arrives in many chunks, some cut inside a character.
    const note = 'é😀'.repeat(16_000);
    const entities = Array.from({ length: 20 }, (_, i) => ({ id: `e${i}`, name: `N${i}`, note }));
    const stated = { sha256: sha256(JSON.stringify(entities)) };
    const outcome = await fetchBody(`\uFEFF${JSON.stringify(pack(entities, stated))}`);
    expect(outcome.kind === 'fetched' && outcome.parsed).toMatchObject({ ok: true });
    if (outcome.kind !== 'fetched' || !outcome.parsed.ok) return;
    expect(outcome.parsed.pack.entities.map((e) => e.note)).toEqual(entities.map(() => note));
    expect(outcome.entitiesSha256).toBe(sha256(JSON.stringify(entities)));
  });

  it('takes a gzip-compressed pack, even one that compression made longer', async () => {
    const tiny = JSON.stringify(pack([]));
    server.setPack('gz', tiny);
    server.setMode('gz', { kind: 'gzip' });
    const outcome = await fetchPack(server.url('gz'), allowAll);
    // The compressed body, its Content-Length, is longer than the pack: not a cut body.
    expect(server.counts('gz').sent).toBeGreaterThan(tiny.length);
    expect(outcome).toMatchObject({ kind: 'fetched', bytes: tiny.length, parsed: { ok: true } });
  });
});

describe("the entities' SHA-256", () => {
  const entities = [
    { id: 'a', name: 'Ada', note: 'Zürich ✓' },
    { id: 'b', name: 'Bo' },
  ];
  const hashed = vi.mocked(entitiesSha256);

  it('is not computed for a pack that states none, which checkUpdate takes', async () => {
    hashed.mockClear();
    const outcome = fetched(await fetchBody(pack(entities)));
    expect(outcome).toMatchObject({ parsed: { ok: true }, entitiesSha256: null });
    expect(hashed).not.toHaveBeenCalled();
    expect(checkUpdate(outcome.parsed, outcome.entitiesSha256)).toMatchObject({ ok: true });
  });

  it('is computed for a pack that states it, and checked: the right one passes, a wrong one not', async () => {
    hashed.mockClear();
    const right = fetched(
      await fetchBody(pack(entities, { sha256: sha256(JSON.stringify(entities)) })),
    );
    expect(hashed).toHaveBeenCalledTimes(1);
    expect(right.entitiesSha256).toBe(sha256(JSON.stringify(entities)));
    expect(checkUpdate(right.parsed, right.entitiesSha256)).toMatchObject({ ok: true });
    const wrong = fetched(await fetchBody(pack(entities, { sha256: 'f'.repeat(64) })));
    expect(checkUpdate(wrong.parsed, wrong.entitiesSha256)).toEqual({
      ok: false,
      error: { code: 'sha256' },
    });
  });

  it('is computed for a partly invalid pack that states it: of every entry, the refused ones too', async () => {
    const some = [...entities, { id: 'c', name: '' }];
    const outcome = fetched(await fetchBody(pack(some, { sha256: sha256(JSON.stringify(some)) })));
    expect(outcome).toMatchObject({ parsed: { ok: false, valid: [{ id: 'a' }, { id: 'b' }] } });
    expect(outcome.entitiesSha256).toBe(sha256(JSON.stringify(some)));
    expect(checkUpdate(outcome.parsed, outcome.entitiesSha256)).toMatchObject({
      ok: true,
      leftOut: { count: 1, ids: ['c'] },
    });
  });
});

describe('a body that is no pack', () => {
  it.each([
    ['an empty body', { kind: 'empty' as const }, { code: 'empty' }],
    ['an HTML page sent with 200', { kind: 'html200' as const }, { code: 'html' }],
    [
      'a body cut short of its Content-Length',
      { kind: 'truncated' as const },
      { code: 'truncated' },
    ],
  ])('refuses %s', async (name, mode, error) => {
    server.setPack(name, pack([{ name: 'Ada', note: 'x'.repeat(5_000) }]));
    server.setMode(name, mode);
    expect(await fetchPack(server.url(name), allowAll)).toEqual({ kind: 'failed', error });
    // The control: the same pack served normally.
    server.setMode(name, { kind: 'normal' });
    expect(await fetchPack(server.url(name), allowAll)).toMatchObject({ kind: 'fetched' });
  });

  it('takes anything sent as text/html for a web page, a pack included', async () => {
    server.setMode('typed', { kind: 'html200', body: JSON.stringify(pack([])) });
    expect(await fetchPack(server.url('typed'), allowAll)).toEqual({
      kind: 'failed',
      error: { code: 'html' },
    });
  });

  it('takes a body that starts with "<" for a web page, whatever its type says', async () => {
    expect(await fetchBody('  \n<!doctype html><p>Sign in</p>')).toEqual({
      kind: 'failed',
      error: { code: 'html' },
    });
    // The control: markup inside a pack is a note's text.
    expect(await fetchBody(pack([{ name: 'A', note: '<b>bold</b>' }]))).toMatchObject({
      kind: 'fetched',
      parsed: { ok: true },
    });
  });

  it.each([
    ['not JSON', '{"format": "backstory-pack", "version": 1, "entities": [', /not valid JSON/],
    ['cut JSON', '{"format": "backstory-pack"', /not valid JSON/],
    ['a list', '[{"name": "Ada"}]', /JSON object/],
    ['another format', JSON.stringify({ ...pack([]), format: 'other' }), /^Field format: /],
    ['a later version', JSON.stringify({ ...pack([]), version: 2 }), /^Field version: /],
    ['no entities', '{"format": "backstory-pack", "version": 1}', /^Field entities: /],
    ['white space only', ' \n ', /not valid JSON \(the file is empty\)/],
  ])('refuses %s as not a pack, saying why', async (_, text, detail) => {
    const outcome = await fetchBody(text);
    expect(outcome).toEqual({
      kind: 'failed',
      error: { code: 'notPack', detail: expect.stringMatching(detail) as string },
    });
  });

  it('refuses bytes that are not UTF-8, inside the body or cut at its end', async () => {
    const bytes = (text: string, tail: number[]) => new Uint8Array([...Buffer.from(text), ...tail]);
    const notUtf8 = {
      kind: 'failed',
      error: { code: 'notPack', detail: expect.stringMatching(/UTF-8/) as string },
    };
    const start = '{"format":"backstory-pack","version":1,"entities":[{"name":"A';
    expect(await fetchBody(bytes(start, [0xff, ...Buffer.from('"}]}')]))).toEqual(notUtf8);
    expect(await fetchBody(bytes(`${JSON.stringify(pack([]))} `, [0xe2, 0x82]))).toEqual(notUtf8);
    // The control: the whole character.
    expect(await fetchBody(bytes(start, [0xe2, 0x82, 0xac, ...Buffer.from('"}]}')]))).toMatchObject(
      {
        kind: 'fetched',
        parsed: { ok: true, pack: { entities: [{ name: 'A€' }] } },
      },
    );
  });
});

/**
 * The bytes the server wrote for `name` once its response ended. A client
 * that stops reading but holds the connection would leave it open: after a
 * ceiling far above the time it takes, that fails the test.
 */
async function sentOnceClosed(name: string, ceilingMs = 30_000): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ceiling = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The response for ${name} was still open after ${ceilingMs} ms.`)),
      ceilingMs,
    );
  });
  try {
    await Promise.race([server.closed(name), ceiling]);
  } finally {
    clearTimeout(timer);
  }
  return server.counts(name).sent;
}

describe('the size cap', () => {
  it(`refuses a pack that grows past ${MAX_SUBSCRIPTION_BYTES / MB} MB while it arrives`, async () => {
    server.setMode('huge', { kind: 'huge', bytes: 52 * MB });
    expect(await fetchPack(server.url('huge'), allowAll)).toEqual({
      kind: 'failed',
      error: { code: 'tooLarge', limitMb: 50 },
    });
  });

  it('stops reading at the cap: the server is not read to the end', async () => {
    const bytes = 52 * MB;
    server.setMode('stops', { kind: 'huge', bytes });
    expect(await fetchPack(server.url('stops'), { ...allowAll, maxBytes: 64 * 1024 })).toEqual({
      kind: 'failed',
      error: { code: 'tooLarge', limitMb: 1 / 16 },
    });
    // What the server wrote before the connection closed: the cap and what the sockets buffer.
    expect(await sentOnceClosed('stops')).toBeLessThan(bytes / 2);
  });

  it('refuses a Content-Length over the cap before reading', async () => {
    const bytes = 52 * MB;
    server.setMode('declared', { kind: 'huge', bytes, contentLength: true });
    expect(await fetchPack(server.url('declared'), allowAll)).toEqual({
      kind: 'failed',
      error: { code: 'tooLarge', limitMb: 50 },
    });
    expect(await sentOnceClosed('declared')).toBeLessThan(bytes / 2);
  });

  it('refuses by its Content-Length alone, before reading what came of it', async () => {
    // Half of it comes, under the cap: read, it would be a cut body, not one too large.
    const text = JSON.stringify(pack([{ name: 'A', note: 'x'.repeat(10_000) }]));
    server.setPack('cut', text);
    server.setMode('cut', { kind: 'truncated' });
    const maxBytes = Math.floor(text.length * 0.75);
    expect(await fetchPack(server.url('cut'), { ...allowAll, maxBytes })).toEqual({
      kind: 'failed',
      error: { code: 'tooLarge', limitMb: maxBytes / MB },
    });
    expect(await fetchPack(server.url('cut'), allowAll)).toEqual({
      kind: 'failed',
      error: { code: 'truncated' },
    });
  });

  it('takes a pack of exactly the cap, sent with or without its length; one byte more is refused', async () => {
    const maxBytes = 200_000;
    for (const contentLength of [false, true]) {
      const name = `cap-${contentLength}`;
      server.setMode(name, { kind: 'huge', bytes: maxBytes, contentLength });
      expect(await fetchPack(server.url(name), { ...allowAll, maxBytes })).toMatchObject({
        kind: 'fetched',
        bytes: maxBytes,
        parsed: { ok: true },
      });
      server.setMode(name, { kind: 'huge', bytes: maxBytes + 1, contentLength });
      expect(await fetchPack(server.url(name), { ...allowAll, maxBytes })).toMatchObject({
        kind: 'failed',
        error: { code: 'tooLarge' },
      });
    }
  });
});
