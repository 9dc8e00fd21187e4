/**
 * HTML and script in every text field of an entity stay text wherever the
 * entity appears: the card, the manager's list, the editor, the import
 * preview's conflict view. Rendered to markup, no element, handler or
 * javascript: link of the input survives.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../core/entity';
import { Card } from '../ui/Card';
import { EntityEditor } from './EntityEditor';
import { EntityList } from './EntityList';
import { ImportPreview } from './ImportPreview';

const EVIL =
  '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>';

const evil: Entity = {
  id: 'evil',
  name: `Name ${EVIL}`,
  aliases: [`Alias ${EVIL}`],
  kind: 'person',
  note: `Note ${EVIL} [link](javascript:alert(4)) ![i](https://example.org/i.png)`,
  tags: [`tag${EVIL}`],
  links: [
    { title: `Link ${EVIL}`, url: 'javascript:alert(5)' },
    { title: `Web ${EVIL}`, url: 'https://example.org/' },
  ],
  sources: [{ url: 'https://example.org/s', title: `Source ${EVIL}`, quote: `Quote ${EVIL}` }],
  origin: `pack ${EVIL}`,
  createdAt: 0,
  updatedAt: 0,
};

const noop = () => undefined;

/** Every real element of the markup, with its attributes (text holds `<` only as `&lt;`). */
function elements(html: string): { tag: string; attributes: [string, string][] }[] {
  return [...html.matchAll(/<([a-z][a-z0-9-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/gi)].map(
    (m) => ({
      tag: m[1]!.toLowerCase(),
      attributes: [...m[2]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(
        (a) => [a[1]!.toLowerCase(), a[2] ?? ''] as [string, string],
      ),
    }),
  );
}

/** The markup must hold the input only as escaped text. */
function expectInert(html: string) {
  const found = elements(html);
  expect(found.length).toBeGreaterThan(3);
  for (const { tag, attributes } of found) {
    expect(['img', 'script', 'iframe', 'object']).not.toContain(tag);
    for (const [name, value] of attributes) {
      expect(name.startsWith('on'), `${tag} ${name}`).toBe(false);
      if (name === 'href' || name === 'src') expect(value).toMatch(/^https:\/\//);
    }
  }
  // And the text is still there, for the reader to see what the file held.
  expect(html).toContain('&lt;script>');
}

describe('HTML and script in every field are inert', () => {
  it('in the card', () => {
    expectInert(
      renderToString(
        h(Card, {
          entity: evil,
          matched: 'Alias',
          mention: { index: 1, total: 1 },
          pinned: false,
          onPin: noop,
          onClose: noop,
          onMove: noop,
          onOpenManager: noop,
          onSave: () => Promise.resolve(),
        }),
      ),
    );
  });

  it('in the manager’s list', () => {
    expectInert(
      renderToString(
        h(EntityList, {
          total: 1,
          at: () => evil,
          selected: new Set<string>(),
          onToggle: noop,
          onEdit: noop,
        }),
      ),
    );
  });

  it('in the editor', () => {
    expectInert(
      renderToString(
        h(EntityEditor, { entity: evil, onDone: noop, onDelete: noop, onRestored: noop }),
      ),
    );
  });

  it('in the import preview’s conflicts', () => {
    const { name, kind, aliases, tags, note, updatedAt, origin } = evil;
    const version = { name, kind, aliases, tags, note };
    expectInert(
      renderToString(
        h(ImportPreview, {
          file: `file${EVIL}.json`,
          preview: {
            kind: 'preview',
            format: 'pack',
            origin,
            counts: { new: 0, unchanged: 0, changed: 0, conflict: 1 },
            conflicts: [{ id: 'evil', mine: { ...version, updatedAt, origin }, theirs: version }],
            issues: [],
            issueTotal: 0,
          },
          onAccept: noop,
          onCancel: noop,
        }),
      ),
    );
  });
});
