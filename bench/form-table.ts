/**
 * The form table in Node (issue 14: match every dictionary size in the tab):
 * its size beside the forms it holds, its build from the compiled
 * automaton, its copy as a message carries it (a structured clone) and its
 * reading on arrival (the receiver's checks), and its scan beside the automaton's scan and the bare pass over
 * the same text: all corpus pages as one text, and each page alone (the
 * tab scans one page at a time).
 */
import { compileDictionary } from '../src/core/dictionary';
import { foldCodes } from '../src/core/fold';
import { buildFormTable, entityKindCodes } from '../src/core/form-table-build';
import { readFormTable } from '../src/core/form-table-codec';
import { asTableMatches, scanTable } from '../src/core/form-table-scan';
import { scanFolded } from '../src/core/matcher';
import { corpusPages, pageText } from './corpus';
import type { BenchEntity } from './dictionary';
import { asEntities, barePass } from './matcher';
import { median, ms, timeIt } from './stats';

export interface TableRow {
  label: string;
  forms: number;
  entries: number;
  bytes: number;
  buildMs: number;
  compileMs: number;
  cloneMs: number;
  readMs: number;
  /** All pages as one text: folding, each scan of the folded text, the bare pass. */
  foldMs: number;
  automatonMs: number;
  tableMs: number;
  bareMs: number;
  /** Each page alone: the median and the slowest page's scan. */
  pageTableMedianMs: number;
  pageTableMaxMs: number;
  pageAutomatonMaxMs: number;
  slowestPage: string;
  /** Whether the table found the automaton's marks on every page. */
  same: boolean;
  matches: number;
}

/** Times `a` and `b` in turns, `runs` each after `warmup`: the machine's drift hits both alike. */
function timePair(a: () => unknown, b: () => unknown, runs = 7, warmup = 2): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    let t = performance.now();
    a();
    const da = performance.now() - t;
    t = performance.now();
    b();
    const db = performance.now() - t;
    if (i >= warmup) {
      ta.push(da);
      tb.push(db);
    }
  }
  return [median(ta), median(tb)];
}

export function benchFormTable(
  corpusDir: string,
  dictionaries: { label: string; list: BenchEntity[] }[],
): TableRow[] {
  const pages = corpusPages(corpusDir).map((page) => {
    const text = pageText(corpusDir, page);
    return { page, text, folded: foldCodes(text) };
  });
  const text = pages.map((p) => p.text).join('\u0000');
  const folded = foldCodes(text);
  const rows: TableRow[] = [];
  for (const { label, list } of dictionaries) {
    let t = performance.now();
    const compiled = compileDictionary(asEntities(list), 1);
    const compileMs = performance.now() - t;
    const { matcher } = compiled;
    const kinds = entityKindCodes(compiled.entities);
    const buildTimes: number[] = [];
    let table = buildFormTable(matcher, kinds)!;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      table = buildFormTable(matcher, kinds)!;
      buildTimes.push(performance.now() - t);
    }
    const sent = structuredClone(table.buffer);
    const cloneMs = timeIt(() => structuredClone(table.buffer), 5, 1);
    const readMs = timeIt(() => readFormTable(sent), 5, 1);
    const decoded = readFormTable(sent)!;

    const [automatonMs, tableMs] = timePair(
      () => scanFolded(matcher, text, folded),
      () => scanTable(decoded, text, folded),
    );
    const page = pages.map((p) => {
      const [a, b] = timePair(
        () => scanFolded(matcher, p.text, p.folded),
        () => scanTable(decoded, p.text, p.folded),
        5,
        1,
      );
      const expected = scanFolded(matcher, p.text, p.folded);
      const same =
        JSON.stringify(scanTable(decoded, p.text, p.folded)) ===
        JSON.stringify(asTableMatches(expected, kinds));
      return { page: p.page, automaton: a, table: b, same, matches: expected.length };
    });
    const slowest = page.reduce((x, y) => (y.table > x.table ? y : x));
    rows.push({
      label,
      forms: matcher.patternLength.length,
      entries: decoded.keyLo.length,
      bytes: decoded.buffer.byteLength,
      buildMs: median(buildTimes),
      compileMs,
      cloneMs,
      readMs,
      foldMs: timeIt(() => foldCodes(text), 5, 2),
      automatonMs,
      tableMs,
      bareMs: timeIt(() => barePass(text), 9, 3),
      pageTableMedianMs: median(page.map((p) => p.table)),
      pageTableMaxMs: slowest.table,
      pageAutomatonMaxMs: Math.max(...page.map((p) => p.automaton)),
      slowestPage: slowest.page,
      same: page.every((p) => p.same),
      matches: page.reduce((n, p) => n + p.matches, 0),
    });
  }
  return rows;
}

/** The rows as Markdown, with what the ratios mean. */
export function tableLines(rows: TableRow[], textChars: number): string[] {
  const mb = (b: number) => (b / 1e6).toFixed(2);
  return [
    `All ${textChars.toLocaleString('en')} characters of the corpus pages as one text, folded once; each scan reads the folded text (the automaton: scanFolded; the table: scanTable, on the table as a tab reads it). The two scans run in turns, so the machine's drift hits both. Reading includes every check a receiver makes.`,
    '',
    '| dictionary | forms | entries | table MB | bytes per form | build ms (compile ms) | clone ms / read ms | fold ms | automaton scan ms | table scan ms | table / automaton | (fold + table) / bare | (fold + automaton) / bare | per page: table median / slowest ms (automaton slowest) | same marks |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.forms.toLocaleString('en')} | ${r.entries.toLocaleString('en')} | ${mb(r.bytes)} | ${(r.bytes / r.forms).toFixed(1)} | ${ms(r.buildMs)} (${ms(r.compileMs)}) | ${ms(r.cloneMs)} / ${ms(r.readMs)} | ${ms(r.foldMs)} | ${ms(r.automatonMs)} | ${ms(r.tableMs)} | ${(r.tableMs / r.automatonMs).toFixed(2)} | ${((r.foldMs + r.tableMs) / r.bareMs).toFixed(1)} | ${((r.foldMs + r.automatonMs) / r.bareMs).toFixed(1)} | ${ms(r.pageTableMedianMs)} / ${ms(r.pageTableMaxMs)} ${r.slowestPage} (${ms(r.pageAutomatonMaxMs)}) | ${r.same ? `yes, ${r.matches.toLocaleString('en')}` : '**no**'} |`,
    ),
  ];
}
