import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { WIKI_DATA_COLLECTION, WIKI_HOST_PERMISSIONS } from './src/core/wiki-permissions';

/**
 * Builds made for the end-to-end tests (BACKSTORY_E2E=1) open the card's
 * shadow root so tests can read the card, and go to .output/e2e so they never
 * mix with the build a user installs.
 */
const e2e = process.env.BACKSTORY_E2E === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports (`#imports`): a reader sees where every name comes from.
  imports: false,
  outDir: e2e ? '.output/e2e' : '.output',
  publicDir: 'assets/public',
  manifest: ({ browser }) => ({
    // Words come from assets/public/_locales (messages.json per language).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Keyboard commands; users rebind them in the browser's extension shortcuts.
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: '__MSG_commandPreviousMention__',
      },
      'toggle-marks': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_commandToggleMarks__',
      },
      // Opens the popup on its names without a note (src/background/commands.ts). Chrome
      // takes at most four suggested keys: this is the fourth.
      'names-without-notes': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandNamesWithoutNotes__',
      },
    },
    // storage: tells open pages when notes change. unlimitedStorage: the browser must never evict notes.
    // contextMenus: "Add note for …" on a text selection. alarms: the hourly check of subscriptions.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'alarms'],
    // Subscriptions read a pack from the origin the reader names, asked for
    // that origin alone at the reader's click (permissions.request); nothing
    // is granted at install. Chrome's MV3 names them optional_host_permissions,
    // Firefox's MV2 lists origins among optional_permissions. A look-up reads
    // Wikipedia and Wikidata, asked in the click of "Look up": the patterns
    // above hold them already, and are listed again to say what is asked.
    ...(browser === 'firefox'
      ? { optional_permissions: ['http://*/*', 'https://*/*', ...WIKI_HOST_PERMISSIONS] }
      : {
          optional_host_permissions: ['http://*/*', 'https://*/*', ...WIKI_HOST_PERMISSIONS],
          // Chrome's permission prompt is a browser dialog no driver can
          // answer, and no switch answers it. The test build holds the test
          // servers' host (127.0.0.1, every port) from install, so the
          // subscribe click's permissions.request resolves granted at once;
          // any other origin (localhost, a redirect's) is still asked for.
          // It holds Wikipedia's and Wikidata's too, so the click of "Look up"
          // resolves granted at once (its requests go to the test's stand-ins
          // on 127.0.0.1, src/background/wiki-e2e.ts).
          ...(e2e ? { host_permissions: ['http://127.0.0.1/*', ...WIKI_HOST_PERMISSIONS] } : {}),
        }),
    // The card is an extension page shown in an iframe on web pages, so the
    // note it shows never enters the page's process. Chrome serves it at a
    // per-session address (use_dynamic_url), so pages cannot probe a fixed
    // URL to learn Backstory is installed; Firefox's address already holds a
    // per-install random UUID.
    // Messages are structured clones, as Firefox's always are, so the form
    // table crosses to a tab as an ArrayBuffer (core/tab-dictionary.ts): as
    // JSON, its 1.7 MB of base64 took 200 ms in Chromium 156. Chrome 148+;
    // an older Chrome ignores the key, the table arrives unusable, and the
    // worker matches the pages.
    // https://developer.chrome.com/blog/structured-clone-messaging
    ...(browser === 'firefox' ? {} : { message_serialization: 'structured_clone' }),
    web_accessible_resources:
      browser === 'firefox'
        ? ['card.html']
        : [{ resources: ['card.html'], matches: ['<all_urls>'], use_dynamic_url: true }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'backstory@backstory.invalid',
              // CSS Custom Highlight API and data_collection_permissions: Firefox 140,
              // the ESR that Debian ships (140.12 here); 142 refused to install in it.
              strict_min_version: '140.0',
              // Nothing is sent unless the reader asks. A look-up sends the name
              // looked up, text from a page: website content, asked in its click.
              data_collection_permissions: { required: ['none'], optional: WIKI_DATA_COLLECTION },
            },
            // data_collection_permissions came to Firefox for Android in 142.
            // https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json/browser_specific_settings
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // CSS Custom Highlight API: Chrome 105; highlightsFromPoint is used when present.
          minimum_chrome_version: '105',
        }),
  }),
  vite: () => ({
    define: { __BACKSTORY_E2E__: JSON.stringify(e2e) },
    // WXT's content script context tells the page the script started, and
    // lets the page stop it: src/content/script-context.ts takes its place.
    resolve: {
      alias: [
        {
          find: /^wxt\/utils\/content-script-context$/,
          replacement: fileURLToPath(new URL('./src/content/script-context.ts', import.meta.url)),
        },
      ],
    },
  }),
  webExt: { disabled: true },
  // The sources zip (for store review) holds what builds the extension: not
  // the tests, the benchmark or their outputs.
  zip: {
    excludeSources: [
      'e2e/**',
      'bench/**',
      'bench-results/**',
      'test-results/**',
      'playwright-report/**',
      'screenshots/**',
      '.ci/**',
    ],
  },
});
