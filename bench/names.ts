/**
 * How names are found, measured (issue "Names without notes"): each
 * candidate finder runs on the 12 dev pages of the corpus, and is scored on
 *
 * - recall: the share of the dev list's people, organisations and places
 *   (entities-dev.json) that some proposal names. A proposal names an entity
 *   when its name or one of its aliases equals the entity's name or one of
 *   its aliases, folded (src/core/fold.ts);
 * - precision@20: the share of the first 20 proposals of each page that are
 *   real named people, organisations or places, by the hand labels in
 *   bench/names-labels.json (page → { proposal: true/false });
 * - F1 of the two (both pooled over the pages, not averaged per page);
 * - time per page: the median of 5 runs after a warm-up.
 *
 * The text is each page's HTML read by bench/html-text.ts (Node, no browser):
 * what the content script would read, blocks as lines, minus what only
 * styles hide.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { foldForm } from '../src/core/fold';
import { findNames } from '../src/core/names';
import { htmlToText } from './html-text';
import { median, ms } from './stats';

export const DEV_PAGES = [
  'ars-1',
  'herald-sun-1',
  'tmz-1',
  'wapo-1',
  'telegraph',
  'cnn',
  'bbc-1',
  'nytimes-1',
  'buzzfeed-1',
  'msn',
  'guardian-1',
  'yahoo-2',
];

/** Kinds of the dev list that recall counts (topics are not names to propose). */
const COUNTED_KINDS = new Set(['person', 'org', 'place']);
export const TOP = 20;

export interface DevEntity {
  name: string;
  aliases: string[];
  kind: string;
}

export interface Proposal {
  name: string;
  kind: string;
  aliases: string[];
}

export interface Finder {
  name: string;
  find: (text: string) => Proposal[];
}

export type Labels = Record<string, Record<string, boolean>>;

export const LABELS_FILE = resolve(import.meta.dirname, 'names-labels.json');

export function readDevEntities(corpus: string): Record<string, DevEntity[]> {
  return JSON.parse(readFileSync(resolve(corpus, 'entities-dev.json'), 'utf8')) as Record<
    string,
    DevEntity[]
  >;
}

export function readLabels(): Labels {
  return JSON.parse(readFileSync(LABELS_FILE, 'utf8')) as Labels;
}

/** A dev page's visible text, one line per block. */
export function devPageText(corpus: string, page: string): string {
  return htmlToText(readFileSync(resolve(corpus, 'pages', `${page}.html`), 'utf8'));
}

export const baseline: Finder = {
  name: 'baseline (src/core/names.ts)',
  find: (text) => findNames(text).names,
};

export interface PageScore {
  page: string;
  entities: number;
  found: number;
  /** Dev entities named by a proposal of a different kind. */
  kindWrong: number;
  /** Of the first 20 proposals: labelled correct, labelled wrong, not labelled. */
  correct: number;
  wrong: number;
  unlabelled: string[];
  missed: string[];
}

export function scorePage(
  page: string,
  proposals: Proposal[],
  entities: DevEntity[],
  labels: Record<string, boolean> | undefined,
): PageScore {
  const byForm = new Map<string, Proposal>();
  for (const p of proposals) {
    for (const form of [p.name, ...p.aliases]) {
      const key = foldForm(form);
      if (!byForm.has(key)) byForm.set(key, p);
    }
  }
  const counted = entities.filter((e) => COUNTED_KINDS.has(e.kind));
  let found = 0;
  let kindWrong = 0;
  const missed: string[] = [];
  for (const e of counted) {
    const hit = [e.name, ...e.aliases].map((f) => byForm.get(foldForm(f))).find(Boolean);
    if (!hit) {
      missed.push(e.name);
      continue;
    }
    found++;
    if ((e.kind === 'org' ? 'organization' : e.kind) !== hit.kind) kindWrong++;
  }
  let correct = 0;
  let wrong = 0;
  const unlabelled: string[] = [];
  for (const p of proposals.slice(0, TOP)) {
    const label = labels?.[p.name];
    if (label === true) correct++;
    else if (label === false) wrong++;
    else unlabelled.push(p.name);
  }
  return { page, entities: counted.length, found, kindWrong, correct, wrong, unlabelled, missed };
}

