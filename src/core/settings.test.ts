import { describe, expect, it } from 'vitest';
import { domainRuleFor, readSettings, siteAllowed, siteMatches, withSite } from './settings';

describe('settings', () => {
  it('falls back to defaults for anything missing or malformed', () => {
    expect(readSettings(undefined)).toEqual({
      firstMentionOnly: false,
      hoverDelay: 300,
      theme: 'auto',
      neverSites: [],
    });
    expect(readSettings({ hoverDelay: 'fast', theme: 'pink' })).toEqual(readSettings({}));
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

  it('switches a site off and on, leaving domain rules to the manager', () => {
    let settings = readSettings({ neverSites: ['*.news.example'] });
    expect(siteAllowed('a.org', settings)).toBe(true);
    settings = { ...settings, neverSites: withSite(settings, 'A.org', false) };
    expect(settings.neverSites).toEqual(['*.news.example', 'a.org']);
    expect(siteAllowed('a.org', settings)).toBe(false);
    settings = { ...settings, neverSites: withSite(settings, 'a.org', true) };
    expect(siteAllowed('a.org', settings)).toBe(true);

    expect(siteAllowed('www.news.example', settings)).toBe(false);
    expect(withSite(settings, 'www.news.example', true)).toEqual(['*.news.example']);
    expect(domainRuleFor('www.news.example', settings)).toBe('*.news.example');
  });
});
