/**
 * Whether the reader can see a piece of text, decided from computed styles
 * before a mark is registered: a page must not learn which names a reader
 * keeps notes on by planting them where nobody sees them and reading
 * `CSS.highlights` back (DESIGN.md section 5).
 *
 * Style only, never layout: `checkVisibility()` needs the box tree (Chromium
 * updates style and the layout tree for it, Firefox constructs frames), and
 * `getComputedStyle` is read for properties whose computed value needs no
 * layout (colour, font size, clip). The visually-hidden pattern that sizes a
 * box to 1px without a clip would need the used size, that is layout, and
 * is not caught.
 * https://drafts.csswg.org/cssom-view/#dom-element-checkvisibility
 */
import { pageStyleTimed } from './task-timing';

/** Text smaller than this, in CSS pixels, is not read by anyone. */
export const MIN_FONT_PX = 6;
/** Text drawn fainter than this (opacity along the ancestors, colour alpha) is not read either. */
export const MIN_ALPHA = 0.1;

/** The alpha of a computed colour (`rgb(…)`, `rgba(…)`, `color(srgb … / a)`), 1 when none is written. */
export function colorAlpha(color: string): number {
  if (color === 'transparent') return 0;
  const slash = /\/\s*([\d.]+)(%?)\s*\)$/.exec(color);
  if (slash) return Number(slash[1]) / (slash[2] ? 100 : 1);
  const rgba = /^rgba\([^)]*,\s*([\d.]+)\s*\)$/.exec(color);
  return rgba ? Number(rgba[1]) : 1;
}

/** A `clip: rect(…)` that leaves at most a pixel, on an element positioned absolutely or fixed. */
function clipsToNothing(style: CSSStyleDeclaration): boolean {
  if (style.position !== 'absolute' && style.position !== 'fixed') return false;
  const rect = /^rect\(([^)]*)\)$/.exec(style.clip);
  if (!rect) return false;
  const [top, right, bottom, left] = rect[1]!
    .split(/[\s,]+/)
    .map((v) => (v === 'auto' ? NaN : parseFloat(v)));
  return right! - left! <= 1 || bottom! - top! <= 1;
}

/** A `clip-path: inset(…)` of half the box or more from opposite sides leaves nothing. */
function clipPathToNothing(style: CSSStyleDeclaration): boolean {
  const inset = /^inset\(([^)]*)\)$/.exec(style.clipPath);
  if (!inset) return false;
  const parts = inset[1]!
    .split(/\s+round\s+/)[0]!
    .trim()
    .split(/\s+/);
  const [top, right = top, bottom = top, left = right] = parts.map((p) =>
    p.endsWith('%') ? parseFloat(p) : NaN,
  );
  return top! + bottom! >= 100 || right! + left! >= 100;
}

/** What an element's ancestors (and the element itself) do to the text inside it. */
interface Above {
  /** Its opacity times every ancestor's. */
  opacity: number;
  /** Clipped to nothing, by itself or by an ancestor. */
  clipped: boolean;
}

/** What `checkVisibility` is asked: no box, `visibility`, and opacity 0 on the way up. */
const CHECK_VISIBILITY: CheckVisibilityOptions = {
  opacityProperty: true,
  visibilityProperty: true,
};

/**
 * Remembers the answer per element for one pass over the marks: many marks
 * share a parent, and every ancestor is asked once, with one computed style
 * read for both its opacity and its clip (each `getComputedStyle` call makes
 * a new object, and a walk for each took twice the calls).
 */
export class VisibilityCheck {
  /** Elements whose own text is hidden (the element, its clipping ancestors). */
  private readonly hiddenText = new Map<Element, boolean>();
  private readonly above = new Map<Element, Above>();
  /** Whether a question has been asked in this pass (the first brings the page's style up to date). */
  private asked = false;

  /** Whether `node`'s text is hidden from the reader. */
  isHidden(node: Node): boolean {
    const el = node.parentElement;
    if (!el) return false;
    let hidden = this.hiddenText.get(el);
    if (hidden === undefined) {
      hidden = this.elementTextHidden(el);
      this.hiddenText.set(el, hidden);
    }
    return hidden;
  }

  private elementTextHidden(el: Element): boolean {
    // display: none and content-visibility: hidden (no box), visibility: hidden
    // or collapse, opacity: 0 on the element or any ancestor.
    let visible: boolean;
    if (this.asked) visible = el.checkVisibility(CHECK_VISIBILITY);
    else {
      // The first question after the page changed makes the browser update the
      // style and layout tree of the whole page (in a plain Chromium 156 page
      // at DOMContentLoaded: 0.8 to 9 ms, then 0.02 ms an element), which
      // `isLaidOut` on the body alone does not always do.
      this.asked = true;
      visible = pageStyleTimed(() => el.checkVisibility(CHECK_VISIBILITY));
    }
    if (!visible) return true;
    const view = el.ownerDocument.defaultView;
    if (!view) return true;
    const style = view.getComputedStyle(el);
    // content-visibility: hidden keeps the element's own box but skips its
    // contents, this text among them (checkVisibility asks only of ancestors).
    if (style.getPropertyValue('content-visibility') === 'hidden') return true;
    // Colour and font size inherit: the parent's computed values are the text's.
    if (colorAlpha(style.color) < MIN_ALPHA) return true;
    const fill = style.getPropertyValue('-webkit-text-fill-color');
    if (fill && colorAlpha(fill) < MIN_ALPHA) return true;
    if (parseFloat(style.fontSize) < MIN_FONT_PX) return true;
    const { opacity, clipped } = this.aboveOf(el, style, view);
    return opacity < MIN_ALPHA || clipped;
  }

  /**
   * Walks up (iteratively: a hostile page may nest elements thousands deep)
   * to the first element known, then down again, remembering each.
   */
  private aboveOf(el: Element, style: CSSStyleDeclaration, view: Window): Above {
    const unknown: Element[] = [];
    let known: Above = { opacity: 1, clipped: false };
    for (let at: Element | null = el; at; at = at.parentElement ?? hostOf(at)) {
      const seen = this.above.get(at);
      if (seen) {
        known = seen;
        break;
      }
      unknown.push(at);
    }
    for (let i = unknown.length - 1; i >= 0; i--) {
      const at = unknown[i]!;
      const own = at === el ? style : view.getComputedStyle(at);
      known = {
        opacity: known.opacity * (Number(own.opacity) || 0),
        clipped: known.clipped || clipsToNothing(own) || clipPathToNothing(own),
      };
      this.above.set(at, known);
    }
    return known;
  }
}

/** The host of a shadow root's top element: clipping passes into shadow trees. */
function hostOf(el: Element): Element | null {
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}
