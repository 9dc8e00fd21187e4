/**
 * Bad input through the import channel, as the manager sends it (DESIGN.md
 * section 9): each file gets a clear message naming the problem, and the
 * notes stay exactly as they were unless the reader accepts a valid part.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { allEntities, saveEntity } from '../db/entities';
import type { BackstoryDb } from '../db/schema';
import { useFreshDb } from '../test-setup/fixtures';
import type { ImportDown, ImportFormat } from '../messaging/import-channel';
import { describeIssue } from '../options/describe-issue';
import { openImport } from '../test-setup/import-port-fake';

const fresh = useFreshDb();
let db: BackstoryDb;
beforeEach(async () => {
  db = fresh();
  await saveEntity(db, { name: 'Mine', aliases: [], kind: 'person', note: 'my note', tags: [] }, 1);
});

type Answer = Extract<ImportDown, { kind: 'preview' | 'invalid' | 'failed' }>;

/** Sends `text` as the manager would, and returns the first answer. */
function send(text: string, format: ImportFormat = 'pack'): Promise<Answer> {
  const channel = openImport(db);
  channel.sendFile(text, 1_000_000, format);
  return channel.answer();
}

const pack = (entities: unknown[], header: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'backstory-pack', version: 1, entities, ...header });

async function unchanged() {
  expect((await allEntities(db)).map((e) => [e.name, e.note])).toEqual([['Mine', 'my note']]);
}

describe('a file that cannot be imported at all is refused with its reason', () => {
  it.each([
    ['malformed JSON', '{"format": "backstory-pack", ', /^This file is not valid JSON/],
    ['a JSON list', '[1, 2]', /^A pack is a JSON object/],
    [
      'a wrong format',
      pack([], { format: 'other-pack' }),
      /^Field format: must be "backstory-pack"/,
    ],
    ['a wrong version', pack([], { version: 2 }), /^Field version: must be 1/],
    [
      'entities not a list',
      JSON.stringify({ format: 'backstory-pack', version: 1, entities: {} }),
      /^Field entities: has the wrong type/,
    ],
    [
      'empty names only',
      pack([{ name: '' }, { name: '   ' }]),
      /^Entry 1, field name: must not be empty/,
    ],
    [
      'wrong field types',
      pack([{ name: 7 }, { name: 'A', aliases: 'A' }, { name: 'B', tags: [1] }]),
      /^Entry 1, field name: /,
    ],
    ['an empty CSV', '', /empty/],
    ['a CSV without a name column', 'title,note\r\nA,b', /no "name" column/],
  ])('%s', async (_, text, message) => {
    const answer = await send(text, _.includes('CSV') ? 'csv' : 'pack');
    expect(answer.kind).toBe('invalid');
    const issues = (answer as Extract<Answer, { kind: 'invalid' }>).issues.map((i) =>
      describeIssue(i),
    );
    expect(issues[0]).toMatch(message);
    await unchanged();
  });
});

describe('a file with some bad entries previews the valid part, naming each bad one', () => {
  it('a 1 MB note, duplicate ids, an empty name, a bad kind and a script link', async () => {
    const answer = await send(
      pack([
        { name: 'Good' },
        { name: 'Huge', note: 'x'.repeat(1_000_000) },
        { id: 'd', name: 'First' },
        { id: 'd', name: 'Second' },
        { name: '' },
        { name: 'Odd', kind: 'planet' },
        { name: 'Bad link', links: [{ url: 'javascript:alert(1)' }] },
      ]),
    );
    expect(answer.kind).toBe('preview');
    const preview = answer as Extract<Answer, { kind: 'preview' }>;
    expect(preview.counts.new).toBe(2);
    expect(preview.issues.map((i) => describeIssue(i))).toEqual([
      'Entry 2, field note: longer than 100,000 characters',
      'Entry 4, field id: repeats the id of entry 3',
      'Entry 5, field name: must not be empty',
      'Entry 6, field kind: must be one of person, organization, place, topic, other',
      'Entry 7, field links.0.url: must be an http(s) URL',
    ]);
    await unchanged();
  });

  it('HTML and script in every text field are kept as plain text, not refused', async () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const answer = await send(
      pack([
        {
          name: `A ${evil}`,
          aliases: [evil],
          note: evil,
          tags: [evil],
          links: [{ title: evil, url: 'https://example.org' }],
        },
      ]),
    );
    expect(answer).toMatchObject({ kind: 'preview', issueTotal: 0 });
  });

  it('a CSV with quotes, line breaks in a note, a BOM and a bad row', async () => {
    const csv =
      '\ufeffname,kind,note\r\n"Gantz, Benny",person,"Said ""yes"".\nTwice."\r\nX,planet,\r\n';
    const answer = await send(csv, 'csv');
    expect(answer.kind).toBe('preview');
    const preview = answer as Extract<Answer, { kind: 'preview' }>;
    expect(preview.counts.new).toBe(1);
    // Row 3 as a spreadsheet shows it: the header is row 1.
    expect(preview.issues.map((i) => describeIssue(i, 'csv'))).toEqual([
      'Row 3, column kind: must be one of person, organization, place, topic, other',
    ]);
    await unchanged();
  });
});

describe('100,000 entries', () => {
  it('preview as new, without writing anything yet', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ name: `Entity ${i}` }));
    const answer = await send(pack(many));
    expect(answer).toMatchObject({ kind: 'preview', counts: { new: 100_000 }, issueTotal: 0 });
    await unchanged();
  }, 60_000);
});
