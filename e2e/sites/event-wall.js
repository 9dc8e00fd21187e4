// A hostile page that stops the reader's pointer, key and focus events, and the
// document's DOMContentLoaded and the window's load, at the window, in the
// capture phase, before they go any further (e2e/privacy.spec.ts): no listener
// on the document hears them, nor one added on the window after these. Loaded
// first in <head>, it runs before anything else of the page's.
window.heardBelow = 0;
for (const type of [
  'pointermove',
  'pointerover',
  'pointerdown',
  'keydown',
  'focusin',
  'DOMContentLoaded',
  'load',
])
  addEventListener(type, (event) => event.stopImmediatePropagation(), true);
// The control: the page's own listeners on the document, which the wall starves.
for (const type of ['pointermove', 'keydown', 'DOMContentLoaded'])
  document.addEventListener(type, () => window.heardBelow++, true);
