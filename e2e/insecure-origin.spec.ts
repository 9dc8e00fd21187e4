/**
 * An http:// page that is not a secure context, as many news sites' pages
 * still are: the content script runs there in full (it once called
 * `crypto.randomUUID`, which such a page lacks, and stopped before it
 * answered the popup). Chromium: its host rules give the test server a name
 * that is not secure (support/chromium.ts).
 */
import { expect, test } from './fixtures';
import { INSECURE_HOST, playwrightTab } from './support/chromium';
import { settledMarks } from './support/scenario';

test('a page that is not a secure context is marked, and the popup lists what it mentions', async ({
  server,
  page,
  openPopup,
}) => {
  const origin = server.origin.replace('127.0.0.1', INSECURE_HOST);
  await page.goto(`${origin}/demo.html`);
  // The control: this page is not a secure context, and lacks what only those have.
  expect(await page.evaluate(() => [isSecureContext, typeof crypto.randomUUID])).toEqual([
    false,
    'undefined',
  ]);
  const marks = await settledMarks(playwrightTab(page));
  expect(marks.map((m) => m.text)).toContain('Benny Gantz');
  const popup = await openPopup(page);
  await expect(popup.getByRole('button', { name: /Benny Gantz/ })).toBeVisible();
});
