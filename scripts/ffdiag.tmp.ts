import puppeteer from 'puppeteer-core';
import { FIREFOX_PREFS, findPage, puppeteerTab } from '../e2e/support/firefox';
import { E2E_BUILD } from '../e2e/support/paths';
import { writeFileSync } from 'node:fs';
const N = Number(process.argv[2] ?? 100000);
const filler = 'Müller met Erdoğan in İstanbul; «quoted» text, "double quotes", a\\backslash, שלום, 北京, emoji 🧭, tabs\tand\nnew lines\r\n. ';
const entities = Array.from({ length: N }, (_, i) => ({ id: `large-${i}`, name: `Person ${i}`, note: (`Note ${i}. ` + filler.repeat(20)).slice(0, 2000), aliases: [`P. ${i}`], createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', origin: 'local' }));
writeFileSync('/tmp/diag/big.json', JSON.stringify({ format: 'backstory-pack', version: 1, backup: { id: 'x', exportedAt: '2026-12-01T09:00:00.000Z' }, entities }));
const t0 = Date.now();
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, extraPrefsFirefox: { ...FIREFOX_PREFS, 'devtools.console.stdout.content': true }, dumpio: true });
await browser.installExtension(E2E_BUILD.firefox);
const page = await findPage(browser, '/options.html');
const tab = puppeteerTab(page);
await tab.upload('input[type="file"]', '/tmp/diag/big.json');
let accepted = false;
for (let i = 0; i < 400; i++) {
  const s = await page.evaluate(() => [document.querySelector('[data-testid="import-preview"], [data-testid="import-result"], [data-testid="import-error"], [data-testid="import-progress"]')?.textContent ?? '', document.querySelector('#entities-title')?.textContent ?? '', document.querySelector('[role=alert]')?.textContent ?? ''].join(' | '));
  console.log('DIAG', ((Date.now() - t0) / 1000).toFixed(1), s.slice(0, 250));
  if (!accepted && /in conflict/.test(s)) { await tab.click('[data-testid="import-preview"] button.primary'); accepted = true; }
  if (/100,0/.test(s.split(' | ')[1] ?? '')) break;
  await new Promise((r) => setTimeout(r, 5000));
}
await browser.close();
