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
 * sees no marks and takes it that nothing on the page is noted. WXT asks
 * about this too (https://github.com/wxt-dev/wxt/issues/1752).
 *
 * There is no older copy to stop. The manifest declares the script and
 * nothing injects it again. Chrome leaves an updated extension's old copy
 * in open pages but injects no new one there; Firefox unloads the old copy
 * before it injects the new one into open pages.
 *
 * So this context holds nothing, and `main` (entrypoints/content.ts) takes
 * nothing from it: the content script runs until its page goes.
 */
export class ContentScriptContext {}
