/**
 * Look-ups in Firefox against the local stand-ins for Wikidata and
 * Wikipedia (src/test-setup/wiki-server.ts). Chromium's test build holds
 * 127.0.0.1 and the Wikimedia hosts from install and its worker is reached
 * over CDP (e2e/lookup.spec.ts); Firefox's holds neither, and BiDi reaches
 * no background page. So, from the manager (an extension page):
 *
 * - `allowWikiStandIns`: the stand-ins' host (127.0.0.1) asked with
 *   permissions.request in a real click (Firefox grants optional
 *   permissions only in a user's input handler; the test profile's switch,
 *   support/firefox.ts, then grants without a prompt). The extension's own
 *   click of Look up asks for the Wikimedia hosts and data collection as it
 *   does for a reader.
 * - `pointAtWikiStandIns`: names the stand-ins in the background page
 *   (runtime.getBackgroundPage), as the Chromium tests do in the worker
 *   (src/background/wiki-e2e.ts). An event page that was stopped comes
 *   back without them: call it again before each look-up.
 *
 * Also the few steps the specs take in the manager with Puppeteer, which
 * has no role queries: buttons and fields found by their text.
 */
import type { Page } from 'puppeteer-core';
import type { WikiServer } from '../../src/test-setup/wiki-server';
import { waitFor } from './driver';

const MARK = 'data-e2e-target';

/** What these steps use of the WebExtension API in the manager page. */
interface Api {
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
  runtime: { getBackgroundPage(): Promise<unknown> };
}

/** Marks the first element `selector` matches whose text (or label) is `text`; false if none. */
function mark(page: Page, selector: string, text: string): Promise<boolean> {
  return page.evaluate(
    (sel: string, wanted: string, attr: string) => {
      document.querySelectorAll(`[${attr}]`).forEach((el) => el.removeAttribute(attr));
      for (const el of document.querySelectorAll<HTMLElement>(sel)) {
        const own = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        const label = el.closest('label')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        const named = el.getAttribute('aria-label') ?? '';
        if (own === wanted || named === wanted || label.startsWith(wanted)) {
          el.setAttribute(attr, '');
          return true;
        }
      }
      return false;
    },
    selector,
    text,
    MARK,
  );
}

/** Clicks, with the real pointer, the button whose text or label is `text`, waiting for it. */
export async function clickButton(page: Page, text: string, within = 'body'): Promise<void> {
  await waitFor(() => mark(page, `${within} button`, text), `no button “${text}”`);
  await page.click(`[${MARK}]`);
}

/** Types `value` into the field labelled `label` (its text so far replaced). */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  await waitFor(() => mark(page, 'input, textarea', label), `no field “${label}”`);
  await page.$eval(`[${MARK}]`, (el) => {
    const field = el as HTMLInputElement;
    field.value = '';
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.type(`[${MARK}]`, value);
}

/** The value of the field labelled `label`. */
export async function fieldValue(page: Page, label: string): Promise<string> {
  await waitFor(() => mark(page, 'input, textarea', label), `no field “${label}”`);
  return page.$eval(`[${MARK}]`, (el) => (el as HTMLInputElement).value);
}

/** Lets the extension read the stand-ins' host, in a real click, as a subscription's click does. */
export async function allowWikiStandIns(manager: Page): Promise<void> {
  await manager.evaluate(() => {
    const button = document.createElement('button');
    button.id = 'e2e-allow-stand-ins';
    button.textContent = 'allow 127.0.0.1';
    button.addEventListener('click', () => {
      const api = (globalThis as unknown as { browser: Api }).browser;
      void api.permissions
        .request({ origins: ['http://127.0.0.1/*'] })
        .then((granted) => button.setAttribute('data-granted', String(granted)));
    });
    document.body.append(button);
  });
  await manager.click('#e2e-allow-stand-ins');
  const granted = await waitFor(
    () => manager.$eval('#e2e-allow-stand-ins', (b) => b.getAttribute('data-granted')),
    'the permission request did not answer',
  );
  await manager.$eval('#e2e-allow-stand-ins', (b) => b.remove());
  if (granted !== 'true') throw new Error('Firefox refused the stand-ins’ host');
}

/** Names the stand-ins in the background page, for the look-ups that follow. */
export async function pointAtWikiStandIns(manager: Page, wiki: WikiServer): Promise<void> {
  const endpoints = {
    wikidata: wiki.wikidataApi,
    wikipedia: new URL(wiki.wikipedia('en')).origin,
  };
  await manager.evaluate(async (e) => {
    const api = (globalThis as unknown as { browser: Api }).browser;
    const background = (await api.runtime.getBackgroundPage()) as {
      backstoryWikiEndpoints?: unknown;
    };
    background.backstoryWikiEndpoints = e;
  }, endpoints);
}
