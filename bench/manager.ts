/**
 * The manager at scale: how long a keystroke in the search box takes to
 * show its answer, with every entity of the imported pack in the database.
 * Timed inside the page, from the input event to the frame after the list
 * shows the answer (the status line's `data-answers` matches the query).
 */
import type { Page } from '@playwright/test';
import { statSync } from 'node:fs';

export interface SearchRow {
  /** What was typed, one character at a time. */
  word: string;
  /** Typed the moment the import finished, while the worker compiles the new dictionary. */
  rightAfterImport: boolean;
  /** Per keystroke, in ms. */
  keystrokes: number[];
}

/** Types `word` into the search box a character at a time and times each answer. */
export async function typeAndTime(page: Page, word: string): Promise<number[]> {
  const box = page.getByRole('searchbox', { name: 'Search notes' });
  await box.fill('');
  await page.waitForFunction(() => {
    const s = document.querySelector<HTMLElement>('[data-testid="match-count"]');
    return s?.dataset.answers !== undefined && s.dataset.answers === s.dataset.query;
  });
  const times: number[] = [];
  for (let i = 1; i <= word.length; i++) {
    // A string: tsx's helpers for function names do not exist in the page.
    const timing = page.evaluate<number>(`new Promise((resolve) => {
      const box = document.querySelector('input[type="search"]');
      const status = document.querySelector('[data-testid="match-count"]');
      box.addEventListener('input', () => {
        const start = performance.now();
        const done = () => {
          if (status.dataset.answers !== status.dataset.query) return false;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
          return true;
        };
        const observer = new MutationObserver(done);
        observer.observe(status, { attributes: true });
      }, { once: true });
    })`);
    await box.fill(word.slice(0, i));
    times.push(await timing);
  }
  return times;
}

/**
 * Types the first word the moment the import has finished (the worker is
 * still compiling the new dictionary then), and then, once the worker is
 * idle, every word.
 */
export async function searchLatency(page: Page, words: string[]): Promise<SearchRow[]> {
  const rows: SearchRow[] = [];
  rows.push({
    word: words[0]!,
    rightAfterImport: true,
    keystrokes: await typeAndTime(page, words[0]!),
  });
  await page.waitForTimeout(3000);
  for (const word of words)
    rows.push({ word, rightAfterImport: false, keystrokes: await typeAndTime(page, word) });
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('');
  return rows;
}

export interface ExportRow {
  entities: number;
  /** Click on Export to the file saved, per run (ms). */
  runs: number[];
  /** The file's size in bytes. */
  bytes: number;
  /** The longest task on the manager page during the runs. */
  longestTaskMs: number;
  /** The baseline, per run: every entity read in the background in one go and stringified at once (ms). */
  bareRuns: number[];
}

/**
 * Exports the whole collection (a backup) `runs` times and times each, from
 * the click to the saved file, beside a bare read-and-stringify of the same
 * entities in the background (src/background/bench-hooks.ts), run in turn.
 */
export async function exportLatency(page: Page, entities: number, runs = 3): Promise<ExportRow> {
  await page.evaluate(`(() => {
    window.__exportTasks = [];
    window.__exportObserver = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__exportTasks.push(e.duration);
    });
    window.__exportObserver.observe({ type: 'longtask' });
  })()`);
  const context = page.context();
  const row: ExportRow = { entities, runs: [], bytes: 0, longestTaskMs: 0, bareRuns: [] };
  for (let i = 0; i < runs; i++) {
    const t = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      page.getByTestId('export-all').click(),
    ]);
    const path = await download.path();
    row.runs.push(Date.now() - t);
    row.bytes = statSync(path).size;
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    row.bareRuns.push(await worker.evaluate<number>('globalThis.backstoryTimeBareExport()'));
  }
  row.longestTaskMs = await page.evaluate<number>(`(() => {
    window.__exportObserver.disconnect();
    return Math.max(0, ...window.__exportTasks);
  })()`);
  return row;
}
