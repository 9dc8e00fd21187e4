/**
 * PrePaint's ways of answering, driven by hand: the browser's parts it uses
 * (a ResizeObserver, frames, timers, the document's visibility) are stood in
 * for here, since Node has none, and each test delivers what the browser
 * would. The way through a real frame, where the marks are painted with it,
 * is e2e/first-frame.spec.ts's in both browsers; these are the fallbacks no
 * e2e driver here can bring about (a hidden page, a frame without our
 * observation, frames held back) and the order of rounds.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PrePaint } from './pre-paint';
import type { Listen } from './window-events';

/** The one ResizeObserver PrePaint makes, with what it was told to observe. */
class FakeObserver {
  static last: FakeObserver | null = null;
  observed = 0;
  constructor(readonly callback: () => void) {
    FakeObserver.last = this;
  }
  observe(): void {
    this.observed++;
  }
  disconnect(): void {
    this.observed = 0;
  }
}

/** A document whose visibility and frames the test controls. */
function fakeDocument() {
  const listeners: ((event: Event) => void)[] = [];
  const frames: (() => void)[] = [];
  const doc = {
    visibilityState: 'visible' as DocumentVisibilityState,
    documentElement: {} as HTMLElement,
    defaultView: { requestAnimationFrame: (f: () => void) => frames.push(f) },
  };
  /** The window's listeners (window-events.ts), as PrePaint uses them. */
  const listen = ((type: string, f: (event: Event) => void) => {
    if (type === 'visibilitychange') listeners.push(f);
  }) as Listen;
  return {
    doc: doc as unknown as Document,
    listen,
    hide() {
      doc.visibilityState = 'hidden';
      for (const f of listeners) f(new Event('visibilitychange'));
    },
    show() {
      doc.visibilityState = 'visible';
      for (const f of listeners) f(new Event('visibilitychange'));
    },
    /** Runs the frame's animation callbacks, then (if `observed`) our resize callback. */
    frame(observed: boolean) {
      for (const f of frames.splice(0)) f();
      const observer = FakeObserver.last!;
      if (observed && observer.observed > 0) observer.callback();
    },
  };
}

/** What `promise` has settled to so far: its value, or 'pending'. */
async function state<T>(promise: Promise<T>): Promise<T | 'pending'> {
  let out: T | 'pending' = 'pending';
  void promise.then((v) => (out = v));
  await Promise.resolve();
  await Promise.resolve();
  return out;
}

describe('PrePaint', () => {
  let page: ReturnType<typeof fakeDocument>;
  let abort: AbortController;
  let prePaint: PrePaint;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('ResizeObserver', FakeObserver);
    page = fakeDocument();
    abort = new AbortController();
    prePaint = new PrePaint(page.doc, page.listen, abort.signal);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('answers true in the next frame’s resize observations', async () => {
    const next = prePaint.next();
    expect(FakeObserver.last!.observed).toBe(1);
    expect(await state(next)).toBe('pending');
    page.frame(true);
    expect(await state(next)).toBe(true);
    // Every wait asked before the frame is answered by it, and the observation let go.
    expect(FakeObserver.last!.observed).toBe(0);
  });

  it('answers false at once in a hidden document, observing nothing', async () => {
    page.hide();
    expect(await state(prePaint.next())).toBe(false);
    expect(FakeObserver.last!.observed).toBe(0);
  });

  it('answers false when the document is hidden while marks wait', async () => {
    const next = prePaint.next();
    page.hide();
    expect(await state(next)).toBe(false);
  });

  it('answers false a task after a frame that brought no observation of ours', async () => {
    const next = prePaint.next();
    page.frame(false);
    expect(await state(next)).toBe('pending');
    await vi.advanceTimersByTimeAsync(0);
    expect(await state(next)).toBe(false);
  });

  it('answers false after 500 ms without a frame', async () => {
    const next = prePaint.next();
    await vi.advanceTimersByTimeAsync(499);
    expect(await state(next)).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(await state(next)).toBe(false);
  });

  it('answers false when the content script is stopped', async () => {
    const next = prePaint.next();
    abort.abort();
    expect(await state(next)).toBe(false);
    expect(FakeObserver.last!.observed).toBe(0);
  });

  it('arms a wait asked during its own callback after that frame, not in it', async () => {
    const first = prePaint.next();
    let second: Promise<boolean> | null = null;
    void first.then(() => {
      // As the marker does when the worker's reply has already come: asked in the callback's microtasks.
      second = prePaint.next();
    });
    page.frame(true);
    expect(await state(first)).toBe(true);
    // Observing now would be skipped in this frame and heard by the page as an error event.
    expect(FakeObserver.last!.observed).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeObserver.last!.observed).toBe(1);
    page.frame(true);
    expect(await state(second!)).toBe(true);
  });

  it('lets an earlier round’s fallback answer nothing of a later wait', async () => {
    const first = prePaint.next();
    await vi.advanceTimersByTimeAsync(300);
    page.hide();
    expect(await state(first)).toBe(false);
    page.show();
    const second = prePaint.next();
    // The first round's 500 ms are up here, with no frame yet: the second wait is not its.
    await vi.advanceTimersByTimeAsync(200);
    expect(await state(second)).toBe('pending');
    page.frame(true);
    expect(await state(second)).toBe(true);
  });
});
