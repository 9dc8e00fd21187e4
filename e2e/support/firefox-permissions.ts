/**
 * Firefox's own permission UI, driven for real. Started with
 * `--remote-allow-system-access`, Firefox lets WebDriver BiDi list its
 * browser window (`browsingContext.getTree` with `"moz:scope": "chrome"`)
 * and run script in it, so a test can do there what a reader does:
 *
 * - answer the prompt (a doorhanger) that the extension's
 *   `permissions.request` opens, with its own Allow or Deny button. Prompts
 *   are Firefox's default; FIREFOX_PREFS turns them off for the other
 *   tests, and PROMPTING turns them back on;
 * - grant or withdraw what the extension may do, as the Permissions tab of
 *   about:addons and the toolbar's site access do (`ExtensionPermissions`,
 *   with the extension's policy, as OriginControls calls it).
 *
 * Nothing of the extension is stood in for: its `permissions.request` waits
 * on the real prompt, and its own checks read the real permission store.
 */
import type { Browser } from 'puppeteer-core';
import { waitFor } from './driver';
import type { FirefoxLaunch } from './firefox';

/** The extension's id in Firefox (wxt.config.ts, browser_specific_settings). */
export const FIREFOX_ID = 'backstory@backstory.invalid';

/** Firefox that asks before granting an optional permission, with its window reachable over BiDi. */
export const PROMPTING = {
  prefs: { 'extensions.webextOptionalPermissionPrompts': true },
  args: ['--remote-allow-system-access'],
} satisfies FirefoxLaunch;

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

/** Puppeteer's own BiDi connection: the commands it has no method for go through it. */
const bidi = (browser: Browser) =>
  (browser as unknown as { connection: BidiConnection }).connection;

async function browserWindow(browser: Browser): Promise<string> {
  const { result } = await bidi(browser).send('browsingContext.getTree', {
    'moz:scope': 'chrome',
    maxDepth: 0,
  });
  const { contexts } = result as { contexts: { context: string; url: string }[] };
  const window = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('No Firefox window: was it started with PROMPTING.args?');
  return window.context;
}

/**
 * Why this Firefox's window cannot be driven, or null when it can. Listing
 * the parent process's windows over BiDi (`"moz:scope": "chrome"`) came
 * after Firefox 140 ESR, which lists only pages, so its prompt cannot be
 * answered there and a test that needs it says so and is skipped.
 * https://bugzilla.mozilla.org/show_bug.cgi?id=1944568
 */
export async function firefoxWindowOutOfReach(browser: Browser): Promise<string | null> {
  const reached = await browserWindow(browser).then(
    () => true,
    () => false,
  );
  return reached
    ? null
    : `${await browser.version()} does not list its own window over WebDriver BiDi ("moz:scope": "chrome"): its permission prompt cannot be answered here`;
}

/** Runs `expression` in Firefox's window, awaits it, and parses the JSON text it gives. */
async function inFirefoxWindow<T>(browser: Browser, expression: string): Promise<T> {
  const { result } = await bidi(browser).send('script.evaluate', {
    expression,
    target: { context: await browserWindow(browser) },
    awaitPromise: true,
  });
  const outcome = result as
    | { type: 'success'; result: { value?: unknown } }
    | { type: 'exception'; exceptionDetails: { text: string } };
  if (outcome.type === 'exception')
    throw new Error(`In Firefox's window: ${outcome.exceptionDetails.text}`);
  return JSON.parse(String(outcome.result.value)) as T;
}

export interface PermissionPrompt {
  /** Every text of the prompt, in order: its title, the sites, the data collection. */
  texts: string[];
  allow: string;
  deny: string;
}

/** The extension's permission prompt open in the window, or null (ExtensionsUI's doorhanger). */
const OPEN_PROMPT = `JSON.stringify((() => {
  const panel = PopupNotifications.panel;
  const prompt = panel.state === 'open' && panel.querySelector('#addon-webext-permissions-notification');
  if (!prompt) return null;
  const walker = document.createTreeWalker(prompt, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) if (walker.currentNode.data.trim()) texts.push(walker.currentNode.data.trim());
  return { texts, allow: prompt.button.label, deny: prompt.secondaryButton.label };
})())`;

/**
 * Waits for the extension's permission prompt, presses Allow or Deny on it
 * and waits for it to close; returns what it said.
 */
export async function answerPermissionPrompt(
  browser: Browser,
  answer: 'allow' | 'deny',
): Promise<PermissionPrompt> {
  const prompt = await waitFor(
    () => inFirefoxWindow<PermissionPrompt | null>(browser, OPEN_PROMPT),
    'Firefox showed no permission prompt',
  );
  const button = answer === 'allow' ? 'button' : 'secondaryButton';
  await inFirefoxWindow(
    browser,
    `PopupNotifications.panel.querySelector('#addon-webext-permissions-notification').${button}.click(); 'null'`,
  );
  await waitFor(
    async () => (await inFirefoxWindow(browser, OPEN_PROMPT)) === null,
    'the permission prompt stayed open',
  );
  return prompt;
}

/** Whether the extension's permission prompt is open now. */
export async function promptIsOpen(browser: Browser): Promise<boolean> {
  return (await inFirefoxWindow(browser, OPEN_PROMPT)) !== null;
}

/**
 * Grants or withdraws host permissions and data collections as the
 * browser's settings for the extension do, without a prompt.
 */
export async function changePermissions(
  browser: Browser,
  change: 'grant' | 'withdraw',
  { origins = [], dataCollection = [] }: { origins?: string[]; dataCollection?: string[] },
): Promise<void> {
  const perms = JSON.stringify({ permissions: [], origins, data_collection: dataCollection });
  await inFirefoxWindow(
    browser,
    `(async () => {
      const { ExtensionPermissions } = ChromeUtils.importESModule(
        'resource://gre/modules/ExtensionPermissions.sys.mjs',
      );
      const policy = WebExtensionPolicy.getByID(${JSON.stringify(FIREFOX_ID)});
      await ExtensionPermissions.${change === 'grant' ? 'add' : 'remove'}(policy.id, ${perms}, policy.extension);
      return 'null';
    })()`,
  );
}
