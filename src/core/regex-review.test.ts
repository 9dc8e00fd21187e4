/**
 * Every regular expression in src/core, found by TypeScript's parser, is in
 * the list below with what it is applied to and why its cost is linear in
 * that input (or bounded by a length checked before it). A new one fails
 * here until it is reviewed and added. None may repeat, without bound, a
 * group that itself repeats without bound (`(a+)+`, `(\w*\s?)*`): the shape
 * whose backtracking is exponential.
 *
 * Then each is run on the input built to be its worst: if one ever became
 * super-linear, these inputs (10^5 to 10^6 characters) would take 10^10
 * steps or more and the test would not finish. Speed itself is the
 * benchmark's business, so nothing here is timed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from './csv';
import { foldForm, withoutIgnored } from './fold';
import { isCapitalsForm } from './matcher';
import { findNames } from './names';
import { parsePack } from './pack';
import { queryWords, searchFold } from './search';
import { parseSiteRule, parseSiteRules, siteMatches } from './settings';
import { KindColorsSchema } from './kind-colors';
import { tokenize } from './text-diff';
import { cleanLine, cleanProse, escapeMarkdown, wikiLanguage } from './wiki-text';
import * as v from 'valibot';
import { makeEntity } from '../test-setup/fixtures';

const CORE = import.meta.dirname;

/** `file: pattern` → what it reads, and why its cost is linear. */
const REVIEWED: Record<string, string> = {
  'csv-rows.ts: (built from IGNORED)':
    'a copy of SPECIAL below, for its own lastIndex: one character',
  'csv-rows.ts: ["\\r\\n]': 'CSV text: one character',
  'entity.ts: \\p{Cs}': 'a note’s text: one character',
  'import-plan.ts: [\\uD800-\\uDBFF]': 'an origin cut to its limit: one character',
  'import-plan.ts: \\.[^.]*$':
    'a file name: from each dot to the next, so every character is read once',
  'pack.ts: [\\uD800-\\uDBFF]': 'a problem report cut to its length: one character',
  'pack-stream.ts: ^\\[([ \\t\\n\\r]*\\{[ \\t\\n\\r]*"[^"\\\\]{1,64}"[ \\t\\n\\r]*:)':
    'the start of the entities list, cut to 100 characters before it (betweenOf): anchored, and each repetition of one class meets a character outside it',
  'pack.ts: ^[0-9a-f]{64}$': 'a pack’s sha256: anchored, bounded (64 characters)',
  'pack.ts: ^\\d{1,4}[hd]$': 'a pack’s expires: anchored, bounded (5 characters)',
  'retry-after.ts: (built from IGNORED)':
    'a Retry-After header as an HTTP date: three anchored forms of fixed words and bounded digit runs, no repetition of a group',
  'retry-after.ts: ^\\d+$': 'a Retry-After header: anchored, one repetition of one class',
  'subscription-schedule.ts: ^(\\d{1,4})([hd])$':
    'a pack’s expires: anchored, bounded (5 characters)',
  'char-class.ts: ^[\\p{L}\\p{N}\\p{M}]$': 'one character at a time',
  'char-class.ts: ^[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}\\p{Script=Yi}\\u30fc]$':
    'one character at a time',
  "csv.ts: ^'*[=+\\-@\\t\\r]":
    'cells written out: anchored, one repetition of one character, then a class without it',
  "csv.ts: ^'+[=+\\-@\\t\\r]": 'cells read in: the same',
  'csv.ts: [\\\\|]': 'aliases and tags written out: one character',
  'csv.ts: ^\\uFEFF': 'the file: one character at its start',
  'fold.ts: (built from IGNORED)':
    'matched text, exact-case forms: an alternation of single characters, no repetition',
  'kind-colors.ts: ^#[0-9a-f]{6}$': 'a colour setting: anchored, 7 characters at most',
  'match-pieces.ts: \\s': 'page text at a cut: one character at a time',
  'matcher-compile.ts: ^\\p{Lu}{2,5}$': 'a surface form: anchored, 5 characters at most',
  'pack.ts: ^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?Z$':
    'a time in a pack: anchored, every repetition bounded (24 characters)',
  'search.ts: [^\\u0000-\\u007f]': 'notes, names, tags: one character',
  'search.ts: [\\u0300-\\u036f\\u0591-\\u05c7\\u064b-\\u065f\\u0670\\u00ad\\u200b-\\u200d\\u2060]':
    'notes, names, tags: one character',
  'search.ts: \\u0131': 'notes, names, tags: one character',
  'search.ts: \\u00df': 'notes, names, tags: one character',
  'search.ts: [\\u2018\\u2019\\u02bc]': 'notes, names, tags: one character',
  'search.ts: "([^"]*)"|(\\S+)':
    'the search query (500 characters at most): a quoted phrase stops at the next quote, so only the last quote can scan to the end; a word, once',
  'search.ts: \\s+': 'a query word: one repetition, nothing after it',
  'settings.ts: \\.$': 'a host name: one character before the end',
  'settings.ts: ^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$':
    'a label of a host name: anchored, bounded (63 characters), after the name’s 253',
  'settings.ts: ^\\d{1,3}(?:\\.\\d{1,3}){3}$': 'a host name: anchored, bounded',
  'settings.ts: ^\\[[0-9a-f:.]+\\]$':
    'a host name: anchored, one repetition, then a character it cannot take',
  'settings.ts: \\s': 'a site rule: one character',
  'settings.ts: ^[a-z][a-z0-9+.-]*:\\/\\/':
    'a site rule: anchored, one repetition, then a character it cannot take',
  'settings.ts: [/?#@\\\\]': 'a site rule: one character',
  'names-lexicon.ts: \\s+':
    'the word lists of that file, once at load: one repetition, nothing after it',
  'names-places.ts: \\s+': 'the place list of that file, once at load: the same',
  'names-text.ts: ^(?:tr|az)(?:-|$)': 'a page’s language tag: anchored, at most 3 characters read',
  'names-text.ts: ^[\\p{Lu}\\p{Lt}]$': 'one character at a time',
  'names-text.ts: ^\\p{Ll}$': 'one character at a time',
  'names-text.ts: ^\\p{L}$': 'one character at a time',
  'names-text.ts: ^\\p{M}$': 'one character at a time',
  'names-text.ts: ^\\p{N}$': 'one character at a time',
  'names-text.ts: ^\\s$': 'one character at a time',
  'names.ts: \\s+':
    'a name (the text of disjoint mentions, so the page once in all) and a window of at most 1,200 characters of a sentence per name: one repetition, nothing after it',
  'text-diff.ts: \\s+|[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}\\p{Script=Yi}]|(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}\\p{Script=Yi}])[\\p{L}\\p{N}\\p{M}])+|[\\s\\S]':
    'a note and a summary (250,000 characters at most), cut into tokens: each alternative reads one character or one run that nothing follows, and the runs are the text’s own, so every character is read once or twice',
  'wiki-refresh.ts: (^|\\/)\\.\\.?(\\/|$)':
    'an article’s title (255 characters at most): one to four characters at each position',
  'wiki-text.ts: &(?=#?[a-z0-9]+;)':
    'cleaned prose (at most 4,000 characters): the look-ahead reads the run of letters after each "&", and runs end at the next "&", so every character is read once',
  'wiki-text.ts: (?<![\\p{L}\\p{N}])_|_(?![\\p{L}\\p{N}])':
    'cleaned prose: one character and one on either side',
  'wiki-text.ts: [\\\\`*[\\]<~]': 'cleaned prose: one character',
  'wiki-text.ts: [\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]':
    'a term or prose from an answer: one character',
  'wiki-text.ts: [^\\S\\n]+': 'a line of prose: one repetition, nothing after it',
  'wiki-text.ts: \\n{3,}': 'prose: one repetition, nothing after it',
  'wiki-text.ts: \\p{Cs}': 'prose: one character',
  'wiki-text.ts: \\p{Cs}$': 'prose cut to its length: one character before the end',
  'wiki-text.ts: \\r\\n?|[\\u2028\\u2029]': 'prose: one or two characters',
  'wiki-text.ts: \\s+': 'a term from an answer: one repetition, nothing after it',
  'wiki-text.ts: \\s\\S*$':
    'prose cut to its length: from each space to the next, so every character is read once',
  'wiki-text.ts: ^([#>+=-])': 'each line of prose: its first character',
  'wiki-text.ts: ^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$':
    'a language tag: anchored; each subtag starts with a separator, so a failing one is retried at most 8 ways and no earlier one can end elsewhere',
  'wiki-text.ts: ^(\\d{1,9})([.)])': 'each line of prose: anchored, bounded (10 characters)',
  'wikidata-prefill.ts: ^\\p{Lu}{2,6}$': 'a surface form: anchored, 6 characters at most',
  'wikidata.ts: ^Q[1-9]\\d{0,11}$': 'an item id: anchored, bounded (13 characters)',
  'wikipedia.ts: %(3A|2F|2C|3B|40|24)': 'an escaped title: three characters',
  'wikipedia.ts: ^[a-z0-9-]+\\.wikipedia\\.org$':
    'a host name: anchored; the run cannot hold the dot that follows it, so it is read once',
};

