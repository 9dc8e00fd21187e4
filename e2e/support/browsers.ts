/**
 * The two browsers under test behind one small interface, so every reading
 * scenario is written once and runs in both (reading.spec.ts).
 */
import type { Page } from '@playwright/test';
import { launchChromium, playwrightTab } from './chromium';
import type { ExtensionSession, Tab } from './driver';
import { launchFirefox, puppeteerTab } from './firefox';
import { E2E_BUILD } from './paths';
import { snapshotDom } from './probes';

export interface BrowserUnderTest {
  name: 'Chromium' | 'Firefox';
  /** Starts the browser with the test build installed; it has opened the manager. */
  withExtension(): Promise<ExtensionSession & { welcomePage?: Page }>;
  /** The page's DOM as markup, loaded in the same browser without Backstory. */
  baselineDom(url: string): Promise<string>;
}

async function domOf(tab: Tab, url: string): Promise<string> {
  await tab.goto(url);
  return tab.evaluate(snapshotDom);
}

export const chromiumUnderTest: BrowserUnderTest = {
  name: 'Chromium',
  async withExtension() {
    const { session, welcomePage } = await launchChromium(E2E_BUILD.chrome);
    return { ...session!, welcomePage };
  },
  async baselineDom(url) {
    const { context } = await launchChromium(null);
    try {
      return await domOf(playwrightTab(await context.newPage()), url);
    } finally {
      await context.close();
    }
  },
};

export const firefoxUnderTest: BrowserUnderTest = {
  name: 'Firefox',
  async withExtension() {
    const { session } = await launchFirefox(E2E_BUILD.firefox);
    return session!;
  },
  async baselineDom(url) {
    const { browser } = await launchFirefox(null);
    try {
      return await domOf(puppeteerTab(await browser.newPage()), url);
    } finally {
      await browser.close();
    }
  },
};
