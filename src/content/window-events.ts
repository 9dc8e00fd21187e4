/**
 * The reader's events, heard before the page can stop them.
 *
 * An event dispatched in the page passes `window` first, in its capture
 * phase, and a page's own capture listener there can end its way with
 * `stopPropagation()`: listening on the document, Backstory would then hear
 * no pointer move (no card opens), no Esc (none closes) and no focus taken
 * from the card. Listeners on one target run in the order they were added
 * (https://dom.spec.whatwg.org/#concept-event-listener-inner-invoke), and
 * the content script's `main` runs at `document_start`, before any script
 * of the page's. So `main` adds one capture listener per type on `window`
 * there, the first to hear each event, and what starts later (the card,
 * once the settings came) listens through it; a page's
 * `stopImmediatePropagation()` stops only the listeners added after ours.
 * The same holds for the document's `DOMContentLoaded` and the window's
 * `load`, which Backstory waits for before it marks: stopped, the page
 * would have gone unmarked, the reader taking it that nothing on it is
 * noted.
 *
 * Not covered: a parent page can add listeners to an about:blank frame's
 * window before the script runs there, `document.open()` takes every
 * listener off the window (ours too), and Firefox injects the script into
 * tabs already open (at install or update) after the page's own.
 *
 * Every listener here is passive: none of ours cancels the reader's input.
 */

const WINDOW_EVENTS = [
  'pointermove',
  'pointerdown',
  'pointerover',
  'keydown',
  'focus',
  'focusin',
  'visibilitychange',
  'DOMContentLoaded',
  'load',
] as const;

export type WindowEventType = (typeof WINDOW_EVENTS)[number];

interface WindowEvents {
  pointermove: PointerEvent;
  pointerdown: PointerEvent;
  pointerover: PointerEvent;
  keydown: KeyboardEvent;
  focus: FocusEvent;
  focusin: FocusEvent;
  visibilitychange: Event;
  DOMContentLoaded: Event;
  load: Event;
}

/** Hears `type` on the page's window until `signal` aborts. */
export type Listen = <K extends WindowEventType>(
  type: K,
  listener: (event: WindowEvents[K]) => void,
  signal: AbortSignal,
) => void;

/** Adds the listeners on `view` (at `document_start`); they go when `signal` aborts. */
export function listenFirst(view: Window, signal: AbortSignal): Listen {
  const listeners = new Map<WindowEventType, Set<(event: Event) => void>>();
  for (const type of WINDOW_EVENTS) {
    const heard = new Set<(event: Event) => void>();
    listeners.set(type, heard);
    view.addEventListener(
      type,
      (event) => {
        for (const listener of heard) {
          // One that throws leaves the others hearing, as the DOM's own listeners do.
          try {
            listener(event);
          } catch (error) {
            reportError(error);
          }
        }
      },
      { capture: true, passive: true, signal },
    );
  }
  return (type, listener, until) => {
    if (until.aborted) return;
    const heard = listeners.get(type)!;
    const call = listener as (event: Event) => void;
    heard.add(call);
    until.addEventListener('abort', () => heard.delete(call), { once: true });
  };
}

/**
 * The first `type` heard once `ready()` holds: the document's readiness
 * tells the browser's event from one the page dispatches early (a
 * resource's `load` does not pass the window). Never settles if the script
 * stops first.
 */
export function whenHeard(
  listen: Listen,
  type: WindowEventType,
  ready: () => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const heard = new AbortController();
    listen(
      type,
      () => {
        if (!ready()) return;
        heard.abort();
        resolve();
      },
      heard.signal,
    );
  });
}
