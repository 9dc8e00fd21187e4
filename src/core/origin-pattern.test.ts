import { describe, expect, it } from 'vitest';
import { originPattern } from './origin-pattern';

describe('originPattern', () => {
  it('drops the port and the path: a pattern covers the host', () => {
    expect(originPattern('http://127.0.0.1:8080')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://packs.example/team/pack.json?x=1')).toBe(
      'https://packs.example/*',
    );
  });
  it('keeps an IPv6 host in brackets', () => {
    expect(originPattern('http://[::1]:3000/a.json')).toBe('http://[::1]/*');
  });
});
