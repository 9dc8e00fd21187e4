/**
 * The refresh's review as the reader sees it: a labelled group with a tick
 * per part, removed and added text marked by more than colour and named in
 * words, text only whatever the note or the answer holds, bounded for a
 * huge note; and the button only on a note taken from Wikipedia.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../core/entity';
import type { WikiRefreshed } from '../../core/wiki-fill';
import {
  defaultParts,
  planRefresh,
  type RefreshFields,
  type RefreshPart,
} from '../../core/wiki-refresh';
import { makeEntity } from '../../test-setup/fixtures';
import { CHANGE_MAX } from '../../ui/DiffText';
import { EntityEditor } from '../EntityEditor';
import { RefreshReview } from './RefreshFromWikipedia';

const SOURCE = {
  url: 'https://en.wikipedia.org/wiki/NATO',
  title: 'NATO',
  at: '2026-11-01T10:00:00.000Z',
  license: 'CC BY-SA 4.0',
};
const FIELDS: RefreshFields = {
  name: 'NATO',
  aliases: ['mine'],
  kind: 'person',
  note: 'NATO is an alliance of 31 states.',
  links: [{ title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7184' }],
  sources: [SOURCE],
  matchCase: {},
};
const ANSWER: WikiRefreshed = {
  note: 'NATO is an alliance of 32 states.',
  source: { ...SOURCE, at: '2026-12-03T09:00:00.000Z' },
  prefill: {
    id: 'Q7184',
    name: 'NATO',
    aliases: ['OTAN'],
    kind: 'organization',
    links: [
      { title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/NATO' },
      { title: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7184' },
    ],
  },
};
const TARGET = { item: 'Q7184', sourceUrl: SOURCE.url };
const none = () => undefined;

function review(fields: RefreshFields, answer: WikiRefreshed, taken?: Set<RefreshPart>) {
  const plan = planRefresh(fields, TARGET, answer);
  return renderToString(
    h(RefreshReview, {
      plan,
      title: 'NATO',
      taken: taken ?? defaultParts(plan),
      onChoose: none,
      onAccept: none,
      onDecline: none,
    }),
  );
}

describe('the refresh review', () => {
  it('is a labelled, described group with a tick per part, Accept and Decline', () => {
    const html = review(FIELDS, ANSWER);
    expect(html).toContain('role="group" aria-labelledby="refresh-review-title"');
    expect(html).toContain('What the Wikipedia article “NATO” says now');
    expect(html).toContain('Nothing changes until you accept');
    for (const part of ['note', 'aliasesAdd', 'aliasesRemove', 'kind', 'links'])
      expect(html).toContain(`data-part="${part}"`);
    expect(html).toContain('Change the kind from person to organization');
    expect(html).toMatch(
      /<input type="checkbox" checked\/?> Take Wikipedia’s text in place of yours/,
    );
    // Removing names is not ticked unless the reader ticks it: they may be their own.
    expect(html).toMatch(/<input type="checkbox"\/?> Remove the names Wikidata does not list/);
    expect(html).toContain('>Accept</button>');
    expect(html).toContain('>Decline</button>');
  });

  it('marks removed and added text by line and in words, not by colour alone', () => {
    const html = review(FIELDS, ANSWER);
    expect(html).toContain(
      '<del><span class="visually-hidden">Removed: </span>31<span class="visually-hidden"> (end of removed text)</span></del>',
    );
    expect(html).toContain(
      '<ins><span class="visually-hidden">Added: </span>32<span class="visually-hidden"> (end of added text)</span></ins>',
    );
    expect(html).toContain('<span>NATO is an alliance of </span>');
  });

  it('cannot Accept with no part ticked', () => {
    expect(review(FIELDS, ANSWER, new Set())).toContain(
      '<button type="button" class="primary" disabled>Accept</button>',
    );
  });

  it('shows markup, controls and direction overrides as the text they are', () => {
    const hostile =
      '<img src=x onerror="alert(1)"><script>alert(2)</script>\u202Eevil\u0007 [x](javascript:alert(3))';
    const html = review(
      { ...FIELDS, note: `Mine ${hostile}`, aliases: [`<b>alias</b>`] },
      {
        ...ANSWER,
        note: `Theirs ${hostile}`,
        prefill: {
          ...ANSWER.prefill!,
          aliases: ['<i onclick="x()">OTAN</i>'],
          links: [{ title: '<b>t</b>', url: 'https://en.wikipedia.org/wiki/<x>' }],
        },
      },
    );
    // Text holds `<` only as `&lt;`: every `<` left starts an element of the review's own.
    const tags = html.match(/<[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(20);
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<\/?(img|script|b|i|a)[\s>]/);
      expect(tag).not.toMatch(/\son[a-z]+=|href=/);
    }
    expect(html).toContain('&lt;script>');
    expect(html).toContain('&lt;i onclick=&quot;x()&quot;>OTAN&lt;/i>');
    // Each piece is its own element, so the override's reach ends with it (CSS isolates them).
    expect(html).toMatch(/<span>[^<]*\u202Eevil/);
  });

  it('is bounded: a 100,000-character note shows a few thousand characters of it', () => {
    const note = 'A long note of mine. '.repeat(4_800);
    const summary = 'Four thousand characters of the summary. '.repeat(97);
    const html = review({ ...FIELDS, note }, { ...ANSWER, note: summary });
    expect(note.length).toBeGreaterThan(100_000);
    expect(html.length).toBeLessThan(CHANGE_MAX + summary.length + 4_000);
    expect(html).toContain('too long or too different to compare word by word');
    expect(html).toMatch(/and [\d,]+ more characters/);
  });

  it('shows a long stretch in common by its ends, with how much is left out', () => {
    const common = 'Unchanged words. '.repeat(300);
    const html = review(
      { ...FIELDS, note: `Old start. ${common}End.` },
      { ...ANSWER, note: `New start. ${common}End.` },
    );
    expect(html).toMatch(/characters unchanged/);
    expect(html.length).toBeLessThan(common.length);
  });
});

describe('the editor', () => {
  const editor = (entity: Entity) =>
    renderToString(h(EntityEditor, { entity, onDone: none, onDelete: none, onRestored: none }));

  it('offers Refresh from Wikipedia for a note taken from an article, beside Look up', () => {
    const html = editor(makeEntity({ name: 'NATO', sources: [SOURCE] }));
    expect(html).toContain('>Refresh from Wikipedia</button>');
    expect(html).toContain('only the article’s title (and its Wikidata item) is sent');
    // The source shows its licence and when it was taken.
    expect(html).toContain('(CC BY-SA 4.0)');
    expect(html).toContain('datetime="2026-11-01T10:00:00.000Z"');
  });

  it('does not offer it for a note of the reader’s own, or one whose source has no licence', () => {
    expect(editor(makeEntity({ name: 'NATO' }))).not.toContain('Refresh from Wikipedia');
    const unlicensed = { ...SOURCE, license: undefined };
    expect(editor(makeEntity({ name: 'NATO', sources: [unlicensed] }))).not.toContain(
      'Refresh from Wikipedia',
    );
  });
});
