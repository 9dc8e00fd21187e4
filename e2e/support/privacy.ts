/**
 * What a hostile page can learn or do, tried in Chromium and Firefox alike
 * (privacy.spec.ts). The pages (e2e/sites/hostile.html, quiet.html) load
 * e2e/sites/spy.js first, which records in `window.spy` every highlight range
 * it ever sees over planted hidden text (polled on every task), every message
 * posted to the window, every start event of WXT's content script context
 * (named with the extension's id), every element added by anyone but the page, and
 * whether its own `backstory-card` custom element was ever constructed.
 * Each negative claim has a control that shows the test could fail.
 */
import { expect } from '@playwright/test';
import { waitFor, type ExtensionSession } from './driver';
import { cardContent, readCard, readMarks, revealMark } from './probes';
import { importPackFile, settledMarks, writeTempFile } from './scenario';

interface Spy {
  planted: string[];
  names: string[];
  messages: string[];
  internals: unknown[];
  added: string[];
  polls: number;
  keys: string[];
  selections: string[];
  announced: string[];
}

const readSpy = (): Spy => {
  const spy = (window as unknown as { spy: Spy }).spy;
  return { ...spy, internals: spy.internals.map(() => 'internals') };
};

/** Waits until the page has run `ms` of its own clock, a frame at a time. */
function pageTime(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const until = performance.now() + ms;
    const tick = () => (performance.now() >= until ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });
}

/**
 * Dispatches synthetic pointer, mouse and key events at a point for `ms` of
 * the page's clock, every frame: what a page would do to open the card of a
 * mark (and, through it, read the note), or to move between mentions.
 */
function syntheticEvents({ x, y, ms }: { x: number; y: number; ms: number }): Promise<void> {
  return new Promise((resolve) => {
    const until = performance.now() + ms;
    const init = { clientX: x, clientY: y, bubbles: true, composed: true, cancelable: true };
    const tick = () => {
      const target = document.elementFromPoint(x, y) ?? document.body;
      for (const type of ['pointerover', 'pointerenter', 'pointermove'])
        target.dispatchEvent(new PointerEvent(type, { ...init, pointerType: 'mouse' }));
      for (const type of ['mouseover', 'mousemove'])
        target.dispatchEvent(new MouseEvent(type, init));
      for (const key of ['N', 'P', 'M'])
        document.dispatchEvent(
          new KeyboardEvent('keydown', { key, altKey: true, shiftKey: true, bubbles: true }),
        );
      if (performance.now() >= until) resolve();
      else requestAnimationFrame(tick);
    };
    tick();
  });
}

const cardDelayEnded = () => performance.getEntriesByName('backstory-card-delay-end').length > 0;

export async function hostilePageScenario(
  session: ExtensionSession,
  origin: string,
): Promise<void> {
  // The page knows Backstory's id, as it could a published extension's.
  const id = await session.welcome.evaluate(extensionId);
  const tab = await session.newTab();
  await tab.goto(`${origin}/sites/hostile.html?ext=${encodeURIComponent(id)}`);

  // Control: the same names, written where the reader sees them, are marked.
  const marks = await settledMarks(tab);
  expect(marks.map((m) => m.text)).toEqual(
    expect.arrayContaining(['Benny Gantz', 'Hulusi Akar', 'Ankara']),
  );
  // The page read CSS.highlights on every task all along, and never saw a planted name.
  let spy = await tab.evaluate(readSpy);
  expect(spy.polls).toBeGreaterThan(1);
  expect(spy.planted).toEqual([]);
  expect(spy.names.every((n) => n.startsWith('backstory-'))).toBe(true);

  // The page dispatches that event itself, as a newer copy of a WXT content
  // script would to stop the old one: Backstory goes on (the text added
  // next is marked). Control: the page's listener hears its own event.
  await tab.evaluate(
    (name) =>
      document.dispatchEvent(
        new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'page' } }),
      ),
    `${id}:content:wxt:content-script-started`,
  );
  expect((await tab.evaluate(readSpy)).announced).toEqual([
    `${id}:content:wxt:content-script-started`,
  ]);

  // Text added later: hidden and visible together; only the visible one is marked.
  await tab.evaluate(() => {
    const late = document.createElement('div');
    late.setAttribute('data-page', '');
    late.innerHTML =
      '<p data-plant="late-opacity" style="opacity: 0">Ilham Aliyev</p><p>Late news from Baku.</p>';
    document.body.append(late);
  });
  await waitFor(
    async () => (await tab.evaluate(readMarks)).some((m) => m.text === 'Baku'),
    'the visible text added later was not marked',
  );
  expect((await tab.evaluate(readSpy)).planted).toEqual([]);

  // Synthetic events at a mark, for five hover delays of the page's clock,
  // open nothing: no card, not even one prepared out of sight.
  const rect = await waitFor(() => tab.evaluate(revealMark, 'Ankara'), 'no mark for Ankara');
  const point = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  await tab.evaluate(syntheticEvents, { ...point, ms: 1500 });
  expect(await tab.evaluate(cardDelayEnded)).toBe(false);
  expect((await tab.evaluate(readCard)).hostCount).toBe(0);
  expect((await tab.evaluate(readSpy)).added).toEqual([]);

  // Control: the reader's own pointer on the same mark opens the card.
  await tab.pointer(point.x, point.y);
  await waitFor(
    async () => (await tab.evaluate(readCard)).visible,
    'the card did not show for a real hover',
  );
  expect((await cardContent(tab)).title).toBe('Ankara');
  // A synthetic Escape does not close it; the reader's does.
  await tab.evaluate(() =>
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })),
  );
  await tab.evaluate(pageTime, 600);
  expect((await tab.evaluate(readCard)).visible).toBe(true);
  await tab.press('Escape');
  await waitFor(async () => !(await tab.evaluate(readCard)).visible, 'Esc did not close the card');

  // The page's own `backstory-card` element was never made, so it never held the card's
  // root; nothing was posted to the window; the only element added is the card's host.
  spy = await tab.evaluate(readSpy);
  expect(spy.internals).toEqual([]);
  expect(spy.messages).toEqual([]);
  expect(spy.added).toEqual(['div']);
  expect(spy.planted).toEqual([]);
  await tab.close();
}

