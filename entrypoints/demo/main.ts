/**
 * The demo article, shipped inside the extension: content scripts do not run
 * on extension pages, so this page runs the same page-side code itself.
 */
import { startContent } from '../../src/content';
import '../../src/content/highlights.css';

void startContent({
  doc: document,
  signal: new AbortController().signal,
  shadowMode: __BACKSTORY_E2E__ ? 'open' : 'closed',
});
