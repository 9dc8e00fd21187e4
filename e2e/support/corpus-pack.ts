/**
 * Packs built from the corpus dev set (entities-dev.json): the entities a
 * real page mentions, as a user would import them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CORPUS } from './paths';

interface DevEntity {
  name: string;
  aliases: string[];
  kind: string;
}

const KIND: Record<string, string> = { org: 'organization' };

export function devEntities(page: string): DevEntity[] {
  const all = JSON.parse(readFileSync(resolve(CORPUS, 'entities-dev.json'), 'utf8')) as Record<
    string,
    DevEntity[]
  >;
  const list = all[page];
  if (!list) throw new Error(`entities-dev.json has no page ${page}`);
  return list;
}

export function corpusPack(page: string): string {
  return JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    title: `Dev set: ${page}`,
    entities: devEntities(page).map((e, i) => ({
      id: `dev-${page}-${i}`,
      name: e.name,
      aliases: e.aliases,
      kind: KIND[e.kind] ?? e.kind,
      note: `Test note for **${e.name}**.`,
      tags: ['dev-set'],
    })),
  });
}
