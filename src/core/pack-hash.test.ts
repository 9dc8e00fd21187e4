import { describe, expect, it } from 'vitest';
import { parsePack } from './pack';
import { entitiesSha256, sha256Hex } from './pack-hash';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('sha256Hex', () => {
  // The test vectors of FIPS 180-2, appendix B (https://csrc.nist.gov/pubs/fips/180-2/final).
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('hashes %j to the known digest', async (text, digest) => {
    expect(await sha256Hex(utf8(text))).toBe(digest);
  });

  it('takes an ArrayBuffer or a view into part of one', async () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await sha256Hex(utf8('abc').buffer)).toBe(abc);
    // Only the view's bytes count, not the whole buffer under it.
    expect(await sha256Hex(utf8('xabcx').subarray(1, 4))).toBe(abc);
    expect(await sha256Hex(utf8('xabcx'))).not.toBe(abc);
  });
});

describe('entitiesSha256', () => {
  const entities = [{ id: 'a', name: 'Ada', note: 'Zürich ✓' }, { name: 'B' }];

  it('hashes the UTF-8 bytes of the list written again without white space', async () => {
    const written = '[{"id":"a","name":"Ada","note":"Zürich ✓"},{"name":"B"}]';
    expect(JSON.stringify(entities)).toBe(written);
    expect(await entitiesSha256(entities)).toBe(await sha256Hex(utf8(written)));
    // The control: not the UTF-16 code units, nor Latin-1.
    expect(await entitiesSha256(entities)).not.toBe(
      await sha256Hex(new Uint8Array([...written].map((c) => c.charCodeAt(0) & 0xff))),
    );
  });

  it('does not depend on the layout of the file nor the order of its header fields', async () => {
    const compact = JSON.stringify({ format: 'backstory-pack', version: 1, entities });
    const laidOut = `{\n  "entities" : ${JSON.stringify(entities, null, '\t')},\r\n  "version": 1,
      "title": "Another title", "format": "backstory-pack"\n}\n`;
    const hashOf = (text: string) =>
      entitiesSha256((JSON.parse(text) as { entities: unknown[] }).entities);
    expect(await hashOf(laidOut)).toBe(await hashOf(compact));
    expect(parsePack(laidOut).ok).toBe(true);
  });

  it('changes with the content: a character, an entity, their order', async () => {
    const hash = await entitiesSha256(entities);
    expect(await entitiesSha256([{ ...entities[0], note: 'Zurich ✓' }, entities[1]])).not.toBe(
      hash,
    );
    expect(await entitiesSha256(entities.slice(0, 1))).not.toBe(hash);
    expect(await entitiesSha256([...entities].reverse())).not.toBe(hash);
    expect(await entitiesSha256([...entities])).toBe(hash);
  });

  it("counts the order of an entity's own keys, as JSON.stringify keeps it (the documented meaning)", async () => {
    const reordered = [{ name: 'Ada', id: 'a', note: 'Zürich ✓' }, { name: 'B' }];
    expect(reordered).toEqual(entities);
    expect(await entitiesSha256(reordered)).not.toBe(await entitiesSha256(entities));
  });
});
