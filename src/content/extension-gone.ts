/**
 * Stops a copy of the content script whose extension is gone.
 *
 * Chrome leaves the content scripts of an extension it updated, reloaded,
 * disabled or removed running in the pages already open, cut off from the
 * extension (https://bugs.chromium.org/p/chromium/issues/detail?id=414213):
 * its marks stay (and, where the top frame matches with its own table, are
 * drawn on new text), but no card opens on them and they no longer follow
 * the notes, until the page is loaded again. No event says so for certain
 * (https://github.com/w3c/webextensions/issues/138): its channels to the
 * worker close, as they do each time the worker stops, and its `runtime.id`
 * reads undefined (`runtime` itself may be gone:
 * https://github.com/wxt-dev/wxt/pull/2042), in that order or the other.
 * Firefox unloads the old copy itself.
 *
 * So the copy looks when the reader comes back to the tab, points, focuses
 * or types in the page, and when a question to the worker fails or the
 * card's channel closes (`lookSoon`), and stops once it finds the
 * extension gone: its signal is aborted and everything it drew and listens
 * to goes with it. The popup of the new version then says to reload the
 * page (`popupNotHere`). The page cannot bring this about: it reaches
 * neither the content script's world nor its `runtime` object; the events
 * it can fire only make the copy look again.
 */
import { browser } from 'wxt/browser';
import type { Listen } from './window-events';

function extensionGone(): boolean {
  try {
    return !browser.runtime?.id;
  } catch {
    return true;
  }
}

let look = (): void => undefined;

export function stopWhenGone(listen: Listen, stop: AbortController): void {
  look = () => {
    if (extensionGone()) stop.abort();
  };
  // `pointerover` fires as the pointer crosses into an element (a mark's
  // text is in one), not at every move; `keydown` is a keyboard reader's.
  for (const type of ['pointerover', 'keydown', 'focus', 'visibilitychange'] as const)
    listen(type, look, stop.signal);
}

/**
 * Looks now and a few times over the next seconds: a question to the worker
 * failed, or a channel to it closed. Chrome closes an unloaded extension's
 * channels first and unsets `runtime.id` a moment later (the next task in
 * some tries, later in others).
 */
export function lookSoon(): void {
  look();
  for (const ms of LOOK_AFTER_MS) setTimeout(look, ms);
}

const LOOK_AFTER_MS = [0, 200, 1_000, 5_000];
