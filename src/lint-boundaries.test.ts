/**
 * Deliberate crossings of every boundary that eslint.boundaries.js draws
 * (ARCHITECTURE.md, "Boundaries the linter enforces"). Each crossing must be
 * reported once, by the expected rule and for the expected reason, and the
 * same file without the crossing must lint clean: a rule that stops firing,
 * or that fires on everything, fails here.
 *
 * The files are virtual: lintText's filePath puts each in the folder whose
 * rules apply. They are linted with the boundary blocks alone (the objects
 * eslint.config.js spreads) and TypeScript's parser without type
 * information, which would build the whole program for every run; a last
 * test checks that the project's config gives every context these same rules.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import {
  boundaries,
  CONTEXTS,
  IMPORTS,
  NODE_GLOBALS,
  PAGE_ONLY_GLOBALS,
} from '../eslint.boundaries.js';

const ROOT = join(import.meta.dirname, '..');

const boundariesOnly = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    ...boundaries,
  ],
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await boundariesOnly.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages;
}

type Rule =
  | 'no-restricted-imports'
  | 'no-restricted-syntax'
  | 'no-restricted-globals'
  | 'no-restricted-properties';

interface Case {
  /** Where the virtual file sits: its folder decides the rules. */
  file: string;
  /** One deliberate crossing. */
  crossing: string;
  /** The same kind of file without it. */
  control: string;
  rule: Rule;
  /** For imports: the boundary (a key of IMPORTS) whose reason must be given. */
  boundary?: keyof typeof IMPORTS;
}

const importOf = (
  file: string,
  specifier: string,
  boundary: keyof typeof IMPORTS,
  control: string,
) =>
  ({
    file,
    crossing: `import * as m from '${specifier}';\nexport { m };`,
    control: `import * as m from '${control}';\nexport { m };`,
    rule: 'no-restricted-imports',
    boundary,
  }) satisfies Case;

/** The page side never reaches the database or the background. */
const PAGE_SIDE: Case[] = [
  importOf('src/content/probe.ts', '../db/schema', 'db', '../messaging/client'),
  importOf('src/content/probe.ts', 'dexie', 'dexie', '@floating-ui/dom'),
  importOf('src/content/probe.ts', '../background/router', 'background', '../ui/Card'),
  importOf('entrypoints/content.ts', '../src/db/entities', 'db', '../src/content'),
  importOf('entrypoints/content.ts', '../src/background', 'background', '../src/content'),
  importOf('entrypoints/demo/main.ts', '../../src/db/schema', 'db', '../../src/content'),
  importOf('src/ui/probe.tsx', '../db/entities', 'db', '../core/entity'),
  importOf('src/ui/probe.tsx', 'dexie', 'dexie', 'preact/hooks'),
  importOf('src/ui/probe.tsx', '../background/handlers', 'background', './lists'),
  importOf('src/options/probe.tsx', '../db/bulk', 'db', '../messaging/client'),
  importOf('src/options/editor/probe.tsx', '../../db/bulk', 'db', '../../ui/fields'),
  importOf('src/options/probe.tsx', 'dexie', 'dexie', 'preact'),
  importOf('src/options/probe.tsx', '../background/bench-hooks', 'background', '../ui/Card'),
  importOf('src/popup/probe.tsx', '../db/schema', 'db', '../messaging/tab-protocol'),
  importOf('src/popup/probe.tsx', '../background/handlers', 'background', '../core/settings'),
  importOf('entrypoints/popup/main.tsx', '../../src/db/schema', 'db', '../../src/popup/App'),
  importOf('src/card-frame/probe.tsx', '../db/entities', 'db', '../ui/Card'),
  importOf('src/card-frame/probe.tsx', '../content/marks', 'content', '../messaging/client'),
  importOf(
    'entrypoints/card/main.tsx',
    '../../src/background/router',
    'background',
    '../../src/card-frame/frame',
  ),
  // The crossing this test was written for: the manager reached the database through bench-hooks.
  importOf(
    'entrypoints/options/main.tsx',
    '../../src/background/bench-hooks',
    'background',
    '../../src/options/App',
  ),
  {
    file: 'entrypoints/options/main.tsx',
    crossing: `void import('../../src/background/bench-hooks');`,
    control: `void import('../../src/options/App');`,
    rule: 'no-restricted-syntax',
    boundary: 'background',
  },
  {
    file: 'src/options/probe.ts',
    crossing: `export type Db = import('../db/schema').BackstoryDb;`,
    control: `export type Query = import('../core/search').Query;`,
    rule: 'no-restricted-syntax',
    boundary: 'db',
  },
  {
    file: 'src/options/probe.ts',
    crossing: `import type { BackstoryDb } from '../db/schema';\nexport type Db = BackstoryDb;`,
    control: `import type { Query } from '../core/search';\nexport type Q = Query;`,
    rule: 'no-restricted-imports',
    boundary: 'db',
  },
  {
    file: 'src/content/probe.ts',
    crossing: `export * from '../db/schema';`,
    control: `export * from '../core/entity';`,
    rule: 'no-restricted-imports',
    boundary: 'db',
  },
  // WXT's root aliases name the same folders.
  importOf('src/content/probe.ts', '@/src/db/schema', 'db', '@/src/core/entity'),
  importOf('src/popup/probe.ts', '~~/src/background/router', 'background', '~~/src/core/entity'),
];

