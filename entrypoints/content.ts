// First: test builds time the modules' start from here (it imports nothing).
import { startedAt } from '../src/content/start-time';
// Then: its questions go out before the other modules start.
import { earlyAsks } from '../src/content/early-asks';
import { defineContentScript } from '#imports';
import { startContent } from '../src/content';
import { timedModulesStart } from '../src/content/task-timing';
import { stopWhenGone } from '../src/content/extension-gone';
import { listenFirst } from '../src/content/window-events';
import '../src/content/highlights.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  // Every frame marks itself: iframes (same-origin or not) and about:blank / srcdoc frames.
  allFrames: true,
  matchAboutBlank: true,
  // Start at document_start to ask for the dictionary early; marking waits for DOMContentLoaded.
  runAt: 'document_start',
  // WXT's context would otherwise post a "content script started" message
  // to every frame's window, telling every page, even on sites switched off,
  // that Backstory is installed. The build makes no WXT context at all
  // (src/content/script-context.ts); this stays should that ever change.
  noScriptStartedPostMessage: true,
  // WXT's context is not made here (src/content/script-context.ts): no
  // second copy comes to stop this one. What stops it is its extension gone
  // (Chrome leaves an updated extension's old copy in open pages).
  main() {
    timedModulesStart(startedAt);
    const stop = new AbortController();
    // The page's scripts have not run yet: these listeners hear the reader first.
    const listen = listenFirst(window, stop.signal);
    stopWhenGone(listen, stop);
    void startContent({
      doc: document,
      listen,
      signal: stop.signal,
      shadowMode: __BACKSTORY_E2E__ ? 'open' : 'closed',
      asked: earlyAsks,
    });
  },
});
