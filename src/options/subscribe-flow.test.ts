import { describe, expect, it, vi } from 'vitest';
import { permitSubscribe } from './subscribe-flow';

describe('permitSubscribe', () => {
  it('asks for the origin of a web address, and goes on when the reader allows it', async () => {
    const ask = vi.fn(() => Promise.resolve(true));
    expect(await permitSubscribe('https://packs.example/team.json', ask)).toBeNull();
    expect(ask).toHaveBeenCalledWith('https://packs.example/team.json');
  });

  it('says why nothing happens when the reader declines', async () => {
    const ask = vi.fn(() => Promise.resolve(false));
    expect(await permitSubscribe('http://127.0.0.1:8080/p.json', ask)).toBe(
      'Backstory was not allowed to read from http://127.0.0.1:8080, so nothing was fetched and nothing changed.',
    );
  });

  it('asks nothing for an address that is not http(s)', async () => {
    const ask = vi.fn(() => Promise.resolve(true));
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'packs.example/a.json', ''])
      expect(await permitSubscribe(bad, ask)).toMatch(/starts with http/);
    expect(await permitSubscribe(`https://a.example/${'x'.repeat(2_000)}`, ask)).toMatch(/http/);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks before anything is awaited: the request is made in the same task as the click', () => {
    let asked = false;
    void permitSubscribe('https://packs.example/team.json', () => {
      asked = true;
      return Promise.resolve(true);
    });
    expect(asked).toBe(true);
  });
});