export interface FinderScore {
  finder: string;
  pages: PageScore[];
  recall: number;
  precision: number;
  f1: number;
  /** Share of the found dev entities whose kind was guessed right. */
  kindRight: number;
  msPerPage: number[];
}

export function pooled(finder: string, pages: PageScore[], msPerPage: number[]): FinderScore {
  const sum = (f: (p: PageScore) => number) => pages.reduce((s, p) => s + f(p), 0);
  const recall = sum((p) => p.found) / sum((p) => p.entities);
  const precision =
    sum((p) => p.correct) /
    Math.max(
      1,
      sum((p) => p.correct + p.wrong),
    );
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  const kindRight =
    1 -
    sum((p) => p.kindWrong) /
      Math.max(
        1,
        sum((p) => p.found),
      );
  return { finder, pages, recall, precision, f1, kindRight, msPerPage };
}

/**
 * The dev pages pooled as the unit tests hold them to their floors: a
 * proposal the labels do not know counts against precision (label it in
 * bench/names-labels.json), and is named in `unlabelled`.
 */
export function strictScore(
  finder: string,
  pages: PageScore[],
): FinderScore & { unlabelled: string[] } {
  const unlabelled = pages.flatMap((p) => p.unlabelled.map((name) => `${p.page}: ${name}`));
  const strict = pages.map((p) => ({ ...p, wrong: p.wrong + p.unlabelled.length }));
  return { ...pooled(finder, strict, []), unlabelled };
}

/** Scores `finder` on the dev pages, timing each page (median of 5 after a warm-up). */
export function benchFinder(
  finder: Finder,
  texts: Map<string, string>,
  entities: Record<string, DevEntity[]>,
  labels: Labels,
  runs = 5,
): FinderScore {
  const pages: PageScore[] = [];
  const times: number[] = [];
  for (const [page, text] of texts) {
    finder.find(text);
    const t: number[] = [];
    let proposals: Proposal[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      proposals = finder.find(text);
      t.push(performance.now() - start);
    }
    times.push(median(t));
    pages.push(scorePage(page, proposals, entities[page] ?? [], labels[page]));
  }
  return pooled(finder.name, pages, times);
}

/**
 * compromise (https://github.com/spencermountain/compromise), when it is
 * installed: its people, organisations and places, titles ("Honorific") and
 * possessives left out, counted and ordered like the baseline's.
 */
