/**
 * Whether a frame has text to mark yet. The content script runs in every
 * frame (`allFrames`), and most frames of a news page are ads, trackers and
 * widgets with no text: on breitbart (17 of its 34 frames run the script)
 * and cnn (19 of 30), the script's tasks in the frames other than the top
 * one took 350 to 380 and 280 ms of a load, more than in the top frame,
 * nearly all of it the modules' start (see fold.ts's table). A frame other
 * than the top one starts, asks the background and reads once it shows
 * text; until then it only watches its document, and the worker hears
 * nothing from it.
 */
import { timed } from './task-timing';
import { Timer } from './timers';

/**
 * Text in these is never shown on the page: an ad frame's scripts and title
 * do not start us. Not all of SKIPPED_ELEMENTS (core/skipped-elements.ts):
 * text in code or a form is not marked, but a reader can select it and ask
 * for a note from the context menu, which needs the frame started.
 */
const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template', 'title']);

/** After a mutation, how long to wait before looking again: a frame that keeps changing is looked at no more often. */
const LOOK_AGAIN_MS = 200;

/**
 * Whether `doc` holds a text node that is not blank and not inside a
 * script or style, or an open shadow root (whose text the document's own
 * tree does not show). Generous on purpose: starting in a frame that has
 * only hidden text costs what every frame cost before; not starting in one
 * with text would leave its names unmarked.
 */
export function hasText(doc: Document): boolean {
  const root = doc.documentElement;
  if (!root) return false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement?.localName;
    if (parent !== undefined && NOT_SHOWN.has(parent)) continue;
    if ((node as Text).data.trim() !== '') return true;
  }
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) return true;
  return false;
}

/**
 * Resolves true once `doc` has text (at once if it has), false if `signal`
 * aborts first. Watches the whole document, so a frame whose text a
 * script writes later (or whose document is rewritten) starts then. A
 * shadow root attached later to an element already there makes no record,
 * so a frame whose only text comes that way is not started (the top
 * frame, too, finds such a root only as it reads: text-index.ts).
 */
export function whenText(doc: Document, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  // Timed as ours: the bench counts it in the frames' time.
  const shows = () => timed(() => hasText(doc), 'frame-text');
  if (shows()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = new Timer(signal);
    const observer = new MutationObserver(() => {
      if (!timer.pending) timer.start(LOOK_AGAIN_MS, look);
    });
    const finish = (found: boolean): void => {
      observer.disconnect();
      timer.cancel();
      signal.removeEventListener('abort', stop);
      resolve(found);
    };
    const look = (): void => {
      if (shows()) finish(true);
    };
    const stop = (): void => finish(false);
    signal.addEventListener('abort', stop, { once: true });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
  });
}
