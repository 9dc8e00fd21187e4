/**
 * The little that the shared scenarios need from a browser tab, so the same
 * steps run in Chromium (Playwright) and Firefox (Puppeteer over BiDi).
 */
export interface Tab {
  goto(url: string): Promise<void>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  evaluate<R>(fn: () => R): Promise<R>;
  /** Runs `fn` in every child frame of the page; one result per frame. */
  evaluateInFrames<R>(fn: () => R): Promise<R[]>;
  /** Runs `fn` in the card's own document (an extension frame); null while there is none. */
  evaluateInCard<R>(fn: () => R): Promise<R | null>;
  /** Clicks (`count` times, with the real pointer) the first element `selector` matches in the card. */
  clickInCard(selector: string, count?: number): Promise<void>;
  /** Types text with the real keyboard, into whatever has focus. */
  type(text: string): Promise<void>;
  /** Moves the pointer to a point in the viewport. */
  pointer(x: number, y: number): Promise<void>;
  /** Sets the page's viewport to this size, in CSS pixels. */
  viewport(width: number, height: number): Promise<void>;
  press(key: string): Promise<void>;
  /** Puts a file into the file input matched by `selector`. */
  upload(selector: string, file: string): Promise<void>;
  /** Clicks the first element `selector` matches, waiting for it. */
  click(selector: string): Promise<void>;
  /** Waits until `selector` matches an element whose text contains `text` (WORK_TIMEOUT by default). */
  waitForText(selector: string, text: string | RegExp, timeout?: number): Promise<string>;
  screenshot(path: string): Promise<void>;
  url(): string;
  close(): Promise<void>;
}

export interface ExtensionSession {
  /** The manager tab the extension opened on install. */
  welcome: Tab;
  newTab(): Promise<Tab>;
}

/**
 * How long a test waits for the extension's work (a scan, an import, a card)
 * before it fails. A ceiling, not an estimate: a passing test never waits it
 * out, and a slow, loaded 2-core machine must fit well under it. How fast the
 * work is belongs to `npm run bench`.
 */
export const WORK_TIMEOUT = 60_000;

/** Whether a frame is the card's document: asked of the frame itself, as not every driver knows its URL. */
export const isCardDocument = () => location.pathname === '/card.html';

/** Polls `check` until it returns a truthy value, or fails with `message`. */
export async function waitFor<T>(
  check: () => Promise<T>,
  message: string,
  timeout = WORK_TIMEOUT,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${message} (last value: ${JSON.stringify(last)})`);
}