/** Each page's own code stays its own; src/ui serves them all. */
const PAGE_TO_PAGE: Case[] = [
  importOf('src/content/probe.ts', '../options/App', 'options', '../ui/Composer'),
  importOf('src/content/probe.ts', '../popup/active-tab', 'popup', '../messaging/tab-protocol'),
  importOf('entrypoints/demo/main.ts', '../../src/options/App', 'options', '../../src/content'),
  importOf('src/ui/probe.tsx', '../content/card-host', 'content', '../core/kind-colors'),
  importOf('src/ui/probe.tsx', '../options/describe-issue', 'options', '../i18n'),
  importOf('src/ui/probe.tsx', '../popup/App', 'popup', './fields'),
  importOf('src/options/probe.tsx', '../content/marks', 'content', '../ui/Markdown'),
  importOf('src/options/probe.tsx', '../popup/App', 'popup', './use-query'),
  importOf('entrypoints/options/main.tsx', '../../src/content', 'content', '../../src/i18n'),
  importOf('src/popup/probe.tsx', '../content/marks', 'content', '../ui/error-text'),
  importOf('src/popup/probe.tsx', '../options/App', 'options', './active-tab'),
];

/** What the service worker loads never reaches page code, Preact, or the other way round. */
const WORKER_IMPORTS: Case[] = [
  importOf('src/background/probe.ts', '../ui/Card', 'ui', '../core/fold'),
  importOf('src/background/probe.ts', 'preact', 'preact', 'dexie'),
  importOf('src/background/probe.ts', '../content/marks', 'content', '../db/schema'),
  importOf('src/background/probe.ts', '../options/describe-issue', 'options', './router'),
  importOf('src/background/probe.ts', '../popup/active-tab', 'popup', '../messaging/protocol'),
  importOf('entrypoints/background.ts', '../src/ui/Card', 'ui', '../src/background'),
  importOf('src/db/probe.ts', '../background/router', 'background', './schema'),
  importOf('src/db/probe.ts', '../ui/lists', 'ui', '../core/entity'),
  importOf('src/db/probe.ts', 'preact/hooks', 'preact', 'dexie'),
  importOf('src/messaging/probe.ts', '../background/failure', 'background', './protocol'),
  importOf('src/messaging/probe.ts', '../content/marks', 'content', '../core/page-match'),
  importOf('src/messaging/probe.ts', '../options/import-client', 'options', 'wxt/browser'),
  importOf('src/messaging/probe.ts', '../popup/active-tab', 'popup', 'valibot'),
  importOf('src/messaging/probe.ts', '../ui/Card', 'ui', '../i18n'),
  importOf('src/probe.ts', './db/schema', 'db', 'wxt/browser'),
  importOf('src/probe.ts', './ui/Card', 'ui', '../assets/public/_locales/en/messages.json'),
];

/** The db ⇄ messaging cycle stays closed: both take shared types from src/core. */
const CYCLE: Case[] = [
  importOf('src/db/probe.ts', '../messaging/protocol', 'messaging', '../core/trash'),
  importOf('src/db/probe.ts', '../messaging/keys', 'messaging', '../core/reader-error'),
  importOf('src/messaging/probe.ts', '../db/bulk', 'db', '../core/trash'),
  importOf('src/messaging/probe.ts', 'dexie', 'dexie', '../core/reader-error'),
];

