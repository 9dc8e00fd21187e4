import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fuzzParams } from '../test-setup/fuzz';
import { fromBase64, toBase64 } from './base64';

const nodeBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('base64, the loop over a table', () => {
  it('runs in Node 20, which has neither engine method', () => {
    // Were they there, `native` = false below would still test the loop.
    if (process.versions.node.startsWith('20.')) {
      expect('toBase64' in Uint8Array.prototype).toBe(false);
      expect('fromBase64' in Uint8Array).toBe(false);
    }
  });

  it('writes what Node writes, and reads it back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40_000, size: 'large' }), (bytes) => {
        const text = toBase64(bytes, false);
        expect(text).toBe(nodeBase64(bytes));
        expect(fromBase64(text, false)).toEqual(bytes);
      }),
      fuzzParams(6401, 200),
    );
  });

  it.each([
    ['not a multiple of 4', 'QUJD' + 'QQ'],
    ['a character outside the alphabet', 'QU-D'],
    ['URL-safe base64', 'QU_D'],
    ['white space', 'QUJD QUJD'],
    ['padding in the middle', 'QQ==QUJD'],
    ['padding then a character', 'QQ=D'],
    ['three padding characters', 'Q==='],
    ['a character past ASCII', 'QUJé'],
  ])('refuses %s', (_, text) => {
    expect(fromBase64(text, false)).toBeNull();
  });

  it('never throws, on any text or on text of its alphabet', () => {
    const alphabet = fc.stringMatching(/^[A-Za-z0-9+/=]{0,16}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), alphabet), (text) => {
        const bytes = fromBase64(text, false);
        // What it reads, Node reads alike (both leave the padding's spare bits alone).
        if (bytes) expect(bytes).toEqual(new Uint8Array(Buffer.from(text, 'base64')));
      }),
      fuzzParams(6402, 2000),
    );
  });
});

describe('base64, the engine’s own', () => {
  const proto = Uint8Array.prototype as { toBase64?: unknown };
  const ctor = Uint8Array as { fromBase64?: unknown };
  afterEach(() => {
    delete proto.toBase64;
    delete ctor.fromBase64;
  });

  it('is used when present, and held to the same strict reading', () => {
    // Stand-ins with the standard's behaviour, for engines that have it (Chrome 140, Firefox 133).
    proto.toBase64 = function (this: Uint8Array) {
      return nodeBase64(this);
    };
    ctor.fromBase64 = (text: string) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text.replace(/\s/g, ''))) throw new SyntaxError('base64');
      return new Uint8Array(Buffer.from(text, 'base64'));
    };
    const bytes = Uint8Array.from([0, 1, 2, 250, 251, 252, 253]);
    expect(toBase64(bytes)).toBe('AAEC+vv8/Q==');
    expect(fromBase64('AAEC+vv8/Q==')).toEqual(bytes);
    // White space the engine skips, in a text of the right length: fewer bytes, refused.
    expect(fromBase64('AAEC +vv8/Q=')).toBeNull();
    expect(fromBase64('AAEC+vv8/Q= ')).toBeNull();
    expect(fromBase64('AA-C')).toBeNull();
  });
});