/** Every regular expression literal and `new RegExp(…)` in src/core's code, as `file: pattern`. */
function regexesInCore(): string[] {
  const found: string[] = [];
  for (const file of readdirSync(CORE)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const source = ts.createSourceFile(
      file,
      readFileSync(join(CORE, file), 'utf8'),
      ts.ScriptTarget.Latest,
    );
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        found.push(`${file}: ${node.text.slice(1, node.text.lastIndexOf('/'))}`);
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [pattern] = node.arguments ?? [];
        found.push(
          `${file}: ${pattern && ts.isStringLiteral(pattern) ? pattern.text : '(built from IGNORED)'}`,
        );
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...new Set(found)].sort();
}

/**
 * Whether `pattern` repeats without bound a group that repeats without bound
 * inside. Character classes and escapes are read over; `?`, `{m}` and `{m,n}`
 * are bounds.
 */
function nestsUnboundedRepeats(pattern: string): boolean {
  // For each open group: whether something in it repeats without bound.
  const open: boolean[] = [];
  let lastGroupRepeats = false;
  const unboundedAt = (i: number): boolean => {
    const c = pattern[i];
    if (c === '*' || c === '+') return true;
    return c === '{' && /^\{\d+,\}/.test(pattern.slice(i));
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      lastGroupRepeats = false;
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      lastGroupRepeats = false;
    } else if (c === '(') {
      open.push(false);
    } else if (c === ')') {
      lastGroupRepeats = open.pop() ?? false;
      if (unboundedAt(i + 1) && lastGroupRepeats) return true;
      if (open.length) open[open.length - 1] ||= lastGroupRepeats || unboundedAt(i + 1);
      continue;
    } else if (unboundedAt(i) && open.length) {
      open[open.length - 1] = true;
    }
  }
  return false;
}

