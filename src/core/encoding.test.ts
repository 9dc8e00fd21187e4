import { describe, expect, it } from 'vitest';
import {
  decodedPieces,
  detectEncoding,
  fileDecoder,
  NotTextError,
  type FileEncoding,
} from './encoding';

/** Decodes `bytes` in chunks of `size`, as the manager reads a file. */
function read(bytes: Uint8Array, choice: FileEncoding, size = 3): string {
  const decoder = fileDecoder(choice);
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += decoder.push(bytes.subarray(i, i + size));
  return text + decoder.end();
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string, bom = true) => {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  let at = 0;
  if (bom) out.set([0xff, 0xfe], (at += 2) - 2);
  for (const unit of s.split('').map((c) => c.charCodeAt(0))) {
    out[at++] = unit & 0xff;
    out[at++] = unit >> 8;
  }
  return out;
};
const utf16be = (s: string) => {
  const le = utf16le(s, false);
  const out = new Uint8Array(le.length + 2);
  out.set([0xfe, 0xff]);
  for (let i = 0; i < le.length; i += 2) out.set([le[i + 1]!, le[i]!], i + 2);
  return out;
};

describe('reading a file’s text', () => {
  const csv = 'name,note\nErdoğan,Müller — “quoted”\n';

  it('reads UTF-8, with or without its mark, whatever the chunks', () => {
    expect(read(utf8(csv), 'auto')).toBe(csv);
    expect(read(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)]), 'auto', 1)).toBe(csv);
  });

  it('reads UTF-16 by its mark, and little-endian UTF-16 without one', () => {
    expect(read(utf16le(csv), 'auto')).toBe(csv);
    expect(read(utf16be(csv), 'auto')).toBe(csv);
    expect(detectEncoding(utf16le(csv, false))).toBe('utf-16le');
    expect(read(utf16le(csv, false), 'auto')).toBe(csv);
  });

  it('stops at bytes that are not UTF-8, instead of replacing them', () => {
    // "Müller" as a spreadsheet on Windows saves it (Windows-1252: ü is 0xFC).
    const legacy = new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]);
    expect(() => read(legacy, 'auto')).toThrow(NotTextError);
    // The control: the lenient decoding this replaced gave a replacement character.
    expect(new TextDecoder().decode(legacy)).toBe('M\uFFFDller');
  });

  it('reads the code page the reader names', () => {
    expect(read(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), 'windows-1252')).toBe(
      'Müller',
    );
    // "Erdoğan" in the Turkish code page (ğ is 0xF0).
    const turkish = new Uint8Array([0x45, 0x72, 0x64, 0x6f, 0xf0, 0x61, 0x6e]);
    expect(read(turkish, 'windows-1254')).toBe('Erdoğan');
    expect(read(turkish, 'windows-1252')).toBe('Erdoðan');
  });
});

/** A Blob whose stream gives `bytes` in chunks of `size` and tells when it is cancelled. */
function chunkedBlob(bytes: Uint8Array, size: number) {
  const state = { cancelled: false, pulled: 0 };
  const blob = {
    size: bytes.length,
    stream: () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (state.pulled >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(state.pulled, (state.pulled += size)));
        },
        cancel() {
          state.cancelled = true;
        },
      }),
  } as unknown as Blob;
  return { blob, state };
}

describe('a file’s text in pieces', () => {
  const text = 'Erdoğan — “Müller” 🇹🇷 '.repeat(40);

  it('cuts the decoded text into pieces of the size asked, whatever the chunks', async () => {
    for (const chunk of [1, 7, 64, 10_000]) {
      const { blob, state } = chunkedBlob(utf8(text), chunk);
      const pieces: string[] = [];
      let bytes = 0;
      for await (const piece of decodedPieces(blob, 'auto', 100)) {
        pieces.push(piece.text);
        expect(piece.bytes).toBeGreaterThanOrEqual(bytes);
        bytes = piece.bytes;
      }
      expect(pieces.join('')).toBe(text);
      expect(pieces.slice(0, -1).every((p) => p.length === 100)).toBe(true);
      expect(pieces.at(-1)!.length).toBe(text.length % 100 || 100);
      expect(bytes).toBe(utf8(text).length);
      expect(state.cancelled).toBe(false);
    }
  });

  it('lets the file go when the reading stops early, and not otherwise', async () => {
    const { blob, state } = chunkedBlob(utf8(text), 64);
    for await (const piece of decodedPieces(blob, 'auto', 100)) {
      expect(piece.text).toHaveLength(100);
      break;
    }
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(utf8(text).length);
  });

  it('stops at bytes that are not text in the encoding', async () => {
    const { blob } = chunkedBlob(new Uint8Array([...utf8(text), 0x4d, 0xfc, 0x6c]), 64);
    const read = async () => {
      for await (const piece of decodedPieces(blob, 'auto', 100)) void piece;
    };
    await expect(read()).rejects.toThrow(NotTextError);
    // The control: the same text without the stray byte reads through.
    const { blob: clean } = chunkedBlob(utf8(text), 64);
    for await (const piece of decodedPieces(clean, 'auto', 100)) void piece;
  });
});

describe('regressions found by the fuzz tests (encoding.fuzz.test.ts)', () => {
  // Seed 1501: UTF-8 with its byte order mark, holding a NUL after each character (as a CSV
  // export of such a note does), was taken for UTF-16 by its zero bytes and read as other text.
  it('reads a file with UTF-8’s byte order mark as UTF-8, whatever zero bytes it holds', () => {
    const text = `${' \u0000'.repeat(200)} `;
    expect(detectEncoding(utf8(`\uFEFF${text}`))).toBe('utf-8');
    expect(read(utf8(`\uFEFF${text}`), 'auto')).toBe(text);
  });
});