/** The extension's id, read in one of its own pages. */
function extensionId(): string {
  type Api = { runtime: { id: string } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  return (g.browser ?? g.chrome).runtime.id;
}

/** Runs protocol messages from an extension page, as the manager would. */
function sendFromExtensionPage(message: { type: string; payload: unknown }): Promise<unknown> {
  type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  return (g.browser ?? g.chrome).runtime.sendMessage(message);
}

const nothingFromBackstory = (): { highlights: number; adopted: number } => ({
  highlights: CSS.highlights.size,
  adopted: document.adoptedStyleSheets.length,
});

/** Resolves once the content script has read its settings (test builds leave this mark). */
const contentReady = () => performance.getEntriesByName('backstory-ready').length > 0;
/** Resolves once a full scan has finished, whatever it found. */
const scanned = () => performance.getEntriesByName('backstory-marked').length > 0;

export async function quietPagesScenario(session: ExtensionSession, origin: string): Promise<void> {
  // A page with nothing to mark: after the full scan, no trace at all.
  const quiet = await session.newTab();
  await quiet.goto(`${origin}/sites/quiet.html`);
  await waitFor(() => quiet.evaluate(scanned), 'the quiet page was never scanned');
  await quiet.evaluate(pageTime, 300);
  expect(await quiet.evaluate(nothingFromBackstory)).toEqual({ highlights: 0, adopted: 0 });
  let spy = await quiet.evaluate(readSpy);
  expect(spy).toMatchObject({ names: [], messages: [], added: [] });
  await quiet.close();

  // A site switched off: the page mentions notes, yet nothing is read or registered.
  const off = await session.welcome.evaluate(sendFromExtensionPage, {
    type: 'settingsSet',
    payload: { neverSites: ['127.0.0.1'] },
  });
  expect(off).toMatchObject({ ok: true });
  const tab = await session.newTab();
  await tab.goto(`${origin}/sites/hostile.html`);
  await waitFor(() => tab.evaluate(contentReady), 'the content script never started');
  await tab.evaluate(pageTime, 500);
  expect(await tab.evaluate(scanned)).toBe(false);
  expect(await tab.evaluate(nothingFromBackstory)).toEqual({ highlights: 0, adopted: 0 });
  spy = await tab.evaluate(readSpy);
  expect(spy).toMatchObject({ names: [], messages: [], added: [], planted: [] });

  // Control: switched on again, the same open page is marked at once.
  await session.welcome.evaluate(sendFromExtensionPage, {
    type: 'settingsSet',
    payload: { neverSites: [] },
  });
  const marks = await settledMarks(tab);
  expect(marks.map((m) => m.text)).toContain('Benny Gantz');
  expect((await tab.evaluate(readSpy)).messages).toEqual([]);
}

/**
 * The reader selects and types in the card while the page logs every key,
 * input and selection event on its window, in the capture phase: the card's
 * document is not the page's, so nothing reaches the page. The control: the
 * same logger hears the reader type into the page's own field.
 */
export async function cardInputScenario(session: ExtensionSession, origin: string): Promise<void> {
  const tab = await session.newTab();
  await tab.goto(`${origin}/sites/hostile.html`);
  await settledMarks(tab);
  await tab.click('#page-input');
  await tab.type('ab');
  expect((await tab.evaluate(readSpy)).keys).toEqual(expect.arrayContaining(['keydown:a']));
  await tab.evaluate(() => {
    const spy = (window as unknown as { spy: Spy }).spy;
    spy.keys.length = 0;
    spy.selections.length = 0;
  });

  const rect = await waitFor(() => tab.evaluate(revealMark, 'Benny Gantz'), 'no mark');
  await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');

  // Selecting the note selects it in the card's document, not in the page's.
  await tab.clickInCard('.note p', 3);
  const selected = await waitFor(
    () => tab.evaluateInCard(() => String(getSelection())),
    'nothing was selected in the card',
  );
  expect(selected).toContain('Israeli politician');
  expect(await tab.evaluate(() => String(getSelection()))).not.toContain('Israeli');

  // Typing a note in the card: the card has every key, the page none.
  await tab.clickInCard('.actions button');
  await tab.clickInCard('form.editor textarea');
  await tab.type('Zebra quartz');
  expect(await tab.evaluateInCard(() => document.querySelector('textarea')?.value ?? '')).toContain(
    'Zebra quartz',
  );
  const spy = await tab.evaluate(readSpy);
  expect(spy.keys).toEqual([]);
  expect(spy.selections.filter((s) => s.includes('Israeli') || s.includes('Zebra'))).toEqual([]);
  await tab.close();
}

/**
 * The page's CSS and elements against the card: rules that would hide every
 * `div` and iframe, then an overlay over the whole viewport at the highest
 * z-index, added after the card's host. The card still shows, and the
 * reader's click lands on it (its pin button), not on the overlay.
 */
export async function clickTrapScenario(session: ExtensionSession, origin: string): Promise<void> {
  const tab = await session.newTab();
  await tab.goto(`${origin}/sites/hostile.html`);
  await settledMarks(tab);
  const rect = await waitFor(() => tab.evaluate(revealMark, 'Hulusi Akar'), 'no mark');
  const hover = async () => {
    await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
    await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  };
  // The first hover makes the host; then the page hides every div and iframe it can.
  await hover();
  const hoverSize = () => tab.evaluate(() => CSS.highlights.get('backstory-hover')?.size ?? -1);
  expect(await hoverSize()).toBe(1);
  await tab.press('Escape');
  await tab.pointer(1, 1);
  // The card hit-tests once per frame: a return to the mark within the same
  // frame never left it, and a card dismissed with Esc stays dismissed. Wait
  // until the hover highlight shows the pointer has left the mark.
  await waitFor(async () => (await hoverSize()) === 0, 'the pointer did not leave the mark');
  await tab.evaluate(() => {
    const style = document.createElement('style');
    style.textContent =
      'div, iframe { display: none !important; visibility: hidden !important; opacity: 0 !important; }';
    document.head.append(style);
  });
  await hover();
  // An overlay on top of everything the page can stack, added after the host.
  await tab.evaluate(() => {
    const trap = document.createElement('section');
    trap.id = 'trap';
    trap.style.cssText = 'position: fixed; inset: 0; z-index: 2147483647; background: transparent';
    trap.addEventListener('click', () => (trap.dataset.clicked = 'yes'));
    document.documentElement.append(trap);
  });
  await tab.clickInCard('button.pin');
  expect(
    await tab.evaluateInCard(
      () => document.querySelector('button.pin')?.getAttribute('aria-pressed') ?? '',
    ),
  ).toBe('true');
  expect(await tab.evaluate(() => document.getElementById('trap')?.dataset.clicked ?? 'no')).toBe(
    'no',
  );
  expect((await tab.evaluate(readCard)).visible).toBe(true);
  await tab.close();
}

/**
 * A page that stops the reader's pointer and key events at the window, in
 * the capture phase (e2e/sites/event-wall.js), before any listener on the
 * document hears them. Backstory listens on the window from
 * `document_start`, before the page's scripts: the card still opens on a
 * mark, and Esc still closes it. The control: the page's own listener on
 * the document heard nothing.
 */
export async function eventWallScenario(session: ExtensionSession, origin: string): Promise<void> {
  const tab = await session.newTab();
  await tab.goto(`${origin}/sites/event-wall.html`);
  await settledMarks(tab);
  const rect = await waitFor(() => tab.evaluate(revealMark, 'Benny Gantz'), 'no mark');
  await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  expect((await cardContent(tab)).title).toBe('Benny Gantz');
  await tab.press('Escape');
  await waitFor(async () => !(await tab.evaluate(readCard)).visible, 'Esc did not hide the card');
  expect(await tab.evaluate(() => (window as unknown as { heardBelow: number }).heardBelow)).toBe(
    0,
  );
  await tab.close();
}

/**
 * Run in the page: takes every range Backstory registered in `CSS.highlights`
 * and tries to move it onto the page's decoy paragraph. `own`: the page's
 * own live Range, moved the same way (the control: the move works where a
 * range can move).
 */
function moveRanges(): { own: string; moved: string[]; seen: number } {
  const decoy = document.getElementById('decoy')!.firstChild!;
  const move = (range: AbstractRange): boolean => {
    try {
      (range as Range).setStart(decoy, 0);
      (range as Range).setEnd(decoy, 9);
      return true;
    } catch {
      return false;
    }
  };
  const own = document.createRange();
  own.selectNodeContents(document.getElementById('news')!);
  move(own);
  const moved: string[] = [];
  let seen = 0;
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-')) return;
    for (const range of highlight as unknown as Iterable<AbstractRange>) {
      seen++;
      if (move(range)) moved.push(name);
    }
  });
  return { own: own.toString(), moved, seen };
}

