/**
 * Synthetic dictionaries for the benchmark, deterministic for a given size:
 * the corpus dev set's entities (which the pages do mention), a sprinkle of
 * capitalised words from the corpus pages (common names a large pack holds),
 * and made-up person and organisation names that mostly appear nowhere,
 * as in a real 100,000-entity pack where most entities are not on the page.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BenchEntity {
  name: string;
  aliases: string[];
  kind: 'person' | 'organization' | 'place' | 'topic' | 'other';
}

const FIRST = [
  'Ana',
  'Bo',
  'Cai',
  'Dara',
  'Emre',
  'Fatma',
  'Goran',
  'Hana',
  'Ilse',
  'Jon',
  'Kemal',
  'Lior',
  'Mei',
  'Nuno',
  'Olga',
  'Pavel',
  'Qing',
  'Rui',
  'Sana',
  'Tomas',
  'Uma',
  'Vera',
  'Wen',
  'Yusuf',
  'Zeynep',
];
const SYLLABLES = [
  'ka',
  'ri',
  'mo',
  'tan',
  'len',
  'ber',
  'son',
  'gar',
  'vi',
  'nel',
  'lo',
  'hu',
  'sik',
  'dar',
  'el',
  'is',
  'ov',
  'ma',
  'ru',
  'zo',
  'che',
  'pol',
  'yu',
  'fen',
];
const ORG = ['Group', 'Institute', 'Holdings', 'Council', 'Foundation', 'Party', 'Agency', 'Bank'];

/** mulberry32: a small, well-mixed 32-bit generator, so names do not repeat early. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function corpusWords(corpusDir: string, pages: string[]): string[] {
  const words = new Set<string>();
  for (const page of pages) {
    const html = readFileSync(resolve(corpusDir, 'pages', `${page}.html`), 'utf8');
    const text = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
    for (const w of text.match(/\p{Lu}\p{Ll}{3,}/gu) ?? []) words.add(w);
  }
  return [...words].sort();
}

export function devSet(corpusDir: string): BenchEntity[] {
  const all = JSON.parse(readFileSync(resolve(corpusDir, 'entities-dev.json'), 'utf8')) as Record<
    string,
    { name: string; aliases: string[]; kind: string }[]
  >;
  return Object.values(all)
    .flat()
    .map((e) => ({
      name: e.name,
      aliases: e.aliases,
      kind: (e.kind === 'org' ? 'organization' : e.kind) as BenchEntity['kind'],
    }));
}

/**
 * A dictionary of `size` surface forms (names plus aliases) or, with
 * `unit` 'entities', of `size` entities.
 */
export function benchDictionary(
  corpusDir: string,
  size: number,
  words: string[],
  unit: 'forms' | 'entities' = 'forms',
): BenchEntity[] {
  const rnd = random(size);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const surname = () => {
    let w = '';
    const n = 2 + Math.floor(rnd() * 2);
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const out = devSet(corpusDir);
  const weight = (e: BenchEntity) => (unit === 'forms' ? 1 + e.aliases.length : 1);
  let count = out.reduce((n, e) => n + weight(e), 0);
  const add = (e: BenchEntity) => {
    out.push(e);
    count += weight(e);
  };
  for (const w of words.slice(0, Math.round(size * 0.02)))
    add({ name: w, aliases: [], kind: 'topic' });
  while (count < size) {
    if (rnd() < 0.8) {
      const last = surname();
      add({ name: `${pick(FIRST)} ${last}`, aliases: [last], kind: 'person' });
    } else {
      add({ name: `${surname()} ${pick(ORG)}`, aliases: [], kind: 'organization' });
    }
  }
  return out;
}
