/**
 * The first frame painted after DOMContentLoaded carries the marks, in
 * Chromium and in Firefox, and which marks the reader can see is decided in
 * that frame, after the browser computed the page's style and layout for
 * it, not by making it compute them early (src/content/pre-paint.ts, issue
 * 14). The page (e2e/sites/first-frame.html) counts the ranges registered
 * at its first frame's animation callback and at the last step before that
 * frame's paint; its rest is held until the tab has the form table and has
 * read what arrived, so the marks can only be late through the way they are
 * registered.
 */
import { expect, test, type BrowserName } from './fixtures';
import { waitFor } from './support/driver';
import { settledMarks } from './support/scenario';

interface Probe {
  atAnimationFrame: number;
  beforePaint: number;
  errors: string[];
}

/** Whether the tab has read a sound form table, and the read-ahead what was parsed. */
const ready = () =>
  performance
    .getEntriesByName('backstory-table-read')
    .some((e) => (e as PerformanceMeasure).detail !== null) &&
  performance.getEntriesByName('backstory-read-ahead-caught-up').length > 0;

/** How the test build's scans asked which marks are visible: in a frame (true) or at once. */
const visibilityAsked = () =>
  performance
    .getEntriesByName('backstory-visibility-asked')
    .map((e) => (e as PerformanceMark).detail as boolean);

for (const browserName of ['Chromium', 'Firefox'] as BrowserName[]) {
  test.describe(browserName, () => {
    test.use({ browserUnderTest: browserName });

    test('the first frame after DOMContentLoaded is painted with every mark, decided in that frame', async ({
      server,
      extension,
    }) => {
      const tab = await extension.newTab();
      const loading = tab.goto(
        `${server.origin}/stream/first-frame.html?gate=first-frame-${browserName}`,
      );
      await waitFor(
        () => tab.evaluate(ready).catch(() => false),
        'the tab never had the table and the first part read',
      );
      expect((await fetch(`${server.origin}/stream-open/first-frame-${browserName}`)).status).toBe(
        204,
      );
      await loading;
      const marks = await settledMarks(tab);
      const probe = await waitFor(
        () =>
          tab
            .evaluate(() => (window as unknown as { __firstFrame: Probe }).__firstFrame)
            .then((p) => (p.beforePaint >= 0 ? p : null)),
        'the page never counted its first frame',
      );
      // The hidden name is not marked; the others are, all in the first frame.
      expect(marks.map((m) => m.text).sort()).toEqual([
        'Ankara',
        'Benny Gantz',
        'Hulusi Akar',
        'weapon sales',
      ]);
      expect(probe.beforePaint).toBe(marks.length);
      // The control: at the frame's animation callback, before its style and
      // layout, nothing was registered yet, so the count before paint is what
      // tells a marked frame from an unmarked one.
      expect(probe.atAnimationFrame).toBe(0);
      expect((await tab.evaluate(visibilityAsked))[0]).toBe(true);
      // The page heard nothing of it.
      expect(probe.errors).toEqual([]);
      await tab.close();
    });
  });
}
