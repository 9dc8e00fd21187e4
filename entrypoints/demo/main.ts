/**
 * The demo article, shipped inside the extension: content scripts do not run
 * on extension pages, so this page runs the same page-side code itself.
 */
import { startContent } from '../../src/content';
import { listenFirst } from '../../src/content/window-events';
import '../../src/content/highlights.css';

const { signal } = new AbortController();
void startContent({
  doc: document,
  listen: listenFirst(window, signal),
  signal,
  shadowMode: __BACKSTORY_E2E__ ? 'open' : 'closed',
});