describe('regular expressions in src/core', () => {
  it('are each reviewed, with what they read and why they are linear', () => {
    expect(regexesInCore()).toEqual(Object.keys(REVIEWED).sort());
  });

  it('never repeat without bound a group that repeats without bound', () => {
    for (const entry of regexesInCore()) {
      expect(nestsUnboundedRepeats(entry.slice(entry.indexOf(': ') + 2)), entry).toBe(false);
    }
    // The check itself: these shapes are caught, their bounded cousins are not.
    expect(nestsUnboundedRepeats('^(a+)+$')).toBe(true);
    expect(nestsUnboundedRepeats('(?:\\w*\\s?)*x')).toBe(true);
    expect(nestsUnboundedRepeats('((ab)*c){2,}')).toBe(true);
    expect(nestsUnboundedRepeats('^(?:\\.\\d{1,3}){3}$')).toBe(false);
    expect(nestsUnboundedRepeats('^[(a+)+]*$')).toBe(false);
  });
});

describe('on the inputs built to be their worst', () => {
  const n = 200_000;

  it('CSV: cells of quotes before a formula sign, lists of backslashes and bars', () => {
    const quotes = "'".repeat(n);
    const parsed = parseCsv(`name,aliases\n${quotes}=,${'\\|'.repeat(n)}\n`);
    // Too long to be a name: refused, naming the row.
    expect(parsed.ok).toBe(false);
    const written = writeCsv([makeEntity({ name: 'x', note: `${quotes}+`, aliases: ['|\\'] })]);
    expect(written).toContain(`'${quotes}+`);
  });

  it('search: a query of quotes and words, notes of marks and spaces', () => {
    expect(queryWords(`${'"a '.repeat(n / 3)}"`.slice(0, n))).not.toHaveLength(0);
    expect(queryWords('"'.repeat(n))).toEqual([]);
    expect(queryWords(`x${' '.repeat(n)}y`)).toEqual(['x', 'y']);
    expect(searchFold(`é\u0301\u00ad${'\u0131'.repeat(n)}`)).toHaveLength(n + 1);
  });

  it('site rules: long lines of letters, dots and colons', () => {
    expect(parseSiteRule('a'.repeat(n))).toEqual({ problem: 'invalid' });
    expect(parseSiteRule(`a${'+'.repeat(n)}:/`)).toEqual({ problem: 'path' });
    expect(parseSiteRule(`[${':'.repeat(n)}`)).toEqual({ problem: 'invalid' });
    expect(parseSiteRule(`${'a-'.repeat(n)}.com`)).toEqual({ problem: 'invalid' });
    expect(siteMatches(`${'.'.repeat(n)}x`, 'x')).toBe(false);
    expect(parseSiteRules(`${'a.b\n'.repeat(n / 4)}`).rules).toEqual(['a.b']);
  });

  it('names: runs of capitals, spaces, hyphens, titles, and one sentence naming thousands', () => {
    expect(findNames('Aa '.repeat(n)).names).toEqual([]);
    expect(findNames(`he said that ${'Aa-'.repeat(n / 3)}b was here`).names).toHaveLength(1);
    expect(findNames(`x${' '.repeat(n)}y Zq`).names).toEqual([]);
    expect(findNames('met Mr. '.repeat(n / 8)).names).toEqual([]);
    // 10,000 names sharing a first word, in one sentence of 300,000 characters.
    const many = Array.from({ length: 10_000 }, (_, i) => `met Foo Q${i.toString(36)} and`);
    const found = findNames(many.join(' ')).names;
    expect(found).toHaveLength(10_000);
    expect(found[0]!.sentence.length).toBeLessThanOrEqual(300);
  });

  it('the refresh’s diff: long runs of letters, marks, spaces and letters of unspaced scripts', () => {
    expect(tokenize('a\u0301'.repeat(n))).toHaveLength(1);
    expect(tokenize(' '.repeat(n))).toHaveLength(1);
    expect(tokenize('北'.repeat(n))).toHaveLength(n);
    expect(tokenize('a北 .'.repeat(n / 4))).toHaveLength(n);
  });

  it('look-ups: tags, lines, prose and Markdown built to be their worst', () => {
    expect(wikiLanguage(`en${'-abcdefghi'.repeat(n / 10)}`)).toBeUndefined();
    expect(wikiLanguage(`en${'-a'.repeat(n / 2)}x!`)).toBeUndefined();
    expect(cleanLine(`${' \u202e'.repeat(n / 2)}x`)).toBe('x');
    // Prose is read to twice its limit, at most.
    expect(cleanProse(`x${' \n'.repeat(n / 2)}${'\n'.repeat(n)}`, 4_000)).toBe('x');
    expect(cleanProse('a '.repeat(n), 4_000)).toHaveLength(3_998);
    expect(cleanProse('a'.repeat(n), 4_000)).toHaveLength(4_000);
    expect(escapeMarkdown(`&${'a'.repeat(n)}`)).toHaveLength(n + 1);
    expect(escapeMarkdown('&a'.repeat(n / 2))).toHaveLength(n);
    expect(escapeMarkdown('_'.repeat(n))).toHaveLength(2 * n);
    expect(escapeMarkdown(`${'1'.repeat(n)}.`)).toHaveLength(n + 1);
  });

  it('folding, forms, times and colours', () => {
    expect(withoutIgnored('\u200d\u00ad'.repeat(n))).toBe('');
    expect(isCapitalsForm('A'.repeat(n))).toBe(false);
    expect(foldForm(' '.repeat(n))).toBe('');
    const at = `2026-12-01T10:26:00${'.000'.repeat(n / 4)}Z`;
    const pack = parsePack(
      JSON.stringify({
        format: 'backstory-pack',
        version: 1,
        entities: [{ name: 'x', sources: [{ url: 'https://example.org/', at }] }],
      }),
    );
    expect(pack.ok).toBe(false);
    expect(v.safeParse(KindColorsSchema, { person: `#${'0'.repeat(n)}` }).success).toBe(false);
  });
});
