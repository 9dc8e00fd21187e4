/**
 * The tab's side of the form table: a sound table matches in the tab,
 * synchronously, and its marks' entities are named by the worker when the
 * table came without ids; anything else (no table, a spoiled one, ids that
 * do not fit it, a scan past its budget) sends the text to the background.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compileDictionary, type CompiledDictionary } from '../core/dictionary';
import { buildFormTable, entityKindCodes } from '../core/form-table-build';
import { matchPageText, type PageMatches } from '../core/page-match';
import type { TabDictionary } from '../core/tab-dictionary';
import { makeEntity } from '../test-setup/fixtures';
import { MarkNaming } from './mark-naming';
import type { Mark } from './marks';
import { Matching } from './matching';
import type * as Client from '../messaging/client';

interface Sent {
  reply: unknown;
  dictionary: CompiledDictionary;
  version: number;
  asked: string[];
}
const sent: Sent = vi.hoisted(() => ({ version: 4, asked: [] }) as unknown as Sent);

vi.mock('../messaging/client', async (original) => ({
  ...(await original<typeof Client>()),
  send: (type: string, body: { text?: string; version?: number; indices?: number[] }) => {
    sent.asked.push(type);
    if (type === 'tabDictionary') return Promise.resolve(sent.reply);
    if (type === 'pageMatch') {
      const { matcher, entities } = sent.dictionary;
      return Promise.resolve(matchPageText(matcher, entities, body.text!));
    }
    if (type === 'entityIds') {
      if (body.version !== sent.version) return Promise.resolve(null);
      return Promise.resolve(body.indices!.map((i) => sent.dictionary.entities.at(i)?.id ?? null));
    }
    return Promise.reject(new Error(`not in this test: ${type}`));
  },
}));

const NOTES = [
  makeEntity({ id: 'akar', name: 'Hulusi Akar', aliases: ['Akar'], kind: 'person' }),
  makeEntity({ id: 'nato', name: 'NATO', kind: 'organization' }),
];
const TEXT = 'Hulusi Akar met NATO; then Akar left.';

function tableReply(d: CompiledDictionary, withIds: boolean): TabDictionary {
  const table = buildFormTable(d.matcher, entityKindCodes(d.entities))!;
  return {
    version: sent.version,
    table: table.buffer,
    ids: withIds ? Array.from(d.entities, (e) => e.id) : null,
  };
}

async function matched(matching: Matching, text = TEXT): Promise<PageMatches> {
  await matching.ready();
  return matching.match(text);
}

/** Marks as a layer holds them (the ranges play no part in naming). */
function marksOf(found: PageMatches): Mark[] {
  const out: Mark[] = [];
  for (let k = 0; k < found.matches.length; k += 3) {
    const entity = found.entities[found.matches[k + 2]!]!;
    out.push({ range: null as unknown as Range, entityId: entity.id, kind: entity.kind, text: '' });
  }
  return out;
}

function layerOf(marks: Mark[]) {
  return {
    marks,
    rename(ids: ReadonlyMap<string, string>) {
      for (const m of marks) m.entityId = ids.get(m.entityId) ?? m.entityId;
    },
  };
}

// A user build's constant (wxt.config.ts defines it at build time).
vi.stubGlobal('__BACKSTORY_E2E__', false);

beforeEach(() => {
  sent.dictionary = compileDictionary(NOTES, sent.version);
  sent.asked = [];
});

describe('matching with the form table in the tab', () => {
  it('matches synchronously with the ids that came with the table', async () => {
    sent.reply = tableReply(sent.dictionary, true);
    const matching = new Matching(true);
    await matching.ready();
    const found = matching.match(TEXT);
    expect(found).not.toBeInstanceOf(Promise);
    expect(found).toEqual(matchPageText(sent.dictionary.matcher, sent.dictionary.entities, TEXT));
    expect(sent.asked).toEqual(['tabDictionary']);
  });

  it('names the marks’ entities through the worker when the table came without ids', async () => {
    sent.reply = tableReply(sent.dictionary, false);
    const matching = new Matching(true);
    const found = await matched(matching);
    const unnamed = found.entities.map((e) => e.id);
    expect(unnamed.every((id) => matching.isUnnamed(id))).toBe(true);
    expect(found.entities.map((e) => e.kind)).toEqual(['person', 'organization']);
    const marks = marksOf(found);
    const naming = new MarkNaming(layerOf(marks), matching);
    await naming.named();
    expect(marks.map((m) => m.entityId)).toEqual(['akar', 'nato', 'akar']);
    expect(sent.asked.filter((t) => t === 'entityIds')).toHaveLength(1);
    // A later match carries the ids learnt; a mark drawn from an older one is renamed without asking.
    expect((await matched(matching)).entities.map((e) => e.id)).toEqual(['akar', 'nato']);
    const late = [{ ...marks[0]!, entityId: unnamed[0]! }];
    await new MarkNaming(layerOf(late), matching).named();
    expect(late[0]!.entityId).toBe('akar');
    expect(sent.asked.filter((t) => t === 'entityIds')).toHaveLength(1);
  });

  it('leaves marks unnamed, and settles, when the notes changed before the worker answered', async () => {
    sent.reply = tableReply(sent.dictionary, false);
    const matching = new Matching(true);
    const marks = marksOf(await matched(matching));
    sent.version = 5;
    try {
      await new MarkNaming(layerOf(marks), matching).named();
    } finally {
      sent.version = 4;
    }
    expect(marks.every((m) => matching.isUnnamed(m.entityId))).toBe(true);
  });

  it.each([
    ['no table', null],
    ['a spoiled table', { version: 4, table: new ArrayBuffer(64), ids: null }],
    ['a table as JSON would carry it (Chrome before 148)', { version: 4, table: {}, ids: null }],
    ['a view, not a buffer', { version: 4, table: new Uint8Array(64), ids: null }],
    ['ids that do not fit the table', 'short ids'],
    ['a reply of another shape', { version: '4', table: 1 }],
  ])('sends the text to the background with %s', async (_, reply) => {
    sent.reply =
      reply === 'short ids' ? { ...tableReply(sent.dictionary, true), ids: ['akar'] } : reply;
    const matching = new Matching(true);
    const found = matching.match(TEXT);
    expect(found).toBeInstanceOf(Promise);
    expect(await found).toEqual(
      matchPageText(sent.dictionary.matcher, sent.dictionary.entities, TEXT),
    );
    expect(sent.asked).toContain('pageMatch');
  });

  it('sends the text to the background when the scan would run past its budget', async () => {
    // Forms that share a long chain of edge prefixes, on a text that repeats them without the end.
    sent.dictionary = compileDictionary(
      [makeEntity({ id: 'chain', name: `${'a '.repeat(60)}b` })],
      sent.version,
    );
    sent.reply = tableReply(sent.dictionary, true);
    const matching = new Matching(true);
    const text = `${'a '.repeat(20_000)}${'a '.repeat(60)}b`;
    const found = await matched(matching, text);
    expect(sent.asked).toContain('pageMatch');
    expect(found.entities.map((e) => e.id)).toEqual(['chain']);
    // The control: a text within the budget is matched in the tab.
    sent.asked = [];
    expect(matching.match(`${'a '.repeat(60)}b`)).not.toBeInstanceOf(Promise);
    expect(sent.asked).toEqual([]);
  });

  it('never hands a frame other than the top one a table', async () => {
    sent.reply = tableReply(sent.dictionary, true);
    const matching = new Matching(false);
    expect(matching.match(TEXT)).toBeInstanceOf(Promise);
    await matching.ready();
    expect(sent.asked).not.toContain('tabDictionary');
  });
});