/** src/core: its own files and plain npm packages only. */
const CORE: Case[] = [
  importOf('src/core/probe.ts', 'wxt/browser', 'extensionApi', 'valibot'),
  importOf('src/core/probe.ts', '#imports', 'extensionApi', 'papaparse'),
  importOf('src/core/probe.ts', 'webextension-polyfill', 'extensionApi', './fold'),
  importOf('src/core/probe.ts', '@wxt-dev/webextension-polyfill', 'extensionApi', './entity'),
  importOf('src/core/probe.ts', 'dexie', 'dexie', 'valibot'),
  importOf('src/core/probe.ts', 'preact', 'preact', 'marked'),
  importOf('src/core/probe.ts', 'preact/hooks', 'preact', './matcher'),
  importOf('src/core/probe.ts', '../i18n', 'outsideCore', './pack'),
  importOf('src/core/probe.ts', '../db/schema', 'outsideCore', './search'),
  importOf('src/core/probe.ts', '../messaging/protocol', 'outsideCore', './settings'),
  importOf('src/core/probe.ts', '@/src/background/router', 'outsideCore', './csv'),
  {
    file: 'src/core/probe.ts',
    crossing: `export const read = () => browser.storage.local.get();`,
    control: `export const read = (get: () => Promise<unknown>) => get();`,
    rule: 'no-restricted-globals',
  },
  {
    file: 'src/core/probe.ts',
    crossing: `export const id = chrome.runtime.id;`,
    control: `export const id = (runtime: { id: string }) => runtime.id;`,
    rule: 'no-restricted-globals',
  },
];

const WORKER_FILES = [
  'src/background/probe.ts',
  'entrypoints/background.ts',
  'src/db/probe.ts',
  'src/core/probe.ts',
  'src/messaging/probe.ts',
  'src/i18n.ts',
];
const PAGE_FILES = [
  'src/content/probe.ts',
  'entrypoints/content.ts',
  'entrypoints/demo/main.ts',
  'src/ui/probe.tsx',
  'src/options/probe.tsx',
  'entrypoints/options/main.tsx',
  'src/popup/probe.tsx',
  'entrypoints/popup/main.tsx',
];

/** No page-only global in what the service worker loads, under its name or as a property. */
const WORKER_GLOBALS: Case[] = [
  ...WORKER_FILES.flatMap((file): Case[] => [
    {
      file,
      crossing: `export const title = document.title;`,
      control: `export const origin = self.location.origin;`,
      rule: 'no-restricted-globals',
    },
    {
      file,
      crossing: `export const later = window.setTimeout(() => undefined, 1);`,
      control: `export const later = setTimeout(() => undefined, 1);`,
      rule: 'no-restricted-globals',
    },
    {
      file,
      crossing: `localStorage.setItem('k', 'v');`,
      control: `export const open = indexedDB.open('k');`,
      rule: 'no-restricted-globals',
    },
    {
      file,
      crossing: `export const body = globalThis.document.body;`,
      control: `export const id = globalThis.crypto.randomUUID();`,
      rule: 'no-restricted-properties',
    },
    {
      file,
      crossing: `export const store = self.localStorage;`,
      control: `export const caches = self.caches;`,
      rule: 'no-restricted-properties',
    },
  ]),
  // Every name on the list, against a local of the same name (not a global).
  ...PAGE_ONLY_GLOBALS.map((name): Case => ({
    file: 'src/background/probe.ts',
    crossing: `export const x = ${name};`,
    control: `const ${name} = 1;\nexport const x = ${name};`,
    rule: 'no-restricted-globals',
  })),
];

/** Extension code, worker and pages alike, is browser code: no Node. */
const NODE: Case[] = [
  ...[...WORKER_FILES, ...PAGE_FILES].flatMap((file): Case[] => [
    importOf(file, 'node:fs', 'node', 'valibot'),
    {
      file,
      crossing: `export const e2e = process.env.BACKSTORY_E2E;`,
      control: `export const mode = import.meta.env.MODE;`,
      rule: 'no-restricted-globals',
    },
  ]),
  importOf('src/content/probe.ts', 'path', 'node', 'marked'),
  importOf('src/options/probe.ts', 'fs/promises', 'node', 'papaparse'),
  ...NODE_GLOBALS.map((name): Case => ({
    file: 'src/content/probe.ts',
    crossing: `export const x = ${name};`,
    control: `const ${name} = 1;\nexport const x = ${name};`,
    rule: 'no-restricted-globals',
  })),
];

