import { describe, expect, it } from 'vitest';
import { parsePack } from './pack';
import { checkUpdate } from './subscription-check';

const SHA = 'a'.repeat(64);
const text = (entities: unknown[], header: object = {}) =>
  JSON.stringify({ format: 'backstory-pack', version: 1, title: 'T', entities, ...header });
const check = (entities: unknown[], header: object = {}, sha: string | null = null, held = {}) =>
  checkUpdate(parsePack(text(entities, header)), sha, held);

describe('checkUpdate', () => {
  it('accepts a sound pack with ids', () => {
    const result = check([{ id: 'a', name: 'A' }], { updated: '2026-12-01T00:00:00Z' });
    expect(result).toMatchObject({ ok: true, pack: { title: 'T', entities: [{ id: 'a' }] } });
    expect(result.ok && result.leftOut).toBeUndefined();
  });

  it('applies the valid part of a partly invalid pack, with its header, and says what was left out', () => {
    const result = check(
      [
        { id: 'a', name: 'A' },
        { id: 'b', name: '' },
      ],
      { expires: '12h', revision: 'r2' },
    );
    expect(result).toEqual({
      ok: true,
      pack: {
        title: 'T',
        description: '',
        expires: '12h',
        revision: 'r2',
        entities: [expect.objectContaining({ id: 'a' })],
      },
      leftOut: { count: 1, first: 'Entry 2, field name: must not be empty', ids: ['b'] },
    });
  });

  it('refuses a pack whose every entry is invalid', () => {
    expect(check([{ name: '' }, { name: 'A', kind: 'animal' }])).toEqual({
      ok: false,
      error: { code: 'invalid', count: 2, first: 'Entry 1, field name: must not be empty' },
    });
  });

  it('refuses entities without ids, and repeated ids', () => {
    expect(check([{ id: 'a', name: 'A' }, { name: 'B' }, { name: 'C' }])).toEqual({
      ok: false,
      error: { code: 'noIds', count: 2 },
    });
    expect(
      check([
        { id: 'a', name: 'A' },
        { id: 'a', name: 'B' },
      ]),
    ).toEqual({ ok: false, error: { code: 'duplicateId', id: 'a' } });
  });

  it('refuses a pack whose SHA-256 does not match its entities', () => {
    const entities = [{ id: 'a', name: 'A' }];
    expect(check(entities, { sha256: SHA }, 'b'.repeat(64))).toEqual({
      ok: false,
      error: { code: 'sha256' },
    });
    expect(check(entities, { sha256: SHA }, null)).toMatchObject({ ok: false });
    expect(check(entities, { sha256: SHA }, SHA)).toMatchObject({ ok: true });
  });

  it('refuses a copy older than the one held; times it cannot read are no reason', () => {
    const entities = [{ id: 'a', name: 'A' }];
    const held = { updated: '2026-12-01T00:00:00Z' };
    expect(check(entities, { updated: '2026-11-30T00:00:00Z' }, null, held)).toEqual({
      ok: false,
      error: { code: 'older', updated: '2026-11-30T00:00:00Z', held: held.updated },
    });
    expect(check(entities, { updated: '2026-12-02T00:00:00Z' }, null, held)).toMatchObject({
      ok: true,
    });
    expect(check(entities, { updated: 'yesterday' }, null, held)).toMatchObject({ ok: true });
    expect(check(entities, { updated: '2026-11-30T00:00:00Z' })).toMatchObject({ ok: true });
  });

  it('calls a file that is no pack so', () => {
    expect(checkUpdate(parsePack('{"format": "other"}'), null)).toMatchObject({
      ok: false,
      error: { code: 'notPack' },
    });
  });
});
