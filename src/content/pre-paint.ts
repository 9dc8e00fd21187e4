/**
 * A hook into the browser's next rendering update, after the page's own
 * style and layout and before paint: where a ResizeObserver's callbacks
 * run (HTML, "update the rendering": animation frame callbacks, then style
 * and layout, then resize observations, then paint). Deciding there which
 * marks the reader can see reads styles the browser has just computed for
 * its frame, instead of making it compute them early in a task of ours
 * (the first `checkVisibility` at DOMContentLoaded took 44 to 77 ms of
 * bbc-1's loads and 53 to 63 of wikipedia-2's, the bench's "page style
 * forced": the page's first style moved into our task, issue 14 goal 2),
 * and marks registered there (or in the microtasks after the
 * callback) are painted in that same frame: Chromium turns highlights into
 * markers after the resize observations, before painting.
 * https://html.spec.whatwg.org/multipage/webappapis.html#update-the-rendering
 * https://drafts.csswg.org/resize-observer/#html-event-loop
 *
 * One observer per document, made when the content script starts, so its
 * callbacks come before those of observers a page script makes later.
 */
import type { Listen } from './window-events';

export class PrePaint {
  private readonly observer: ResizeObserver;
  private waiting: ((inFrame: boolean) => void)[] = [];
  /** Bumped at each release, so the fallback of an earlier wait does nothing. */
  private round = 0;
  /**
   * From our callback to a task after that frame: a new observation made in
   * the frame's resize observations would be skipped, and the browser would
   * tell the page so with an error event ("ResizeObserver loop completed
   * with undelivered notifications"); it is made after the frame instead.
   */
  private inDelivery = false;

  constructor(
    private readonly doc: Document,
    /** The window's events, heard before the page's listeners (window-events.ts). */
    listen: Listen,
    signal: AbortSignal,
  ) {
    this.observer = new ResizeObserver(() => {
      this.inDelivery = true;
      setTimeout(() => {
        this.inDelivery = false;
        if (this.waiting.length) this.arm();
      }, 0);
      this.release(true);
    });
    listen(
      'visibilitychange',
      () => {
        if (doc.visibilityState === 'hidden') this.release(false);
      },
      signal,
    );
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      this.release(false);
    });
  }

  /**
   * Resolves true in the next rendering update, before its paint; false
   * where none is coming soon: a hidden document (no frames until it is
   * shown, and nothing painted meanwhile), or no resize observation in the
   * next frame, found a task after that frame or 500 ms on (frames held
   * back while the page's style sheets load), as before this hook.
   */
  next(): Promise<boolean> {
    if (this.doc.visibilityState === 'hidden' || !this.doc.documentElement)
      return Promise.resolve(false);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (this.waiting.length === 1 && !this.inDelivery) this.arm();
    });
  }

  private arm(): void {
    const root = this.doc.documentElement;
    if (!root) return this.release(false);
    const round = this.round;
    const late = () => {
      if (round === this.round) this.release(false);
    };
    // The root's box is as wide as the viewport, so a new observation of it
    // is reported in the next rendering update.
    this.observer.observe(root);
    void afterNextPaint(this.doc).then(late);
  }

  private release(inFrame: boolean): void {
    if (!this.waiting.length) return;
    const waiting = this.waiting;
    this.waiting = [];
    this.round++;
    this.observer.disconnect();
    for (const resolve of waiting) resolve(inFrame);
  }
}

/** Resolves after the browser's next frame (or soon, in a background tab, where frames wait). */
export function afterNextPaint(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 500);
    doc.defaultView?.requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
