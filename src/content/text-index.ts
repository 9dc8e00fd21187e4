/**
 * Collects the visible text under a root into one string, with the text
 * node behind every character, so matches found in the string become DOM
 * ranges. Text runs on across inline elements (`<b>Gantz</b>'s`) and is cut
 * at block edges, `<br>` and skipped elements by a NUL character, which no
 * surface form contains (DESIGN.md section 4, rules 5 and 6). Open shadow
 * roots met on the way are collected after their host's tree.
 */
import { SKIPPED_ELEMENTS } from '../core/skipped-elements';

/** Elements whose text is never marked (the list is shared with the bench's HTML-to-text). */
const SKIPPED = new Set(SKIPPED_ELEMENTS);

/** Elements that start a new line of text: a mention never crosses their edges. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'img',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

export const SEPARATOR = '\u0000';

/**
 * The elements `attachShadow` accepts besides custom elements:
 * https://dom.spec.whatwg.org/#valid-shadow-host-name
 */
const SHADOW_HOSTS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

export interface TextIndex {
  text: string;
  nodes: Text[];
  /** Offset in `text` of the first character of each node. */
  starts: number[];
}

export interface CollectOptions {
  /** Backstory's own UI elements, never scanned. */
  isOwnUi?: (el: Element) => boolean;
  /** Called with each open shadow root found (to style and observe it). */
  onShadowRoot?: (root: ShadowRoot) => void;
}

export function isBlock(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && BLOCKS.has((node as Element).localName);
}

/** Whether `node` sits inside an element whose text is never marked. */
export function isInSkipped(node: Node, options: CollectOptions = {}): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === Node.ELEMENT_NODE && isSkipped(n as Element, options)) return true;
  }
  return false;
}

/**
 * `hidden` (display: none by default: skipping it now saves matching text
 * nobody sees) and editable regions, read from the attribute, since
 * `isContentEditable` would make the browser compute the page's styles on the
 * spot. Whole subtrees are stepped over, so the attribute on a region's root
 * is enough.
 */
