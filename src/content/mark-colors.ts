/**
 * The reader's colours per kind, drawn over the defaults of highlights.css
 * (which the manifest injects): one constructed style sheet, updated in
 * place when the settings change, so every mark changes colour at once.
 *
 * The document adopts it only while it holds a rule, and gives it back when
 * the colours return to their defaults or the script stops; shadow roots
 * with marks adopt it beside the sheet of shadow-styles.ts (adopted-sheets.ts
 * says how, and what a page can see of it), and give it back too when the
 * script stops.
 */
import { kindColorsCss, type KindColors } from '../core/kind-colors';
import { adoptSheet, newSheet, releaseEverywhere, releaseSheet } from './adopted-sheets';

export class MarkColors {
  private sheet: CSSStyleSheet | null = null;
  private css = '';

  constructor(private readonly doc: Document) {}

  set(colors: KindColors): void {
    const css = kindColorsCss(colors);
    if (css === this.css) return;
    this.css = css;
    // Without constructed sheets, the marks keep their default colours.
    if (this.sheet) this.sheet.replaceSync(css);
    else this.sheet = newSheet(css);
    this.check();
  }

  /**
   * Adopts the sheet into the document while it has rules, or gives it back.
   * Also run after each scan: a page that sets `document.adoptedStyleSheets`
   * wholesale drops ours.
   */
  check(): void {
    const { sheet, doc } = this;
    if (!sheet) return;
    if (this.css) adoptSheet(doc, sheet);
    else releaseSheet(doc, sheet);
  }

  /** A shadow root with marks: its `::highlight()` rules must be its own. */
  adoptInto(root: ShadowRoot): void {
    this.sheet ??= newSheet(this.css);
    if (this.sheet) adoptSheet(root, this.sheet);
  }

  destroy(): void {
    // The document and every shadow root it went into.
    if (this.sheet) releaseEverywhere(this.sheet);
  }
}
