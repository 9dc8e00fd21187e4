/**
 * Marks inside a shadow root are drawn only by `::highlight()` rules inside
 * that root: the document's style sheets do not reach in. The rules are
 * added as a constructed, adopted style sheet (adopted-sheets.ts), which
 * leaves the root's DOM tree as it was. A root whose sheets cannot be
 * adopted keeps its marks unstyled, but hoverable.
 */
import highlightCss from './highlights.css?inline';
import { adoptSheet, newSheet, releaseEverywhere } from './adopted-sheets';

let sheet: CSSStyleSheet | null | undefined;

export function styleShadowRoot(root: ShadowRoot): void {
  if (sheet === undefined) sheet = newSheet(highlightCss);
  if (sheet) adoptSheet(root, sheet);
}

/** Takes the rules back from every root given them: the script stops. */
export function unstyleShadowRoots(): void {
  if (sheet) releaseEverywhere(sheet);
}