const GROUPS = {
  'page side: no database, no background': PAGE_SIDE,
  'page side: each page its own': PAGE_TO_PAGE,
  'worker side: no page code': WORKER_IMPORTS,
  'db and messaging: no cycle': CYCLE,
  'src/core stands alone': CORE,
  'worker side: no page-only globals': WORKER_GLOBALS,
  'no Node in extension code': NODE,
};

const show = (messages: Linter.LintMessage[]) =>
  messages.map((m) => ({ rule: m.ruleId, message: m.message }));

for (const [group, cases] of Object.entries(GROUPS)) {
  describe(group, () => {
    it.each(cases)('$file: $crossing', async ({ file, crossing, control, rule, boundary }) => {
      const reported = show(await lint(file, crossing));
      expect(reported).toHaveLength(1);
      expect(reported[0]!.rule).toBe(rule);
      if (boundary) expect(reported[0]!.message).toContain(IMPORTS[boundary]!.message);
      expect(show(await lint(file, control)), control).toEqual([]);
    });
  });
}

describe('what the boundaries leave alone', () => {
  it.each([
    // Pages have a DOM.
    ['src/content/probe.ts', `export const title = document.title;`],
    ['src/options/probe.tsx', `export const x = <p>{window.location.hash}</p>;`],
    ['src/popup/probe.ts', `localStorage.getItem('k');`],
    // Tests and their setup run in Node and may reach anything.
    ['src/background/probe.test.ts', `import 'node:fs';\nexport const d = document;`],
    ['src/content/probe.test.ts', `import '../db/schema';\nexport const c = process.cwd();`],
    ['src/core/probe.test.tsx', `import '../test-setup/fixtures';\nimport 'preact';`],
    ['src/test-setup/probe.ts', `import 'node:fs';\nimport '../db/schema';`],
    // Node code outside the extension.
    ['bench/probe.ts', `import 'node:fs';\nexport const c = process.cwd();`],
    ['scripts/probe.ts', `import '../src/db/schema';`],
  ])('%s', async (file, code) => {
    expect(show(await lint(file, code))).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => relative(ROOT, join(ROOT, dir, f)))
    .filter((f) => !f.startsWith('src/test-setup/'));
}

/** The contexts whose blocks apply to a file (each block names its own in `settings`). */
async function contextsOf(file: string): Promise<string[]> {
  const config = (await boundariesOnly.calculateConfigForFile(file)) as {
    settings?: { backstoryContexts?: Record<string, boolean> };
  };
  return Object.keys(config.settings?.backstoryContexts ?? {});
}

describe('every source file', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('entrypoints')];

  it('is in exactly one context, whose rules are not overridden by a later block', async () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(await contextsOf(file), file).toHaveLength(1);
  });

  it('gets the same boundary rules from eslint.config.js', async () => {
    const project = new ESLint({ cwd: ROOT });
    const ruleIds: Rule[] = [
      'no-restricted-imports',
      'no-restricted-syntax',
      'no-restricted-globals',
      'no-restricted-properties',
    ];
    const pick = (config: { rules?: Record<string, unknown> }) =>
      Object.fromEntries(ruleIds.map((id) => [id, config.rules?.[id]]));
    for (const file of files) {
      const [theirs, ours] = (await Promise.all([
        project.calculateConfigForFile(file),
        boundariesOnly.calculateConfigForFile(file),
      ])) as [{ rules?: Record<string, unknown> }, { rules?: Record<string, unknown> }];
      expect(pick(theirs), file).toEqual(pick(ours));
    }
  });

  it('covers every context with a crossing in this file', async () => {
    const tested = new Set(Object.values(GROUPS).flatMap((cases) => cases.map((c) => c.file)));
    const reached = new Set(
      (await Promise.all([...tested].map(contextsOf))).flatMap((names) => names),
    );
    expect([...reached].sort()).toEqual(CONTEXTS.map((c) => c.name).sort());
  });
});
