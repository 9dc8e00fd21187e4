/**
 * A hostile page, in Chromium and in Firefox: it plants names where the
 * reader cannot see them and polls CSS.highlights, defines the card host's
 * old custom element name, dispatches synthetic events at marks, listens for
 * messages and dispatches the start event of WXT's content script context,
 * stops the reader's events at the window, moves the marks' ranges;
 * a page with nothing to mark and a site switched off carry no trace of
 * Backstory.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type BrowserName } from './fixtures';
import { E2E_BUILD, requireBuild } from './support/paths';
import {
  cardInputScenario,
  cardSizeScenario,
  changedTextScenario,
  clickTrapScenario,
  eventWallScenario,
  hostilePageScenario,
  quietPagesScenario,
  rangeMoveScenario,
} from './support/privacy';

// WXT's content script context dispatches `<id>:content:wxt:content-script-started`
// on the page's document and stops the script when it hears it
// (src/content/script-context.ts): the builds make none. The control: the file
// read is the content script.
test("the built content scripts neither dispatch nor hear WXT's start event", () => {
  for (const dir of [E2E_BUILD.chrome, E2E_BUILD.firefox]) {
    const code = readFileSync(resolve(requireBuild(dir), 'content-scripts/content.js'), 'utf8');
    expect(code).toContain('backstory-ready');
    expect(code).not.toContain('content-script-started');
  }
});

for (const browserName of ['Chromium', 'Firefox'] as BrowserName[]) {
  test.describe(browserName, () => {
    test.use({ browserUnderTest: browserName });

    test('a hostile page sees no hidden mark, cannot open the card, and hears nothing', async ({
      server,
      extension,
    }) => {
      await hostilePageScenario(extension, server.origin);
    });

    test('what the reader selects and types in the card never reaches the page', async ({
      server,
      extension,
    }) => {
      await cardInputScenario(extension, server.origin);
    });

    test("the page's CSS cannot hide the card, nor an overlay take its clicks", async ({
      server,
      extension,
    }) => {
      await clickTrapScenario(extension, server.origin);
    });

    test('a page that stops every event at the window still gets the card, and Esc', async ({
      server,
      extension,
    }) => {
      await eventWallScenario(extension, server.origin);
    });

    test("a page cannot move the marks' ranges it reads in CSS.highlights", async ({
      server,
      extension,
    }) => {
      await rangeMoveScenario(extension, server.origin);
    });

    test("the card's size tells the page a few steps, not its note's length, and fits the viewport", async ({
      server,
      extension,
    }) => {
      await cardSizeScenario(extension, server.origin);
    });

    test('marked text the page changes in place is never drawn over in the next frame', async ({
      server,
      extension,
    }) => {
      await changedTextScenario(extension, server.origin);
    });

    test('a page with nothing to mark, and a site switched off, carry no trace', async ({
      server,
      extension,
    }) => {
      await quietPagesScenario(extension, server.origin);
    });
  });
}
