/**
 * The window's listeners, on Node's EventTarget standing in for the page's
 * window (listeners on one target run in the order added, as in the DOM).
 * The page stopping events at the window in both browsers is
 * e2e/privacy.spec.ts's (e2e/sites/event-wall.html).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenFirst, whenHeard } from './window-events';

const asWindow = (target: EventTarget) => target as unknown as Window;

describe('listenFirst', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hears an event that a listener added after it stops', () => {
    const view = new EventTarget();
    const listen = listenFirst(asWindow(view), new AbortController().signal);
    const heard: string[] = [];
    // The page's wall comes after ours; the card's listener is added later still.
    view.addEventListener('keydown', (event) => event.stopImmediatePropagation(), true);
    listen('keydown', (event) => heard.push(event.type), new AbortController().signal);
    view.dispatchEvent(new Event('keydown'));
    expect(heard).toEqual(['keydown']);

    // The control: a listener added on the target after the wall hears nothing.
    const late: string[] = [];
    view.addEventListener('keydown', (event) => late.push(event.type), true);
    view.dispatchEvent(new Event('keydown'));
    expect(late).toEqual([]);
    expect(heard).toEqual(['keydown', 'keydown']);
  });

  it('keeps the other listeners hearing when one throws', () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const view = new EventTarget();
    const listen = listenFirst(asWindow(view), new AbortController().signal);
    const signal = new AbortController().signal;
    const heard: string[] = [];
    listen(
      'pointermove',
      () => {
        throw new Error('broken');
      },
      signal,
    );
    listen('pointermove', () => heard.push('second'), signal);
    view.dispatchEvent(new Event('pointermove'));
    expect(heard).toEqual(['second']);
    expect(reported).toEqual([new Error('broken')]);
  });

  it('stops hearing when the listener’s signal aborts, and everything when its own does', () => {
    const view = new EventTarget();
    const stop = new AbortController();
    const listen = listenFirst(asWindow(view), stop.signal);
    const card = new AbortController();
    const heard: string[] = [];
    listen('focusin', () => heard.push('card'), card.signal);
    listen('focusin', () => heard.push('gone'), stop.signal);
    card.abort();
    // Added after its signal aborted: never heard.
    listen('focusin', () => heard.push('late'), card.signal);
    view.dispatchEvent(new Event('focusin'));
    expect(heard).toEqual(['gone']);
    stop.abort();
    view.dispatchEvent(new Event('focusin'));
    expect(heard).toEqual(['gone']);
  });

  it('settles at the first event heard once ready, and listens no more', async () => {
    const view = new EventTarget();
    const listen = listenFirst(asWindow(view), new AbortController().signal);
    view.addEventListener('load', (event) => event.stopImmediatePropagation(), true);
    let complete = false;
    let calls = 0;
    const loaded = whenHeard(listen, 'load', () => (calls++, complete));
    // A load the page dispatches itself, before the document is complete.
    view.dispatchEvent(new Event('load'));
    complete = true;
    view.dispatchEvent(new Event('load'));
    await loaded;
    view.dispatchEvent(new Event('load'));
    expect(calls).toBe(2);
  });
});
