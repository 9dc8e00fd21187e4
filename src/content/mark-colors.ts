/**
 * The reader's colours per kind, drawn over the defaults of highlights.css
 * (which the manifest injects): one constructed style sheet, updated in
 * place when the settings change, so every mark changes colour at once.
 *
 * The document adopts it only while it holds a rule, and gives it back when
 * the colours return to their defaults or the script stops; shadow roots
 * with marks adopt it beside the sheet of shadow-styles.ts. The page's DOM
 * tree is not touched, but a page script can see the sheet in
 * `document.adoptedStyleSheets`, as it can see `CSS.highlights`.
 */
import { kindColorsCss, type KindColors } from '../core/kind-colors';

export class MarkColors {
  private sheet: CSSStyleSheet | null = null;
  private css = '';

  constructor(private readonly doc: Document) {}

  set(colors: KindColors): void {
    const css = kindColorsCss(colors);
    if (css === this.css) return;
    this.css = css;
    // Without constructed sheets, the marks keep their default colours.
    this.sheet ??= construct();
    this.sheet?.replaceSync(css);
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
    const adopted = isAdopted(doc, sheet);
    if (this.css && !adopted) adopt(doc, sheet);
    else if (!this.css && adopted) release(doc, sheet);
  }

  /** A shadow root with marks: its `::highlight()` rules must be its own. */
  adoptInto(root: ShadowRoot): void {
    this.sheet ??= construct();
    if (this.sheet && !isAdopted(root, this.sheet)) adopt(root, this.sheet);
  }

  destroy(): void {
    if (this.sheet) release(this.doc, this.sheet);
  }
}

function construct(): CSSStyleSheet | null {
  try {
    return new CSSStyleSheet();
  } catch {
    return null;
  }
}

/** Whether `root` holds `sheet`; a root whose sheets cannot be read does not. */
function isAdopted(root: Document | ShadowRoot, sheet: CSSStyleSheet): boolean {
  try {
    return root.adoptedStyleSheets.includes(sheet);
  } catch {
    return false;
  }
}

function adopt(root: Document | ShadowRoot, sheet: CSSStyleSheet): void {
  try {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // A root whose sheets cannot be adopted keeps the default colours.
  }
}

function release(root: Document | ShadowRoot, sheet: CSSStyleSheet): void {
  try {
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
  } catch {
    // Nothing to give back.
  }
}
