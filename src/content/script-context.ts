/**
 * What WXT's content script entry makes and hands to `main`, in Backstory's
 * builds: wxt.config.ts points `wxt/utils/content-script-context` here.
 *
 * WXT's own class (0.21, `content-script-context.mjs`) dispatches
 * `<extension id>:content:wxt:content-script-started` on the document as it
 * is made, and aborts its signal when it hears that event from another copy:
 * how a newer copy of a script stops an older one in the same document. The
 * page hears and dispatches DOM events too, and a published extension's id
 * is public. So a page could stop Backstory on itself, silently: the reader
 * sees no marks and takes it that nothing on the page is noted. (Pages
 * telling an extension is there from what its WXT scripts send them:
 * https://github.com/wxt-dev/wxt/issues/1752.)
 *
 * There is no older copy to stop. The manifest declares the script and
 * nothing injects it again. Chrome leaves an updated extension's old copy
 * in open pages but injects no new one there (the old copy stops itself:
 * extension-gone.ts); Firefox unloads the old copy before it injects the
 * new one into open pages.
 *
 * So `main` (entrypoints/content.ts) takes nothing from this context. WXT's
 * types still describe its own class, so a use would compile: any property
 * read throws instead, and the script fails at its start, where every test
 * sees it, rather than later without a word.
 */
export class ContentScriptContext {
  constructor() {
    // A constructor may return the object `new` gives: here, one that refuses every read.
    return new Proxy(this, {
      get(_, key) {
        throw new Error(
          `Backstory's content script has no WXT context (src/content/script-context.ts): ctx.${String(key)}`,
        );
      },
    });
  }
}