/**
 * A page that reads the marks' ranges from `CSS.highlights` and moves them
 * onto its own text (e2e/sites/range-move.html). Backstory registers
 * StaticRange copies, which no script can change: the marks stay on the
 * name, and the card opens there. With live Ranges the page moved every
 * mark onto its decoy, and the name's card was gone.
 */
export async function rangeMoveScenario(session: ExtensionSession, origin: string): Promise<void> {
  const tab = await session.newTab();
  await tab.goto(`${origin}/sites/range-move.html`);
  const before = (await settledMarks(tab)).map((m) => m.text);
  expect(before).toContain('Benny Gantz');
  // The card opens on the name before the move (the control for the one after).
  let rect = await waitFor(() => tab.evaluate(revealMark, 'Benny Gantz'), 'no mark');
  await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  await tab.press('Escape');
  await waitFor(async () => !(await tab.evaluate(readCard)).visible, 'Esc did not hide the card');
  // Away, so that coming back is a move.
  await tab.pointer(1, 1);
  const tried = await tab.evaluate(moveRanges);
  expect(tried.own).toBe('Sponsored');
  expect(tried.seen).toBeGreaterThanOrEqual(before.length);
  expect((await tab.evaluate(readMarks)).map((m) => m.text)).toEqual(before);
  rect = await waitFor(() => tab.evaluate(revealMark, 'Benny Gantz'), 'no mark after the move');
  await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
  await waitFor(async () => (await tab.evaluate(readCard)).visible, 'the card did not show');
  expect((await cardContent(tab)).title).toBe('Benny Gantz');
  expect(tried.moved).toEqual([]);
  await tab.close();
}