export async function compromiseFinder(): Promise<Finder | null> {
  interface Term {
    text: string;
    tags: string[];
  }
  interface Match {
    terms: Term[];
    offset: { start: number };
  }
  interface View {
    json(options: { offset: true }): Match[];
  }
  interface Doc {
    people(): View;
    organizations(): View;
    places(): View;
  }
  let nlp: (text: string) => Doc;
  try {
    // A name in a variable: the project does not depend on it (see bench-results/names.md).
    const name = 'compromise';
    nlp = ((await import(name)) as { default: typeof nlp }).default;
  } catch {
    return null;
  }
  return {
    name: 'compromise 14.17.0',
    find(text) {
      const doc = nlp(text);
      const found = new Map<string, Proposal & { count: number; first: number }>();
      const kinds: [View, string][] = [
        [doc.people(), 'person'],
        [doc.organizations(), 'organization'],
        [doc.places(), 'place'],
      ];
      for (const [view, kind] of kinds) {
        for (const m of view.json({ offset: true })) {
          const name = m.terms
            .filter((t) => !t.tags.includes('Honorific'))
            .map((t) => t.text)
            .join(' ')
            .replace(/['’]s?$/u, '')
            .replace(/[.,;:!?]+$/u, '');
          if (!name) continue;
          const key = foldForm(name);
          const held = found.get(key);
          if (held) held.count++;
          else found.set(key, { name, kind, aliases: [], count: 1, first: m.offset.start });
        }
      }
      return [...found.values()].sort((a, b) => b.count - a.count || a.first - b.first);
    },
  };
}

/** Size of compromise's browser build, minified and gzipped, and the time to import it. */
async function compromiseCost(): Promise<{
  minKb: number;
  gzipKb: number;
  importMs: number;
} | null> {
  try {
    const name = 'compromise';
    const entry = fileURLToPath(import.meta.resolve(name));
    const build = resolve(entry, '../../builds/compromise.js');
    const bytes = readFileSync(build);
    const start = performance.now();
    await import(name);
    return {
      minKb: bytes.length / 1024,
      gzipKb: gzipSync(bytes).length / 1024,
      importMs: performance.now() - start,
    };
  } catch {
    return null;
  }
}

const pct = (v: number) => `${(100 * v).toFixed(1)}`;

/** The report of `npm run bench -- --names`, as Markdown lines. */
export async function namesReport(corpus: string): Promise<string[]> {
  const out: string[] = [];
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
  const loadBefore = load();
  // The import is timed before anything else loads it.
  const cost = await compromiseCost();
  const entities = readDevEntities(corpus);
  const labels = readLabels();
  const texts = new Map(DEV_PAGES.map((page) => [page, devPageText(corpus, page)]));
  const finders: Finder[] = [baseline];
  const other = await compromiseFinder();
  if (other) finders.push(other);
  const scores = finders.map((f) => benchFinder(f, texts, entities, labels));

  out.push(`# Backstory benchmark: finding names, ${new Date().toISOString().slice(0, 16)}Z`);
  out.push('');
  out.push(
    `Node ${process.version}; ${cpus().length} cores; the ${DEV_PAGES.length} dev pages of ${corpus}, read by bench/html-text.ts (${[...texts.values()].reduce((s, t) => s + t.length, 0).toLocaleString('en')} characters of text in all). Recall over all proposals against entities-dev.json (person, org, place); precision over the first ${TOP} proposals of each page against bench/names-labels.json; both pooled over the pages. Kind right: of the dev entities found, the share whose kind was guessed right. Time: median of 5 runs per page after a warm-up.`,
  );
  out.push('');
  out.push(
    '| finder | recall | precision@20 | F1 | kind right | ms per page, median (fastest–slowest page) | proposals not labelled |',
  );
  out.push('|---|---|---|---|---|---|---|');
  for (const s of scores) {
    const sum = (f: (p: PageScore) => number) => s.pages.reduce((a, p) => a + f(p), 0);
    out.push(
      `| ${s.finder} | ${pct(s.recall)} (${sum((p) => p.found)}/${sum((p) => p.entities)}) | ${pct(s.precision)} (${sum((p) => p.correct)}/${sum((p) => p.correct + p.wrong)}) | ${pct(s.f1)} | ${pct(s.kindRight)} | ${ms(median(s.msPerPage))} (${ms(Math.min(...s.msPerPage))}–${ms(Math.max(...s.msPerPage))}) | ${sum((p) => p.unlabelled.length)} |`,
    );
  }
  out.push('');
  const [base, lib] = scores;
  if (lib && base) {
    const gain = 100 * (lib.f1 - base.f1);
    out.push(
      `compromise against the baseline: ${gain >= 0 ? '+' : ''}${gain.toFixed(1)} points of F1 (adopted only at +10 or more: ${gain >= 10 ? 'it is' : 'it is not'}), at ${(median(lib.msPerPage) / Math.max(median(base.msPerPage), 0.01)).toFixed(0)}x the time per page${cost ? `, ${cost.minKb.toFixed(0)} KB minified (${cost.gzipKb.toFixed(0)} KB gzip) for its browser build, and ${ms(cost.importMs)} ms to import in Node` : ''}.`,
    );
  } else {
    out.push(
      'compromise is not installed, so only the baseline was measured. To compare: `npm install --no-save compromise@14.17.0`, then run this again.',
    );
  }
  out.push('');
  for (const s of scores) {
    out.push(`## ${s.finder}, per page`);
    out.push('');
    out.push('| page | recall | precision@20 | ms | missed | not labelled |');
    out.push('|---|---|---|---|---|---|');
    s.pages.forEach((p, i) => {
      out.push(
        `| ${p.page} | ${p.found}/${p.entities} | ${p.correct}/${p.correct + p.wrong} | ${ms(s.msPerPage[i]!)} | ${p.missed.join(', ')} | ${p.unlabelled.join(', ')} |`,
      );
    });
    out.push('');
  }
  out.push(`Load average (1 / 5 / 15 min) before: ${loadBefore}; after: ${load()}.`);
  return out;
}
