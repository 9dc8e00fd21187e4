import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  domainRuleFor,
  parseSiteRule,
  parseSiteRules,
  readSettings,
  SettingsPatchSchema,
  siteAllowed,
  siteMatches,
  withSite,
} from './settings';

describe('settings', () => {
  it('falls back to defaults for anything missing or malformed', () => {
    expect(readSettings(undefined)).toEqual({
      firstMentionOnly: false,
      hoverDelay: 300,
      theme: 'auto',
      kindColors: {},
      neverSites: [],
      onlySites: [],
    });
    expect(readSettings({ hoverDelay: 'fast', theme: 'pink' })).toEqual(readSettings({}));
  });

  it('keeps the good settings when one is malformed', () => {
    const settings = readSettings({ hoverDelay: -5, neverSites: ['a.org'], theme: 'dark' });
    expect(settings).toMatchObject({ hoverDelay: 300, neverSites: ['a.org'], theme: 'dark' });
  });

  it('accepts colours per kind only as #rrggbb, and leaves other kinds to their default', () => {
    expect(readSettings({ kindColors: { person: '#FF0000' } }).kindColors).toEqual({
      person: '#ff0000',
    });
    for (const bad of ['red', '#f00', '#ff00000', 'rgb(1 2 3)', '#gg0000', 12]) {
      expect(
        v.safeParse(SettingsPatchSchema, { kindColors: { person: bad } }).success,
        String(bad),
      ).toBe(false);
    }
    // An unknown kind is dropped, not stored.
    expect(readSettings({ kindColors: { villain: '#000000' } }).kindColors).toEqual({});
  });

  it('a patch carries only what it names', () => {
    expect(v.parse(SettingsPatchSchema, { hoverDelay: 500 })).toEqual({ hoverDelay: 500 });
  });

  it.each([
    ['example.com', 'example.com', true],
    ['Example.COM', 'example.com.', true],
    ['www.example.com', 'example.com', false],
    ['www.example.com', '*.example.com', true],
    ['example.com', '*.example.com', true],
    ['badexample.com', '*.example.com', false],
    ['example.com.evil.org', '*.example.com', false],
  ])('site %s against %s: %s', (host, pattern, expected) => {
    expect(siteMatches(host, pattern)).toBe(expected);
  });

  it.each([
    // never, only, host, allowed
    [[], [], 'a.org', true],
    [['a.org'], [], 'a.org', false],
    [[], ['a.org'], 'a.org', true],
    [[], ['a.org'], 'b.org', false],
    [[], ['*.news.example'], 'www.news.example', true],
    [['www.news.example'], ['*.news.example'], 'www.news.example', false],
    [['*.news.example'], ['www.news.example'], 'www.news.example', false],
    [['b.org'], ['a.org'], 'c.org', false],
  ])('never %j, only %j: %s runs: %s', (neverSites, onlySites, host, expected) => {
    expect(siteAllowed(host, readSettings({ neverSites, onlySites }))).toBe(expected);
  });

  it('switches a site off and on, leaving domain rules to the manager', () => {
    let settings = readSettings({ neverSites: ['*.news.example'] });
    expect(siteAllowed('a.org', settings)).toBe(true);
    settings = { ...settings, ...withSite(settings, 'A.org', false) };
    expect(settings.neverSites).toEqual(['*.news.example', 'a.org']);
    expect(siteAllowed('a.org', settings)).toBe(false);
    settings = { ...settings, ...withSite(settings, 'a.org', true) };
    expect(siteAllowed('a.org', settings)).toBe(true);

    expect(siteAllowed('www.news.example', settings)).toBe(false);
    expect(withSite(settings, 'www.news.example', true).neverSites).toEqual(['*.news.example']);
    expect(domainRuleFor('www.news.example', settings)).toBe('*.news.example');
  });

  it('switching on a site left out by the only-list adds it there', () => {
    let settings = readSettings({ onlySites: ['*.news.example'] });
    expect(siteAllowed('a.org', settings)).toBe(false);
    settings = { ...settings, ...withSite(settings, 'a.org', true) };
    expect(settings.onlySites).toEqual(['*.news.example', 'a.org']);
    expect(siteAllowed('a.org', settings)).toBe(true);
  });

  it('switching off a site on the only-list adds it to the never-list, keeping the only-list', () => {
    let settings = readSettings({ onlySites: ['a.org'] });
    settings = { ...settings, ...withSite(settings, 'a.org', false) };
    expect(settings).toMatchObject({ neverSites: ['a.org'], onlySites: ['a.org'] });
    expect(siteAllowed('a.org', settings)).toBe(false);
    // An empty only-list would mean every site: b.org stays off.
    expect(siteAllowed('b.org', settings)).toBe(false);
    settings = { ...settings, ...withSite(settings, 'a.org', true) };
    expect(settings).toMatchObject({ neverSites: [], onlySites: ['a.org'] });
  });

  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM.  ', 'example.com'],
    ['*.Example.com', '*.example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '[::1]'],
    ['localhost', 'localhost'],
  ])('site rule %j reads as %j', (line, rule) => {
    expect(parseSiteRule(line)).toEqual({ rule });
  });

  it.each([
    ['http://x.com/path', 'scheme'],
    ['https://example.com', 'scheme'],
    ['x.com/path', 'path'],
    ['example.com:8080', 'path'],
    ['example.com?q=1', 'path'],
    ['*.', 'wildcard'],
    ['*', 'wildcard'],
    ['*example.com', 'wildcard'],
    ['www.*.example.com', 'wildcard'],
    ['*.127.0.0.1', 'wildcard'],
    ['example .com', 'space'],
    ['a..b', 'invalid'],
    ['%41.com', 'invalid'],
    ['exa!mple.com', 'invalid'],
  ])('site rule %j is refused: %s', (line, problem) => {
    expect(parseSiteRule(line)).toEqual({ problem });
  });

  it('reads a site list line by line, naming every bad line', () => {
    expect(parseSiteRules('a.org\n\n  *.b.org\nA.org\n')).toEqual({ rules: ['a.org', '*.b.org'] });
    expect(parseSiteRules('a.org\nhttp://x.com/path\n*.\n')).toEqual({
      errors: [
        { line: 2, text: 'http://x.com/path', problem: 'scheme' },
        { line: 3, text: '*.', problem: 'wildcard' },
      ],
    });
  });

  it('the background takes only site rules in their read form', () => {
    const ok = (neverSites: string[]) => v.safeParse(SettingsPatchSchema, { neverSites }).success;
    expect(ok(['a.org', '*.b.org', '127.0.0.1'])).toBe(true);
    expect(ok(['http://a.org'])).toBe(false);
    expect(ok(['A.org'])).toBe(false);
    expect(ok([''])).toBe(false);
  });
});
