/**
 * The matching rules on the project's own pages (e2e/sites), in a real
 * browser: every `[data-case]` element lists the marks expected inside it.
 */
import { expect } from '@playwright/test';
import { waitFor, type ExtensionSession, type Tab } from './driver';
import { importPackFile, writeTempFile } from './scenario';

const entity = (name: string, kind: string, aliases: string[] = []) => ({
  name,
  kind,
  aliases,
  note: `Note on ${name}.`,
});

export const RULES_PACK = JSON.stringify({
  format: 'backstory-pack',
  version: 1,
  title: 'Rules',
  entities: [
    // Hulusi Akar, Benny Gantz, Ankara, Israel and Turkey are starter notes;
    // the pack adds names that the starter notes do not have.
    entity('Defence Minister', 'topic'),
    entity('בני גנץ', 'person', ['גנץ']),
    entity('NATO', 'organization', ['北约']),
    entity('US', 'place'),
    entity('Tunis', 'place'),
    entity('Zimbabwe', 'place'),
    entity('Recep Tayyip Erdoğan', 'person', ['Erdoğan']),
    entity('İzmir', 'place'),
    entity('Isparta', 'place', ['Ispartalı']),
    entity('Māori', 'topic'),
    entity('Nagorno-Karabakh', 'place'),
    entity('weapon sales', 'topic'),
    entity('İsrail', 'place'),
    entity('以色列', 'place'),
    entity('土耳其', 'place'),
    entity('Beijing', 'place', ['北京']),
  ],
});

/** Marks grouped by the [data-case] around them (through shadow hosts), in document order. */
export function readMarksByCase(): Record<string, string[]> {
  const caseOf = (node: Node | null): string | null => {
    for (let n = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
      if (n instanceof Element && n.hasAttribute('data-case')) return n.getAttribute('data-case');
    }
    return null;
  };
  const groups: Record<string, Range[]> = {};
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-') || name === 'backstory-hover' || name === 'backstory-flash')
      return;
    for (const found of highlight as unknown as Iterable<AbstractRange>) {
      // A live copy of Backstory's StaticRange, to read and order.
      const range = document.createRange();
      range.setStart(found.startContainer, found.startOffset);
      range.setEnd(found.endContainer, found.endOffset);
      const id = caseOf(range.startContainer) ?? '(none)';
      (groups[id] ??= []).push(range);
    }
  });
  const out: Record<string, string[]> = {};
  for (const [id, ranges] of Object.entries(groups)) {
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    out[id] = ranges.map((r) => r.toString());
  }
  return out;
}

/** The expected marks per case; `after` reads data-expect-after where a case has it. */
export function readExpected(after: boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const el of document.querySelectorAll('[data-case]')) {
    const attribute =
      after && el.hasAttribute('data-expect-after') ? 'data-expect-after' : 'data-expect';
    const expect = el.getAttribute(attribute) ?? '';
    out[el.getAttribute('data-case')!] = expect ? expect.split('|') : [];
  }
  return out;
}

async function expectCases(tab: Tab, only?: string[]): Promise<void> {
  const expected = await tab.evaluate(readExpected, Boolean(only));
  expect(Object.keys(expected).length, `no [data-case] on ${tab.url()}`).toBeGreaterThan(0);
  let actual: Record<string, string[]> = {};
  const pick = (r: Record<string, string[]>) =>
    Object.fromEntries(
      Object.keys(expected)
        .filter((k) => !only || only.includes(k))
        .map((k) => [k, r[k] ?? []]),
    );
  // Marks settle shortly after load (and after the live changes): poll until they agree.
  await waitFor(async () => {
    actual = await tab.evaluate(readMarksByCase);
    return JSON.stringify(pick(actual)) === JSON.stringify(pick(expected));
  }, 'marks differ from the expected ones').catch(() => undefined);
  expect(pick(actual)).toEqual(pick(expected));
  expect(actual['(none)'] ?? []).toEqual([]);
}

export async function rulesScenario(session: ExtensionSession, origin: string): Promise<void> {
  const message = await importPackFile(session.welcome, writeTempFile('rules.json', RULES_PACK));
  expect(message).toMatch(/added \d+,/);
  const tab = await session.newTab();

  await tab.goto(`${origin}/sites/rules.html`);
  await expectCases(tab);
  // A same-origin frame marks its own text; a frame without text (an ad's) has not
  // started (src/content/frame-text.ts) until text comes, and then marks it.
  const frames = async () =>
    Object.fromEntries(
      await tab.evaluateInFrames(() => {
        const marked: string[] = [];
        CSS.highlights.forEach((ranges) => {
          for (const found of ranges as unknown as Iterable<AbstractRange>) {
            // A live copy of Backstory's StaticRange, to read its text.
            const range = document.createRange();
            range.setStart(found.startContainer, found.startOffset);
            range.setEnd(found.endContainer, found.endOffset);
            marked.push(String(range));
          }
        });
        const started = performance.getEntriesByName('backstory-ready').length > 0;
        return [frameElement?.getAttribute('data-frame') ?? '?', { marked, started }] as const;
      }),
    );
  expect(await frames()).toEqual({
    srcdoc: { marked: ['NATO'], started: true },
    empty: { marked: [], started: false },
  });
  await tab.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('[data-frame="empty"]')!;
    frame.contentDocument!.querySelector('#slot')!.append('NATO, late in a frame');
  });
  await waitFor(
    async () => (await frames()).empty?.marked.join('|') === 'NATO',
    'a frame that got its text late was not marked',
  );
  // Text edited and removed after load.
  await tab.evaluate(() => {
    document.querySelector('[data-case="edited"]')!.textContent = 'Hulusi Akar, edited in';
    document.querySelector('[data-case="removed"]')!.textContent = '';
  });
  await expectCases(tab, ['edited', 'removed']);
  // A single-page app moves on: new URL, new text.
  await tab.evaluate(() => {
    history.pushState({}, '', '?story=2');
    document.querySelector('[data-case="heading"]')!.textContent = 'Benny Gantz lands in Baku';
  });
  await waitFor(
    async () => (await tab.evaluate(readMarksByCase)).heading?.join('|') === 'Benny Gantz|Baku',
    'the new page text was not marked after pushState',
  );

  for (const page of ['tr', 'he', 'zh']) {
    await tab.goto(`${origin}/sites/${page}.html`);
    await expectCases(tab);
  }
}
