/**
 * A constructed style sheet added to, or taken from, the sheets a document
 * or shadow root has adopted, by a content script. The root's DOM tree is
 * not touched; a page script can see the sheet in the root's
 * `adoptedStyleSheets`, as it can see `CSS.highlights`.
 *
 * Firefox's content scripts see the page's nodes through Xray wrappers,
 * which in Firefox 140 ESR do not carry `adoptedStyleSheets` (an
 * ObservableArray): it reads as an empty shell of an array, and setting it
 * throws "Accessing from Xray wrapper is not supported"
 * (https://bugzilla.mozilla.org/show_bug.cgi?id=1928865,
 * https://bugzilla.mozilla.org/show_bug.cgi?id=1770592). There the list is
 * reached through the page's own view of the root (`wrappedJSObject`) and
 * changed with this script's own Array methods, so a page that replaces
 * `Array.prototype.push` changes nothing here. The sheet stays the one made
 * here: its rules are still replaced through its Xray. A page that redefines
 * the `adoptedStyleSheets` getter can keep the sheet out of its roots, as any
 * page can by setting its list; no object of this script reaches it but the
 * sheet, which is the page's own kind of object.
 *
 * Every call is guarded: a root whose sheets cannot be read or changed
 * leaves the marks in it with the colours they had, and never stops a scan.
 */
export type SheetRoot = Document | ShadowRoot;

/** What Firefox adds to a page object seen from a content script. */
interface Waivable<T> {
  wrappedJSObject?: T;
}

/** Every sheet this copy of the script made, and its page view (what Firefox's lists hold). */
const made = new WeakSet<object>();

/** A new constructed sheet, or null where there are none. */
export function newSheet(css: string): CSSStyleSheet | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    made.add(sheet);
    made.add(pageView(sheet));
    return sheet;
  } catch {
    return null;
  }
}

/** More rules than any sheet of Backstory's holds. */
const MAX_OWN_RULES = 64;

/** A rule for one of Backstory's highlights, and nothing else. */
const HIGHLIGHT_RULE = /^::highlight\(backstory-[a-z]+\)$/;

/**
 * A sheet an earlier copy of this script left: Firefox unloads an updated
 * extension's content script without running any of its code, so the
 * sheets it adopted stay in the page beside the new copy's (two more per
 * styled root at each update, with the same rules). Not one this copy made,
 * and holding Backstory's highlight rules only: a sheet of the page's that
 * styles anything else is left alone (so is an empty one, such as an old
 * colour sheet with no colours set: it changes nothing).
 */
function leftBehind(sheet: unknown): boolean {
  if (made.has(sheet as object)) return false;
  try {
    const rules = (sheet as CSSStyleSheet).cssRules;
    const count = rules.length;
    // Ours hold a rule or two per kind: a page's sheet of thousands is not
    // read through at every root styled.
    if (!count || count > MAX_OWN_RULES) return false;
    for (let i = 0; i < count; i++) {
      const selector = (rules[i] as CSSStyleRule).selectorText;
      if (typeof selector !== 'string' || !HIGHLIGHT_RULE.test(selector)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds `sheet` last to `root`'s adopted sheets, unless it is there already,
 * and takes out what an earlier copy of the script left there (`leftBehind`).
 */
export function adoptSheet(root: SheetRoot, sheet: CSSStyleSheet): void {
  record(root, sheet);
  try {
    const list = ownList(root);
    if (list) {
      if (!list.includes(sheet))
        root.adoptedStyleSheets = [...list.filter((s) => !leftBehind(s)), sheet];
      return;
    }
    const page = pageList(root);
    if (page && !Array.prototype.includes.call(page, pageView(sheet))) {
      for (let i = page.length - 1; i >= 0; i--)
        if (leftBehind(page[i])) Array.prototype.splice.call(page, i, 1);
      Array.prototype.push.call(page, sheet);
    }
  } catch {
    // The marks in this root keep the colours they had.
  }
}

/** Takes `sheet` out of `root`'s adopted sheets, if it is there. */
export function releaseSheet(root: SheetRoot, sheet: CSSStyleSheet): void {
  try {
    const list = ownList(root);
    if (list) {
      if (list.includes(sheet)) root.adoptedStyleSheets = list.filter((s) => s !== sheet);
      return;
    }
    const page = pageList(root);
    const at = page ? Array.prototype.indexOf.call(page, pageView(sheet)) : -1;
    if (at >= 0) Array.prototype.splice.call(page, at, 1);
  } catch {
    // Nothing to give back.
  }
}

/**
 * Where each sheet went (weakly, each root once), so a script that stops
 * (extension-gone.ts) takes it back from all: a page keeps nothing of a
 * Backstory no longer there.
 */
const placed = new WeakMap<
  CSSStyleSheet,
  { seen: WeakSet<SheetRoot>; roots: WeakRef<SheetRoot>[] }
>();

function record(root: SheetRoot, sheet: CSSStyleSheet): void {
  let where = placed.get(sheet);
  if (!where) placed.set(sheet, (where = { seen: new WeakSet(), roots: [] }));
  if (where.seen.has(root)) return;
  where.seen.add(root);
  where.roots.push(new WeakRef(root));
}

/** Takes `sheet` out of every root it was adopted into. */
export function releaseEverywhere(sheet: CSSStyleSheet): void {
  const where = placed.get(sheet);
  placed.delete(sheet);
  for (const ref of where?.roots ?? []) {
    const root = ref.deref();
    if (root) releaseSheet(root, sheet);
  }
}

/**
 * The list as the standard has it (Chromium, and Firefox where Xrays carry
 * it), or null. Firefox 140's Xray reads as an array with no length, no
 * elements and no methods.
 */
function ownList(root: SheetRoot): CSSStyleSheet[] | null {
  const list: unknown = root.adoptedStyleSheets;
  return Array.isArray(list) && typeof list.length === 'number' ? (list as CSSStyleSheet[]) : null;
}

/** The page's own live list, where Firefox's Xray does not carry it. */
function pageList(root: SheetRoot): CSSStyleSheet[] | null {
  const list: unknown = (root as Waivable<SheetRoot>).wrappedJSObject?.adoptedStyleSheets;
  return Array.isArray(list) ? (list as CSSStyleSheet[]) : null;
}

/** The sheet as the page's list holds it: identity across the Xray is by the page's view. */
function pageView(sheet: CSSStyleSheet): CSSStyleSheet {
  return (sheet as Waivable<CSSStyleSheet>).wrappedJSObject ?? sheet;
}
