// @ts-check
// The boundaries between Backstory's contexts (ARCHITECTURE.md, "Boundaries
// the linter enforces"), as lint rules. eslint.config.js spreads `boundaries`
// into the project's config, and src/lint-boundaries.test.ts lints deliberate
// crossings with the same objects, so a rule that stops firing fails a test.
//
// Each file belongs to one context below, and each context sets its rules
// whole: in a flat config a later block's options for a rule replace the
// earlier ones, so contexts must not overlap (the test checks that too).
import { builtinModules } from 'node:module';

/** Tests and their setup run in Node, beside the code they test. */
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'src/test-setup/**'];

// ---- Imports -----------------------------------------------------------------
// Module specifiers as written (ESLint does not resolve them), matched by
// regular expressions. A folder is named through a relative path or one of
// WXT's root aliases (@/, ~/, @@/, ~~/), e.g. '../db/schema' or
// '../../src/background/bench-hooks'.

const LOCAL = String.raw`(?:\.{1,2}|@@?|~~?)/(?:.*/)?`;
/** @param {string[]} names */
const folder = (...names) => String.raw`^${LOCAL}(?:${names.join('|')})(?:/|$)`;
/** @param {string[]} names */
const pkg = (...names) => String.raw`^(?:${names.join('|')})(?:/|$)`;

const NODE_BUILTINS = builtinModules.filter((name) => !name.includes('/'));

/**
 * Everything one context may not import, by what it is. Each entry is one
 * boundary, with the reason a reader sees when lint stops them.
 * @typedef {{ regex: string; message: string }} Restriction
 * @type {Record<string, Restriction>}
 */
export const IMPORTS = {
  db: {
    regex: folder('db'),
    message:
      'Only the background reaches the database (src/db): ask it with a message (src/messaging/protocol.ts).',
  },
  dexie: {
    regex: pkg('dexie'),
    message:
      'Dexie belongs to the database (src/db) and the background that holds it; everything else asks the background.',
  },
  background: {
    regex: folder('background'),
    message:
      'The background runs in the service worker with the database: reach it by message (src/messaging/protocol.ts), never by import.',
  },
  content: {
    regex: folder('content'),
    message:
      'src/content is the content script, running in web pages: other contexts reach it by tab message (src/messaging/tab-protocol.ts).',
  },
  options: {
    regex: folder('options'),
    message:
      "src/options is the manager page's own code: what another context needs from it belongs in src/ui or src/core.",
  },
  popup: {
    regex: folder('popup'),
    message:
      "src/popup is the popup's own code: what another context needs from it belongs in src/ui or src/core.",
  },
  ui: {
    regex: folder('ui'),
    message:
      'src/ui renders Preact into a DOM; the service worker has none. Shared logic belongs in src/core.',
  },
  preact: {
    regex: String.raw`^preact(?:-[\w-]+)?(?:/|$)`,
    message: 'Preact renders into a DOM; the service worker has none.',
  },
  messaging: {
    regex: folder('messaging'),
    message:
      'src/db does not import src/messaging: the protocol carries the database’s data, not the other way round. Types both need live in src/core.',
  },
  outsideCore: {
    // src/core is flat: any path that leaves its folder leaves core.
    regex: String.raw`^(?:\.\.|@@?|~~?)/`,
    message:
      'src/core is pure TypeScript shared by every context: it imports only its own files and plain npm packages.',
  },
  extensionApi: {
    regex: String.raw`^(?:wxt(?:/|$)|#imports$|webextension-polyfill(?:/|$)|@wxt-dev/)`,
    message:
      'src/core runs anywhere, tests and benchmark included: no extension API. Pass what it needs in as arguments.',
  },
  node: {
    regex: String.raw`^(?:node:|(?:${NODE_BUILTINS.join('|')})(?:/|$))`,
    message:
      'Extension code runs in the browser: Node modules do not exist there (tests and their setup may use them).',
  },
};

// ---- Globals -----------------------------------------------------------------
// no-restricted-globals works on .ts files, where typescript-eslint turns
// no-undef (and so `languageOptions.globals`) off: TypeScript's DOM library
// declares `document` for every file, so only this rule can refuse it.

/** Page-only globals: a service worker has no DOM, storage of a page, or window. */
export const PAGE_ONLY_GLOBALS = [
  'document',
  'window',
  'localStorage',
  'sessionStorage',
  'alert',
  'confirm',
  'prompt',
  'getComputedStyle',
  'matchMedia',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'MutationObserver',
  'IntersectionObserver',
  'ResizeObserver',
  'XMLHttpRequest',
  'DOMParser',
  'customElements',
  'history',
  'parent',
  'top',
  'opener',
  'frames',
];
const PAGE_ONLY_MESSAGE =
  'Code the service worker loads has no DOM, window or page storage (Chrome stops it at any time; state goes to IndexedDB or storage.local).';

export const NODE_GLOBALS = [
  'process',
  'Buffer',
  '__dirname',
  '__filename',
  'require',
  'module',
  'exports',
  'global',
  'setImmediate',
  'clearImmediate',
];
const NODE_MESSAGE =
  'Extension code runs in the browser: Node globals do not exist there (builds read import.meta.env or __BACKSTORY_E2E__).';

/** The extension API as globals, for src/core (elsewhere it comes from wxt/browser). */
const EXTENSION_GLOBALS = ['browser', 'chrome'];
const EXTENSION_MESSAGE =
  'src/core runs anywhere, tests and benchmark included: no extension API. Pass what it needs in as arguments.';

