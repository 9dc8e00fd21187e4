/**
 * The corpus pages for the benchmark: their names, and a rough visible text
 * for the Node part (scripts, styles and tags removed, entities decoded).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeEntities } from '../src/ui/Markdown';

export function corpusPages(corpusDir: string): string[] {
  return readdirSync(resolve(corpusDir, 'pages'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function pageText(corpusDir: string, page: string): string {
  const html = readFileSync(resolve(corpusDir, 'pages', `${page}.html`), 'utf8');
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  );
}