/**
 * Run in the page: rewrites the marked paragraph's text node in place (as
 * React sets a text node's `nodeValue`) and, in the next frame before it
 * is painted, reads the text each registered range covers in that node.
 */
function rewriteMarkedText(): Promise<string[]> {
  const node = document.getElementById('news')!.firstChild as Text;
  node.data = 'Weather today: sunny and warm, with a light wind.';
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const covered: string[] = [];
      CSS.highlights.forEach((highlight, name) => {
        if (!name.startsWith('backstory-')) return;
        for (const range of highlight as unknown as Iterable<AbstractRange>) {
          const { startContainer, startOffset, endContainer, endOffset } = range;
          if (startContainer !== node || endContainer !== node || endOffset > node.length) continue;
          if (startOffset < endOffset) covered.push(node.data.slice(startOffset, endOffset));
        }
      });
      resolve(covered);
    }),
  );
}

/**
 * A page that changes marked text in place. A mark's StaticRange keeps its
 * offsets until the block is read again (after a batch delay): the mark
 * whose text changed is taken out at once, so no frame draws it over the
 * new text, nor opens its card there. Written back, the name is marked again.
 */
export async function changedTextScenario(
  session: ExtensionSession,
  origin: string,
): Promise<void> {
  const tab = await session.newTab();
  await tab.goto(`${origin}/sites/range-move.html`);
  expect((await settledMarks(tab)).map((m) => m.text)).toContain('Benny Gantz');
  expect(await tab.evaluate(rewriteMarkedText)).toEqual([]);
  await waitFor(
    async () => !(await tab.evaluate(readMarks)).some((m) => m.text === 'Benny Gantz'),
    'the old mark stayed',
  );
  await tab.evaluate(() => {
    (document.getElementById('news')!.firstChild as Text).data =
      'Benny Gantz visited Ankara on Thursday.';
  });
  await waitFor(
    async () => (await tab.evaluate(readMarks)).some((m) => m.text === 'Benny Gantz' && m.rect),
    'the name was not marked again',
  );
  await tab.close();
}

