/**
 * The card credits text taken from Wikipedia (CC BY-SA asks for the
 * article and the licence beside the text), and nothing else.
 */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Entity, Source } from '../core/entity';
import { Card } from './Card';

const none = () => {};

function card(sources: Source[]) {
  const entity: Entity = {
    id: 'a',
    name: 'NATO',
    aliases: [],
    kind: 'organization',
    note: 'A military alliance.',
    tags: [],
    links: [],
    sources,
    origin: 'local',
    createdAt: 0,
    updatedAt: Date.now(),
  };
  return renderToString(
    <Card
      entity={entity}
      matched="NATO"
      mention={{ index: 1, total: 1 }}
      pinned={false}
      onPin={none}
      onClose={none}
      onMove={none}
      onOpenManager={none}
      onSave={() => Promise.resolve()}
    />,
  );
}

const WIKIPEDIA: Source = {
  url: 'https://en.wikipedia.org/wiki/NATO',
  title: 'NATO',
  at: '2026-12-01T10:00:00.000Z',
  license: 'CC BY-SA 4.0',
};

describe('the card’s credit', () => {
  it('names the article and its licence, linked, in a labelled list', () => {
    const html = card([WIKIPEDIA]);
    expect(html).toContain('From Wikipedia: NATO (CC BY-SA 4.0)');
    expect(html).toContain('aria-label="Where the note’s text comes from"');
    expect(html).toContain('href="https://en.wikipedia.org/wiki/NATO"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('is left out for a page without a licence, or a licensed source elsewhere', () => {
    const page: Source = { url: 'https://news.example/story', title: 'A story' };
    const elsewhere: Source = { ...WIKIPEDIA, url: 'https://wikipedia.org.evil.example/wiki/NATO' };
    const unlicensed: Source = { url: WIKIPEDIA.url, title: 'NATO' };
    for (const sources of [[], [page], [elsewhere], [unlicensed]]) {
      const html = card(sources);
      expect(html).not.toContain('From Wikipedia');
      expect(html).not.toContain('class="credits"');
    }
  });

  it('shows the licence the source names', () => {
    expect(card([{ ...WIKIPEDIA, license: 'CC BY-SA 3.0' }])).toContain(
      'From Wikipedia: NATO (CC BY-SA 3.0)',
    );
  });
});
