// Everything a page script can try against Backstory, recorded in `window.spy`
// for the tests to read (e2e/privacy.spec.ts). Loaded first in <head>, it runs
// before the body is parsed.
(() => {
  const spy = {
    // Which [data-plant] elements a registered range ever touched.
    planted: [],
    // Every highlight name ever registered.
    names: [],
    messages: [],
    internals: [],
    // Elements added to the document by anyone but the page (which marks its own with data-page).
    added: [],
    polls: 0,
    // Key and input events, and the page's selection at every change.
    keys: [],
    selections: [],
    // Events dispatched on the document under a name made of Backstory's id.
    announced: [],
  };
  window.spy = spy;
  // 1. Own the card's host: should Backstory create an element of this name, its
  //    constructor runs here and takes the closed shadow root through attachInternals.
  customElements.define(
    'backstory-card',
    class extends HTMLElement {
      constructor() {
        super();
        spy.internals.push(this.attachInternals());
      }
    },
  );
  // 2. Any message posted to this window (a "content script started" announcement).
  addEventListener('message', (event) => spy.messages.push(JSON.stringify(event.data)), true);
  // 2b. A page that knows the extension's id (a published extension's id is
  //     public) listens for the start event WXT's content script context
  //     dispatches on the document, `<id>:content:wxt:content-script-started`.
  //     The test passes the id as ?ext=, and dispatches the event itself: this
  //     listener shows it went out under that name. (Backstory's own start in
  //     this document comes before this script runs, at document_start; the
  //     built script's lack of the event is checked in privacy.spec.ts.)
  const ext = new URLSearchParams(location.search).get('ext');
  if (ext)
    document.addEventListener(
      `${ext}:content:wxt:content-script-started`,
      (event) => spy.announced.push(event.type),
      true,
    );
  // 3. Log every keystroke and text input that reaches this window, before anyone else.
  for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput'])
    addEventListener(type, (event) => spy.keys.push(`${type}:${event.key ?? event.data ?? ''}`), true);
  addEventListener('selectionchange', () => spy.selections.push(String(getSelection())), true);
  document.addEventListener('selectionchange', () => spy.selections.push(String(getSelection())), true);
  // 4. Read CSS.highlights on every task: a range that ever covers planted text is caught.
  const plantOf = (node) => node.parentElement?.closest('[data-plant]')?.dataset.plant;
  const poll = () => {
    spy.polls++;
    for (const [name, highlight] of CSS.highlights) {
      if (!spy.names.includes(name)) spy.names.push(name);
      for (const found of highlight) {
        // A live copy: Backstory registers StaticRanges, which have no common ancestor.
        const range = document.createRange();
        try {
          range.setStart(found.startContainer, found.startOffset);
          range.setEnd(found.endContainer, found.endOffset);
        } catch {
          continue;
        }
        // Every text node the range covers, not just its ends.
        const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
        walker.currentNode = range.startContainer;
        for (let n = range.startContainer; n; n = walker.nextNode()) {
          const plant = plantOf(n);
          if (plant && !spy.planted.includes(plant)) spy.planted.push(plant);
          if (n === range.endContainer) break;
        }
      }
    }
    setTimeout(poll, 0);
  };
  poll();
  // 5. Elements added by anyone but the page, and style sheets adopted by anyone.
  new MutationObserver((records) => {
    for (const r of records)
      for (const n of r.addedNodes)
        if (n.nodeType === 1 && !n.closest('[data-page]')) spy.added.push(n.localName);
  }).observe(document, { childList: true, subtree: true });
})();
