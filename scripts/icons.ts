/**
 * npm run icons: renders assets/icon.svg to the PNG sizes the manifests use
 * (assets/public/icon/SIZE.png), with Chromium. Run it after changing the SVG.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_ARGS } from '../e2e/support/chromium';
import { CHROMIUM_PATH, requireBrowser, ROOT } from '../e2e/support/paths';

const svg = readFileSync(resolve(ROOT, 'assets/icon.svg'), 'utf8');
const out = resolve(ROOT, 'assets/public/icon');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: requireBrowser(CHROMIUM_PATH, 'Chromium'),
  args: CHROMIUM_ARGS,
});
for (const size of [16, 32, 48, 96, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>*{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: resolve(out, `${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
console.log(`Icons written to ${out}`);
