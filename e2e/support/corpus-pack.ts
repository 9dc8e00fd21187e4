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

function devSet(): Record<string, DevEntity[]> {
  return JSON.parse(readFileSync(resolve(CORPUS, 'entities-dev.json'), 'utf8')) as Record<
    string,
    DevEntity[]
  >;
}

/** The pages the dev set covers. */
export function devPages(): string[] {
  return Object.keys(devSet());
}

export function devEntities(page: string): DevEntity[] {
  const list = devSet()[page];
  if (!list) throw new Error(`entities-dev.json has no page ${page}`);
  return list;
}

function packEntities(page: string) {
  return devEntities(page).map((e, i) => ({
    id: `dev-${page}-${i}`,
    name: e.name,
    aliases: e.aliases,
    kind: KIND[e.kind] ?? e.kind,
    note: `Test note for **${e.name}**.`,
    tags: ['dev-set'],
  }));
}

/**
 * The dev set of `page` as a pack, with `filler` more notes whose names no
 * page holds (a dictionary past a size, at no cost to what the page shows).
 */
export function corpusPack(page: string, filler = 0): string {
  const more = Array.from({ length: filler }, (_, i) => ({
    name: `Quorvel ${i} Tanmarsk`,
    kind: 'person',
  }));
  return JSON.stringify({
    format: 'backstory-pack',
    version: 1,
    title: `Dev set: ${page}`,
    entities: [...packEntities(page), ...more],
  });
}

/**
 * One pack with the dev entities of every page. An entity listed for several
 * pages (same name and kind) appears once, with the aliases of all of them:
 * an import keeps the first of two such entities and drops the other.
 */
export function allDevPack(): {
  text: string;
  entities: { name: string; kind: string; aliases: string[] }[];
} {
  const byKey = new Map<string, ReturnType<typeof packEntities>[number]>();
  for (const e of devPages().flatMap(packEntities)) {
    const key = `${e.kind}|${e.name}`;
    const first = byKey.get(key);
    if (first) first.aliases = [...new Set([...first.aliases, ...e.aliases])];
    else byKey.set(key, { ...e, aliases: [...e.aliases] });
  }
  const entities = [...byKey.values()];
  return {
    text: JSON.stringify({ format: 'backstory-pack', version: 1, title: 'Dev set', entities }),
    entities,
  };
}