function isSkippedByAttribute(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

function isSkipped(el: Element, options: CollectOptions): boolean {
  return SKIPPED.has(el.localName) || isSkippedByAttribute(el) || options.isOwnUi?.(el) === true;
}

function blockOf(node: Node, root: Node): Node {
  let el = node.parentNode;
  while (el && el !== root) {
    if (isBlock(el)) return el;
    el = el.parentNode;
  }
  return root;
}

/**
 * Walks one or more roots in slices: `run` does as much as `timeUp` allows
 * and says whether it finished, so a large page is read without a long task.
 *
 * It reads the DOM only, never styles: asking whether every text node is
 * visible would cost style work for the whole page (and in Firefox, before
 * its style sheets load, every box is missing). Hidden text is taken out
 * after matching, for the few nodes that matched, before any mark is
 * registered (see `visibility.ts`).
 */
export class TextCollector {
  private readonly parts: string[] = [];
  private readonly nodes: Text[] = [];
  private readonly starts: number[] = [];
  private length = 0;
  private readonly pending: Node[];
  private walker: TreeWalker | null = null;
  private root: Node | null = null;
  private cut = false;
  private lastBlock: Node | null = null;
  private readonly blocks = new Map<Node, Node>();
  private lastParent: Node | null = null;
  private lastParentBlock: Node | null = null;
  /** Local name of the element `next` returned last, for `visit`. */
  private lastName = '';
  /** A skipped element at the end of the walk so far: the walk goes on after its subtree. */
  private skippedFrom: Element | null = null;
  /** Index in `parts` of the last block edge (NUL) read, -1 before the first. */
  private lastEdgePart = -1;
  /** The text node read last, and its length then. */
  private lastText: Text | null = null;
  private lastTextLength = 0;
  /** Whether the walk under way reads the document as the parser builds it (`runGrowing`). */
  private growing = false;
  /** Elements passed while the page was parsed that could still get a shadow root. */
  private readonly shadowless: Element[] = [];

  constructor(
    roots: Node[],
    private readonly options: CollectOptions = {},
  ) {
    this.pending = [...roots];
  }

  /** Works until done or `timeUp()` (checked every 64 nodes); true when done. */
  run(timeUp: () => boolean = () => false): boolean {
    return this.walk(timeUp, false);
  }

  /**
   * Reads the first root as far as the parser has built it (read-ahead.ts):
   * true when the walk has caught up with the end of the document so far. The
   * walk keeps its place, so a later call (or `run`) goes on from there.
   */
  runGrowing(timeUp: () => boolean): boolean {
    return this.walk(timeUp, true);
  }

  private walk(timeUp: () => boolean, growing: boolean): boolean {
    this.growing = growing;
    this.grown();
    let budget = 0;
    for (;;) {
      if (!this.walker) {
        const root = this.pending.shift();
        if (!root) return true;
        // A document in design mode is one big editor: nothing in it is marked.
        if ((root.ownerDocument ?? (root as Document)).designMode === 'on') continue;
        this.startRoot(root);
      }
      const node = this.next();
      if (!node) {
        // The parser may add more after the last node: the walk waits there.
        if (growing) return true;
        this.walker = null;
        this.cut = true;
        continue;
      }
      this.visit(node);
      if (++budget % 64 === 0 && timeUp()) return false;
    }
  }

  /**
   * The node the walk stands on: everything up to it (and its own text, in
   * document order) is read; a node that follows it is not yet.
   */
  get frontier(): Node | null {
    return this.skippedFrom ?? this.walker?.currentNode ?? null;
  }

  /** The text node read last: a change to it is taken up by the next walk (see `grown`). */
  get lastRead(): Text | null {
    return this.lastText;
  }

  /**
   * The parser appends to the last text node while its text arrives
   * ("Benny Ga" then "ntz"), and a script may change it: the part read last
   * takes its text as it is now. Nothing was read after it (elements add no
   * part), so it is the last part, and no match was made in it yet.
   */
  private grown(): void {
    const text = this.lastText;
    if (!text) return;
    const data = text.data;
    if (data === this.parts[this.parts.length - 1]) return;
    this.parts[this.parts.length - 1] = data;
    this.length += data.length - this.lastTextLength;
    this.lastTextLength = data.length;
  }

  /**
   * The text read from part `from` (0, or the `next` of an earlier call) up
   * to the last block edge read: text that reading on cannot change, since
   * the parser only adds after it. `next` is where the following call
   * starts, at that edge. At most up to the first block edge past
   * `maxChars` characters (`pieceEnd`), so the text can be matched a piece
   * at a time; `more` says whether closed text is left after it.
   */
  closedSince(from: number, maxChars: number): { text: string; next: number; more: boolean } {
    const last = Math.max(from, this.lastEdgePart);
    const next = pieceEnd(this.parts, from, last, maxChars);
    return { text: this.parts.slice(from, next).join(''), next, more: next < last };
  }

  /**
   * Takes up the shadow roots that page scripts attached, while the page
   * was parsed, to elements the walk had already passed: `attachShadow`
   * makes no mutation record, so nothing else would tell. They are read
   * after the rest, as every shadow root is.
   */
  takeLateShadowRoots(): void {
    for (const el of this.shadowless) {
      const shadow = el.shadowRoot;
      if (!shadow) continue;
      this.pending.push(shadow);
      this.options.onShadowRoot?.(shadow);
    }
    this.shadowless.length = 0;
  }

  result(): TextIndex {
    return { text: this.parts.join(''), nodes: this.nodes, starts: this.starts };
  }

  private startRoot(root: Node): void {
    const doc = root.ownerDocument ?? (root as Document);
    this.root = root;
    this.skippedFrom = null;
    // No filter callback: calling into JS for every node costs more than the
    // walk itself. Skipped elements are stepped over in `next`.
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  }

  /** Whether `el`'s subtree is stepped over; keeps its local name for `visit`. */
  private skips(el: Element): boolean {
    const name = el.localName;
    this.lastName = name;
    return SKIPPED.has(name) || isSkippedByAttribute(el) || this.options.isOwnUi?.(el) === true;
  }

  /** The next node in document order, stepping over the subtrees of skipped elements. */
  private next(): Node | null {
    let node = this.skippedFrom ? this.afterSubtree(this.skippedFrom) : this.walker!.nextNode();
    while (node && node.nodeType === Node.ELEMENT_NODE && this.skips(node as Element)) {
      this.cut = true;
      node = this.afterSubtree(node as Element);
    }
    return node;
  }

  /**
   * The first node after `el`'s subtree, or null at the root's end, where the
   * walk then stays on `el` (not on an ancestor, from which a later step
   * would read the same nodes again).
   */
  private afterSubtree(el: Element): Node | null {
    const walker = this.walker!;
    walker.currentNode = el;
    let node = walker.nextSibling();
    while (!node) {
      if (!walker.parentNode()) {
        walker.currentNode = el;
        this.skippedFrom = el;
        return null;
      }
      node = walker.nextSibling();
    }
    this.skippedFrom = null;
    return node;
  }

  /** The nearest block around a text node, cached per parent (and the last parent's at hand). */
  private blockOf(text: Text): Node {
    const parent = text.parentNode;
    if (!parent) return this.root!;
    if (parent === this.lastParent) return this.lastParentBlock!;
    let block = this.blocks.get(parent);
    if (!block) {
      block = blockOf(text, this.root!);
      this.blocks.set(parent, block);
    }
    this.lastParent = parent;
    this.lastParentBlock = block;
    return block;
  }

  private visit(node: Node): void {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (BLOCKS.has(this.lastName)) this.cut = true;
      const shadow = (node as Element).shadowRoot;
      if (shadow) {
        this.pending.push(shadow);
        this.options.onShadowRoot?.(shadow);
      } else if (this.growing && (SHADOW_HOSTS.has(this.lastName) || this.lastName.includes('-'))) {
        this.shadowless.push(node as Element);
      }
      return;
    }
    const text = node as Text;
    const data = text.data;
    if (!data) return;
    const block = this.blockOf(text);
    if ((this.cut || block !== this.lastBlock) && this.length > 0) {
      this.lastEdgePart = this.parts.length;
      this.parts.push(SEPARATOR);
      this.length += 1;
    }
    this.cut = false;
    this.lastBlock = block;
    this.nodes.push(text);
    this.starts.push(this.length);
    this.parts.push(data);
    this.length += data.length;
    this.lastText = text;
    this.lastTextLength = data.length;
  }
}

/** Collects the text under `roots` in one go (for small parts of a page). */
export function collectText(roots: Node | Node[], options: CollectOptions = {}): TextIndex {
  const collector = new TextCollector(Array.isArray(roots) ? roots : [roots], options);
  collector.run();
  return collector.result();
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

/** Whether the document has layout boxes yet (Firefox builds none until its style sheets load). */
export function isLaidOut(doc: Document): boolean {
  return doc.body?.checkVisibility() ?? false;
}

/**
 * Where a piece of `parts` from `from` ends: at `last` (a block edge: a
 * SEPARATOR part), or at the first block edge before it where the parts
 * from `from` hold `maxChars` characters or more.
 */
export function pieceEnd(
  parts: readonly string[],
  from: number,
  last: number,
  maxChars: number,
): number {
  let chars = 0;
  for (let i = from; i + 1 < last; i++) {
    chars += parts[i]!.length;
    if (chars >= maxChars && parts[i + 1] === SEPARATOR) return i + 1;
  }
  return last;
}
