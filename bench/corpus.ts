/**
 * The corpus pages for the benchmark: their names, and a rough visible text
 * for the Node part (scripts, styles and tags removed, entities decoded).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export function corpusPages(corpusDir: string): string[] {
  return readdirSync(resolve(corpusDir, 'pages'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort();
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function pageText(corpusDir: string, page: string): string {
  const html = readFileSync(resolve(corpusDir, 'pages', `${page}.html`), 'utf8');
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] === '#') {
        const code =
          ref[1] === 'x' || ref[1] === 'X'
            ? parseInt(ref.slice(2), 16)
            : parseInt(ref.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[ref.toLowerCase()] ?? whole;
    });
}