/**
 * @param {string[]} names
 * @param {string} message
 */
const globalsRule = (names, message) => names.map((name) => ({ name, message }));

// ---- Contexts ----------------------------------------------------------------

/**
 * @typedef {object} Context
 * @property {string} name
 * @property {string[]} files
 * @property {string[]} imports what its files may not import (keys of IMPORTS)
 * @property {boolean} worker whether the service worker loads it (no page-only globals)
 * @property {boolean} [core] no extension API globals either
 */

/** @type {Context[]} */
export const CONTEXTS = [
  {
    name: 'core',
    files: ['src/core/**'],
    imports: ['outsideCore', 'extensionApi', 'dexie', 'preact', 'node'],
    worker: true,
    core: true,
  },
  {
    name: 'db',
    files: ['src/db/**'],
    imports: ['messaging', 'background', 'content', 'ui', 'options', 'popup', 'preact', 'node'],
    worker: true,
  },
  {
    // Shared with the pages, and loaded by the worker: both sets of limits.
    name: 'messaging',
    files: ['src/messaging/**'],
    imports: ['db', 'dexie', 'background', 'content', 'ui', 'options', 'popup', 'preact', 'node'],
    worker: true,
  },
  {
    name: 'background',
    files: ['src/background/**', 'entrypoints/background.ts'],
    imports: ['content', 'ui', 'options', 'popup', 'preact', 'node'],
    worker: true,
  },
  {
    // src/i18n.ts and src/globals.d.ts: loaded by every context, the worker included.
    name: 'shared',
    files: ['src/*.ts'],
    imports: ['db', 'dexie', 'background', 'content', 'ui', 'options', 'popup', 'preact', 'node'],
    worker: true,
  },
  {
    // The demo page runs the content script's code itself (content scripts do
    // not run on extension pages), so it is held to the same limits.
    name: 'content',
    files: ['src/content/**', 'entrypoints/content.ts', 'entrypoints/demo/**'],
    imports: ['db', 'dexie', 'background', 'options', 'popup', 'node'],
    worker: false,
  },
  {
    name: 'ui',
    files: ['src/ui/**'],
    imports: ['db', 'dexie', 'background', 'content', 'options', 'popup', 'node'],
    worker: false,
  },
  {
    name: 'options',
    files: ['src/options/**', 'entrypoints/options/**'],
    imports: ['db', 'dexie', 'background', 'content', 'popup', 'node'],
    worker: false,
  },
  {
    // The card's own document, an extension page shown in an iframe on web pages.
    name: 'card-frame',
    files: ['src/card-frame/**', 'entrypoints/card/**'],
    imports: ['db', 'dexie', 'background', 'content', 'options', 'popup', 'node'],
    worker: false,
  },
  {
    name: 'popup',
    files: ['src/popup/**', 'entrypoints/popup/**'],
    imports: ['db', 'dexie', 'background', 'content', 'options', 'node'],
    worker: false,
  },
];

/**
 * no-restricted-imports does not look at `import('…')` (nor at type-only
 * `import('…').T`), so the same patterns are refused there through
 * no-restricted-syntax. Selector regexes cannot hold a '/', hence \x2F.
 * @param {Restriction} restriction
 */
function importExpressions({ regex, message }) {
  const re = regex.replaceAll('/', String.raw`\x2F`);
  return {
    selector: `:matches(ImportExpression[source.value=/${re}/], TSImportType[source.value=/${re}/])`,
    message,
  };
}

/**
 * @param {Context} context
 * @returns {import('eslint').Linter.Config}
 */
function contextBlock(context) {
  const restricted = context.imports.map((key) => {
    const restriction = IMPORTS[key];
    if (!restriction) throw new Error(`eslint.boundaries.js: no import restriction "${key}"`);
    return restriction;
  });
  const globals = [
    ...(context.worker ? globalsRule(PAGE_ONLY_GLOBALS, PAGE_ONLY_MESSAGE) : []),
    ...(context.core ? globalsRule(EXTENSION_GLOBALS, EXTENSION_MESSAGE) : []),
    ...globalsRule(NODE_GLOBALS, NODE_MESSAGE),
  ];
  // `globalThis.document` and `self.window` are the same crossing by another name.
  const properties = context.worker
    ? ['globalThis', 'self'].flatMap((object) =>
        PAGE_ONLY_GLOBALS.map((property) => ({ object, property, message: PAGE_ONLY_MESSAGE })),
      )
    : [];
  return {
    name: `backstory/boundaries/${context.name}`,
    files: context.files,
    ignores: TESTS,
    // Which contexts a file is in, merged across blocks: the test reads it to
    // check that every file is in exactly one.
    settings: { backstoryContexts: { [context.name]: true } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: restricted.map(({ regex, message }) => ({
            regex,
            message,
            caseSensitive: true,
          })),
        },
      ],
      'no-restricted-syntax': ['error', ...restricted.map(importExpressions)],
      'no-restricted-globals': ['error', ...globals],
      ...(properties.length ? { 'no-restricted-properties': ['error', ...properties] } : {}),
    },
  };
}

/**
 * The config blocks, one per context.
 * @type {import('eslint').Linter.Config[]}
 */
export const boundaries = CONTEXTS.map(contextBlock);
