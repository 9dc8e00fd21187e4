import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import messages from '../../assets/public/_locales/en/messages.json';
import type { Entity } from '../core/entity';
import { Card } from './Card';
import { t } from '../i18n';

type Entry = { message: string; description?: string; placeholders?: Record<string, unknown> };

describe('_locales', () => {
  it('is a valid messages.json: names, descriptions, and every placeholder defined and used', () => {
    for (const [name, raw] of Object.entries(messages as Record<string, Entry>)) {
      expect(name).toMatch(/^[A-Za-z0-9_]+$/);
      expect(raw.message.length).toBeGreaterThan(0);
      expect(raw.description, name).toBeTruthy();
      // A placeholder may appear more than once in a message.
      const used = [
        ...new Set(
          [...raw.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()),
        ),
      ];
      expect(used.sort(), name).toEqual(Object.keys(raw.placeholders ?? {}).sort());
    }
  });

  it('fills placeholders', () => {
    expect(t('previewCounts', 1, 2, 3_000, 4)).toBe(
      '1 new, 2 changed, 3,000 unchanged, 4 in conflict with your own version.',
    );
    expect(t('cardMatchedAs', 'Gantz’s')).toBe('as “Gantz’s”');
  });

  it('gives the card its words', () => {
    const entity: Entity = {
      id: 'a',
      name: 'Hulusi Akar',
      aliases: [],
      kind: 'person',
      note: '',
      tags: ['turkey'],
      links: [],
      sources: [],
      origin: 'starter',
      createdAt: 0,
      updatedAt: Date.now(),
    };
    const none = () => {};
    const html = renderToString(
      <Card
        entity={entity}
        matched="Akar"
        mention={{ index: 2, total: 3 }}
        pinned={false}
        onPin={none}
        onClose={none}
        onMove={none}
        onOpenManager={none}
        onSave={() => Promise.resolve()}
      />,
    );
    for (const text of [
      'Mention 2 of 3',
      'Open in manager',
      'aria-pressed="false"',
      'No note yet.',
      'starter note',
      'as “Akar”',
      'aria-label="Tags"',
      'updated ',
    ]) {
      expect(html).toContain(text);
    }
    // No message key shows instead of its text.
    expect(html).not.toMatch(/\b(card|origin)[A-Z][A-Za-z]+\b|kind_/);
    expect(html).toContain('>person<');
  });
});
