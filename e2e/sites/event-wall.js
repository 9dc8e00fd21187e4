// A hostile page that stops the reader's pointer, key and focus events at the
// window, in the capture phase, before they go any further down
// (e2e/privacy.spec.ts): no listener on the document hears them. Loaded first
// in <head>, it runs before anything else of the page's.
window.heardBelow = 0;
for (const type of ['pointermove', 'pointerover', 'pointerdown', 'keydown', 'focusin'])
  addEventListener(type, (event) => event.stopImmediatePropagation(), true);
// The control: the page's own listener on the document, which the wall starves.
for (const type of ['pointermove', 'keydown'])
  document.addEventListener(type, () => window.heardBelow++, true);
