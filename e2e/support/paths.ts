/**
 * Where the tests find browsers, builds and the corpus. Every path can be
 * overridden from the environment.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CORPUS = resolve(ROOT, process.env.BACKSTORY_CORPUS ?? '../shared/corpus');
export const SEED = resolve(CORPUS, '../seed');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The test builds (open shadow roots), made by `npm run build:e2e`. */
export const E2E_BUILD = {
  chrome: resolve(ROOT, '.output/e2e/chrome-mv3'),
  firefox: resolve(ROOT, '.output/e2e/firefox-mv2'),
};
/** The builds a user installs. */
export const USER_BUILD = {
  chrome: resolve(ROOT, '.output/chrome-mv3'),
  firefox: resolve(ROOT, '.output/firefox-mv2'),
};

export const hasCorpus = existsSync(resolve(CORPUS, 'pages'));
export const NO_CORPUS_MESSAGE = `The news corpus is not at ${CORPUS}: set BACKSTORY_CORPUS to its folder to run the tests that use real pages.`;

export function requireBrowser(path: string, name: string): string {
  if (!existsSync(path)) {
    throw new Error(
      `${name} was not found at ${path}. On Debian: apt-get install -y chromium firefox-esr (or set ${
        name === 'Chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'
      }).`,
    );
  }
  return path;
}

export function requireBuild(dir: string): string {
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(
      `No extension build at ${dir}: run npm run build:e2e (npm test does it for you).`,
    );
  }
  return dir;
}
