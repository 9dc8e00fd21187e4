/**
 * Collects the visible text under a root into one string, with the text
 * node behind every character, so matches found in the string become DOM
 * ranges. Text runs on across inline elements (`<b>Gantz</b>'s`) and is cut
 * at block edges, `<br>` and skipped elements by a NUL character, which no
 * surface form contains (DESIGN.md section 4, rules 5 and 6).
 */

/** Elements whose text is never marked. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'CODE',
  'PRE',
  'SVG',
  'MATH',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
]);

/** Elements that start a new line of text: a mention never crosses their edges. */
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LEGEND',
  'LI',
  'MAIN',
  'MENU',
  'NAV',
  'OL',
  'P',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'BUTTON',
  'IMG',
  'HR',
]);

export const SEPARATOR = '\u0000';

export interface TextIndex {
  text: string;
  nodes: Text[];
  /** Offset in `text` of the first character of each node. */
  starts: number[];
}

export interface CollectOptions {
  /** Elements of Backstory's own UI, never scanned. */
  isOwnUi?: (el: Element) => boolean;
}

function isSkipped(el: Element, options: CollectOptions): boolean {
  // Upper-case names for HTML; SVG and MathML elements have lower-case ones.
  if (SKIPPED.has(el.nodeName.toUpperCase())) return true;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  return options.isOwnUi?.(el) ?? false;
}

function blockOf(node: Node, root: Node): Node {
  let el = node.parentNode;
  while (el && el !== root) {
    if (BLOCKS.has(el.nodeName)) return el;
    el = el.parentNode;
  }
  return root;
}

/** Collects the text under `root`. Hidden text (display: none, visibility: hidden) is left out. */
export function collectText(root: Node, options: CollectOptions = {}): TextIndex {
  const doc = root.ownerDocument ?? (root as Document);
  let cut = false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.ELEMENT_NODE && isSkipped(node as Element, options)) {
        cut = true;
        return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const visible = new Map<Element, boolean>();
  const isVisible = (el: Element): boolean => {
    let v = visible.get(el);
    if (v === undefined) {
      v = el.checkVisibility({ visibilityProperty: true });
      visible.set(el, v);
    }
    return v;
  };

  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  let lastBlock: Node | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (BLOCKS.has(node.nodeName)) cut = true;
      continue;
    }
    const text = node as Text;
    const data = text.data;
    if (!data) continue;
    const parent = text.parentElement;
    if (parent && !isVisible(parent)) {
      cut = true;
      continue;
    }
    const block = blockOf(text, root);
    if ((cut || block !== lastBlock) && length > 0) {
      parts.push(SEPARATOR);
      length += 1;
    }
    cut = false;
    lastBlock = block;
    nodes.push(text);
    starts.push(length);
    parts.push(data);
    length += data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** The node holding character `offset` of the index, and the offset inside it. */
export function locate(index: TextIndex, offset: number): { node: Text; offset: number } {
  const { starts, nodes } = index;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo]!, offset: offset - starts[lo]! };
}
