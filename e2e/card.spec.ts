/**
 * The card in Chromium, on the demo article with the starter notes: pin,
 * moving between mentions, editing in place, the theme setting, and "Open in
 * manager".
 */
import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from './support/chromium';
import { waitFor } from './support/driver';
import { E2E_BUILD } from './support/paths';
import { readCard, revealMark } from './support/probes';
import { settledMarks } from './support/scenario';
import { startServer, type TestServer } from './support/server';
import { playwrightTab } from './support/chromium';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(() => server.close());

/** Rests the pointer on the first mark with `text` and waits for its card. */
async function openCard(page: Page, text: string) {
  const tab = playwrightTab(page);
  const rect = await waitFor(() => tab.evaluate(revealMark, text), `no mark for ${text}`);
  await page.mouse.move(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  return page.locator('[data-backstory-e2e="card"] [role="dialog"]');
}

const cardVisible = (page: Page) =>
  playwrightTab(page)
    .evaluate(readCard)
    .then((c) => c.visible);

test('the card pins, moves between mentions, edits in place and opens the manager', async () => {
  const { context, session } = await launchChromium(E2E_BUILD.chrome);
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/demo.html`);
    await settledMarks(playwrightTab(page));
    const card = await openCard(page, 'Gantz');
    await expect(card.getByRole('heading')).toHaveText('Benny Gantz');

    // Pinned, it stays when the pointer leaves; unpinned, it goes.
    await card.getByRole('button', { name: 'Keep this card open' }).click();
    await expect(card.getByRole('button', { name: 'Let this card close' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.mouse.move(5, 5);
    await page.mouse.move(8, 8);
    await page.waitForTimeout(800);
    expect(await cardVisible(page)).toBe(true);
    await card.getByRole('button', { name: 'Let this card close' }).click();
    await page.mouse.move(5, 5);
    await page.mouse.move(9, 9);
    await waitFor(async () => !(await cardVisible(page)), 'the unpinned card stayed');

    // Previous / next: the count follows, the page scrolls and the mention flashes.
    const again = await openCard(page, 'Gantz');
    const count = again.getByTestId('mention-count');
    const [, first, total] = /Mention (\d+) of (\d+)/.exec((await count.textContent()) ?? '')!;
    expect(Number(total)).toBeGreaterThanOrEqual(3);
    await again.getByRole('button', { name: 'Next mention' }).click();
    await expect(count).toHaveText(`Mention ${Number(first) + 1} of ${total}`);
    expect(await page.evaluate(() => CSS.highlights.get('backstory-flash')?.size)).toBe(1);
    await again.getByRole('button', { name: 'Previous mention' }).click();
    await expect(count).toHaveText(`Mention ${first} of ${total}`);

    // Edit in place: the note changes at once, and in another tab.
    await again.getByRole('button', { name: 'Edit', exact: true }).click();
    await again.getByLabel('Note').fill('Edited **in the card**.');
    await again.getByLabel('Aliases').fill('Gantz, Benjamin Gantz, Benny');
    await again.getByRole('button', { name: 'Save' }).click();
    await expect(again.locator('.note')).toHaveText('Edited in the card.');
    const other = await context.newPage();
    await other.goto(`${server.origin}/demo.html`);
    await settledMarks(playwrightTab(other));
    const otherCard = await openCard(other, 'Gantz');
    await expect(otherCard.locator('.note')).toHaveText('Edited in the card.');

    // Open in manager: a manager tab opens with the entity in the editor.
    const [manager] = await Promise.all([
      context.waitForEvent('page', { predicate: (p) => p.url().includes('options.html#entity=') }),
      otherCard.getByRole('button', { name: 'Open in manager' }).click(),
    ]);
    await expect(manager.getByRole('form', { name: 'Edit Benny Gantz' })).toBeVisible();
    await expect(
      manager.getByRole('form', { name: 'Edit Benny Gantz' }).getByLabel('Note'),
    ).toHaveValue('Edited **in the card**.');
  } finally {
    await session!.close();
  }
});

test('the card follows the theme setting and right-to-left text', async () => {
  const { context, session, welcomePage } = await launchChromium(E2E_BUILD.chrome);
  try {
    await welcomePage!.getByLabel('Card colours').selectOption('dark');
    const page = await context.newPage();
    await page.goto(`${server.origin}/sites/he.html`);
    await settledMarks(playwrightTab(page));
    await openCard(page, 'בני גנץ');
    const frame = await page.evaluate(() => {
      const f = document
        .querySelector('[data-backstory-e2e="card"]')!
        .shadowRoot!.querySelector<HTMLElement>('.frame')!;
      return {
        theme: f.dataset.theme,
        dir: f.dir,
        bg: getComputedStyle(f.querySelector('.card')!).backgroundColor,
      };
    });
    expect(frame).toEqual({ theme: 'dark', dir: 'rtl', bg: 'rgb(34, 32, 28)' });
  } finally {
    await session!.close();
  }
});

test('keyboard commands: next and previous mention open the card with focus; Esc gives it back; marks toggle', async () => {
  const { context, session } = await launchChromium(E2E_BUILD.chrome);
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/demo.html`);
    await settledMarks(playwrightTab(page));
    await page.bringToFront();
    await page.locator('h1').first().click();
    const worker = context.serviceWorkers()[0]!;
    const run = (command: string) =>
      worker.evaluate(
        (c) =>
          (
            globalThis as unknown as { backstoryRunCommand: (c: string) => Promise<void> }
          ).backstoryRunCommand(c),
        command,
      );
    const focusInCard = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        return host?.hasAttribute('data-backstory-e2e')
          ? (host.shadowRoot?.activeElement?.getAttribute('role') ?? 'host')
          : null;
      });
    const flashed = () =>
      page.evaluate(() => {
        const [range] = (CSS.highlights.get('backstory-flash') as unknown as Set<Range>) ?? [];
        return range
          ? `${range.toString()}@${Math.round(range.getBoundingClientRect().top + scrollY)}`
          : null;
      });

    await run('next-mention');
    await waitFor(
      async () => (await focusInCard()) === 'dialog',
      'focus did not move into the card',
    );
    expect(await cardVisible(page)).toBe(true);
    const first = await flashed();
    expect(first).not.toBeNull();
    await run('next-mention');
    await waitFor(async () => (await flashed()) !== first, 'next-mention did not move on');
    await run('previous-mention');
    await waitFor(async () => (await flashed()) === first, 'previous-mention did not come back');

    await page.keyboard.press('Escape');
    await waitFor(async () => !(await cardVisible(page)), 'Esc did not close the card');
    expect(await focusInCard()).toBeNull();
    expect(
      await page.evaluate(() => document.activeElement?.hasAttribute('data-backstory-e2e')),
    ).not.toBe(true);

    const kinds = () =>
      page.evaluate(
        () => [...CSS.highlights.keys()].filter((k) => k === 'backstory-person').length,
      );
    expect(await kinds()).toBe(1);
    await run('toggle-marks');
    await waitFor(async () => (await kinds()) === 0, 'toggle-marks did not hide the marks');
    await run('toggle-marks');
    await waitFor(async () => (await kinds()) === 1, 'toggle-marks did not show them again');
  } finally {
    await session!.close();
  }
});

test('hover timings: the card waits for the delay set in the manager, and lingers 300 ms after the pointer leaves', async () => {
  const { context, session, welcomePage } = await launchChromium(E2E_BUILD.chrome);
  try {
    const delay = welcomePage!.getByRole('spinbutton');
    await delay.fill('1000');
    await delay.press('Tab');
    const page = await context.newPage();
    await page.goto(`${server.origin}/demo.html`);
    await settledMarks(playwrightTab(page));
    const rect = await waitFor(() => playwrightTab(page).evaluate(revealMark, 'Gantz'), 'no mark');
    const start = Date.now();
    await page.mouse.move(rect.x + 3, rect.y + rect.height / 2);
    await page.waitForTimeout(500);
    expect(await cardVisible(page)).toBe(false);
    await waitFor(() => cardVisible(page), 'the card did not show after the delay');
    expect(Date.now() - start).toBeGreaterThanOrEqual(1000);

    await page.mouse.move(5, 5);
    expect(await cardVisible(page)).toBe(true);
    await waitFor(async () => !(await cardVisible(page)), 'the card did not go');
  } finally {
    await session!.close();
  }
});
