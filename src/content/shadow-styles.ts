/**
 * Marks inside a shadow root are drawn only by `::highlight()` rules inside
 * that root: the document's style sheets do not reach in. The rules are
 * added as a constructed, adopted style sheet, which leaves the root's DOM
 * tree as it was.
 */
import highlightCss from './highlights.css?inline';

let sheet: CSSStyleSheet | null = null;

export function styleShadowRoot(root: ShadowRoot): void {
  try {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(highlightCss);
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // A root whose sheets cannot be adopted keeps its marks unstyled, but hoverable.
  }
}