/** The card's frame as the page can measure it (the host's shadow root is open in test builds). */
function cardFrameBox(): { width: number; height: number } | null {
  const frame = document
    .querySelector('[data-backstory-e2e="card"]')
    ?.shadowRoot?.querySelector('iframe');
  const box = frame?.getBoundingClientRect();
  return box ? { width: box.width, height: box.height } : null;
}

/** What card.css and the card frame allow as a card's height and width (src/card-frame/frame.tsx). */
const CARD_HEIGHTS = [180, 260, 340, 420];
const CARD_WIDTHS = [380, 320, 260];

/** The card's frame lies inside the page's viewport. */
function cardInViewport(): boolean {
  const frame = document
    .querySelector('[data-backstory-e2e="card"]')
    ?.shadowRoot?.querySelector('iframe');
  const box = frame?.getBoundingClientRect();
  return Boolean(box && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight);
}

/**
 * A page that measures the card's frame learns from its size at most which
 * of a few heights a note falls in: the width is a step the viewport alone
 * picks, and the height is a step. Before, the frame took the card's exact size, and a
 * note of one word made a shorter card than any other. The control: a note
 * of a few lines takes the next step. A note longer than the room beside
 * its mark still fits the viewport (its body scrolls): the step gives way
 * to the room.
 */
export async function cardSizeScenario(session: ExtensionSession, origin: string): Promise<void> {
  const long = Array.from(
    { length: 12 },
    (_, i) => `Line ${i + 1} of a long note, with enough words to wrap once or twice in the card.`,
  ).join('\n\n');
  const file = writeTempFile(
    'card-size.json',
    JSON.stringify({
      format: 'backstory-pack',
      version: 1,
      title: 'Card sizes',
      entities: [
        { name: 'Aurelio Quintana', kind: 'person', note: 'Short.' },
        {
          name: 'Marisol Ibarra',
          kind: 'person',
          note: 'A note of a few lines: mayor of a coastal town, then a member of the regional parliament for two terms, and since then an adviser to the ministry on fisheries and ports.',
        },
        { name: 'Tomasz Wrobel', kind: 'person', note: long },
      ],
    }),
  );
  expect(await importPackFile(session.welcome, file)).toMatch(/added 3,/);
  const tab = await session.newTab();
  await tab.goto(`${origin}/sites/card-size.html`);
  await settledMarks(tab);
  const open = async (name: string) => {
    await tab.pointer(1, 1);
    const rect = await waitFor(() => tab.evaluate(revealMark, name), `no mark for ${name}`);
    await tab.pointer(rect.x + 3, rect.y + rect.height / 2);
    await waitFor(
      async () => (await tab.evaluate(readCard)).visible && (await cardContent(tab)).title === name,
      `the card of ${name} did not show`,
    );
  };
  const close = async () => {
    await tab.press('Escape');
    await waitFor(async () => !(await tab.evaluate(readCard)).visible, 'Esc did not hide the card');
  };
  const measure = async (name: string) => {
    await open(name);
    const box = await tab.evaluate(cardFrameBox);
    await close();
    return box!;
  };
  const short = await measure('Aurelio Quintana');
  const lines = await measure('Marisol Ibarra');
  expect(short.width).toBe(lines.width);
  expect(short.height).toBe(CARD_HEIGHTS[0]);
  expect(lines.height).toBe(CARD_HEIGHTS[1]);
  await open('Tomasz Wrobel');
  await waitFor(() => tab.evaluate(cardInViewport), 'the long card ran off the viewport');
  await close();
  // Narrow viewports: the width is a step too, the widest leaving 8 px a side
  // (the last in a viewport narrower still), and not the viewport's every pixel.
  const widths: number[] = [];
  for (const width of [390, 350, 300, 250]) {
    await tab.viewport(width, 700);
    await waitFor(
      () => tab.evaluate((w) => innerWidth === w, width),
      `the viewport is not ${width}`,
    );
    widths.push((await measure('Marisol Ibarra')).width);
  }
  expect(widths).toEqual([CARD_WIDTHS[1], CARD_WIDTHS[1], CARD_WIDTHS[2], CARD_WIDTHS[2]]);
  expect(short.width).toBe(CARD_WIDTHS[0]);
  await tab.close();
}
