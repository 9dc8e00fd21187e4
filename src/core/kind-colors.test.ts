import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from './entity';
import {
  DEFAULT_KIND_COLORS,
  kindColor,
  kindColorProperties,
  kindColorsCss,
  markStyle,
  withKindColor,
} from './kind-colors';

const css = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('kind colours', () => {
  it('the defaults are the colours highlights.css draws', () => {
    const highlights = css('../content/highlights.css');
    for (const kind of KINDS) {
      const { background, underline } = markStyle(DEFAULT_KIND_COLORS[kind]);
      const rule = new RegExp(`::highlight\\(backstory-${kind}\\) \\{([^}]*)\\}`).exec(highlights);
      expect(rule?.[1], kind).toContain(`background-color: ${background};`);
      expect(rule?.[1], kind).toContain(`text-decoration: underline 2px ${underline};`);
    }
  });

  it('a chosen colour underlines and tints; it never sets the text colour', () => {
    expect(markStyle('#12ab34')).toEqual({
      background: 'rgb(18 171 52 / 0.16)',
      underline: 'rgb(18 171 52 / 0.7)',
    });
    const rules = kindColorsCss({ place: '#12ab34' });
    expect(rules).toBe(
      '::highlight(backstory-place) { background-color: rgb(18 171 52 / 0.16) !important; text-decoration: underline 2px rgb(18 171 52 / 0.7) !important; }',
    );
    expect(rules).not.toMatch(/(^|[^-])color:/);
    expect(kindColorsCss({})).toBe('');
  });

  it('choosing the default, or resetting, leaves the kind out', () => {
    let colors = withKindColor({}, 'person', '#FF0000');
    expect(colors).toEqual({ person: '#ff0000' });
    expect(kindColor(colors, 'person')).toBe('#ff0000');
    expect(kindColor(colors, 'topic')).toBe(DEFAULT_KIND_COLORS.topic);
    expect(withKindColor(colors, 'person', DEFAULT_KIND_COLORS.person)).toEqual({});
    colors = withKindColor({ person: '#ff0000', topic: '#000000' }, 'person', null);
    expect(colors).toEqual({ topic: '#000000' });
  });

  it('gives every kind a custom property', () => {
    expect(kindColorProperties({ other: '#000000' })).toEqual({
      '--color-person': '#3b6fd6',
      '--color-organization': '#8a4fd1',
      '--color-place': '#1f9d6b',
      '--color-topic': '#d6793b',
      '--color-other': '#000000',
    });
  });
});
