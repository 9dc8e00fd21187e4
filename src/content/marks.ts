/**
 * Marks: the mentions found on the page, as DOM ranges, and their drawing
 * with the CSS Custom Highlight API. The page's DOM is never changed.
 * https://developer.mozilla.org/docs/Web/API/CSS_Custom_Highlight_API
 *
 * A mark's range is a StaticRange: the page reads every registered range
 * from `CSS.highlights`, and a live Range it could move (`setStart`) onto
 * any text, taking the mark and its card with it (e2e/privacy.spec.ts).
 * A StaticRange cannot be changed, and the DOM does not update it either:
 * a change to marked text queues its block to be read again (page-marker.ts),
 * a mark whose text changed under it is taken out at once (`dropChanged`),
 * and a range past its text's end is not drawn
 * (https://drafts.csswg.org/css-highlight-api-1/#range-invalidation).
 * Nor does it slow the page: the browser updates every live Range at each
 * DOM change the page makes (ARCHITECTURE.md, "Draw").
 * Measuring needs a live Range: `liveRange` makes a private one.
 */
import { KINDS, type Kind } from '../core/entity';
import type { PageMatches } from '../core/page-match';
import { locate, type TextIndex } from './text-index';
import { composedOrder } from './composed-order';

export interface Mark {
  range: StaticRange;
  entityId: string;
  kind: Kind;
  /** The page text that matched. */
  text: string;
}

export const HIGHLIGHT_PREFIX = 'backstory-';
export const HOVER_HIGHLIGHT = `${HIGHLIGHT_PREFIX}hover`;
/** A mark the reader just moved to, drawn brighter for a moment. */
export const FLASH_HIGHLIGHT = `${HIGHLIGHT_PREFIX}flash`;
const FLASH_MS = 1200;

/**
 * Turns matches in an index's text into ranges. A text node that changed
 * since it was read (the page is live) gives no mark: the change is queued
 * and its block read again.
 */
export function buildMarks(index: TextIndex, found: PageMatches): Mark[] {
  const marks: Mark[] = [];
  const { matches, entities } = found;
  for (let k = 0; k < matches.length; k += 3) {
    const startOffset = matches[k]!;
    const endOffset = matches[k + 1]!;
    const entity = entities[matches[k + 2]!]!;
    const start = locate(index, startOffset);
    const last = locate(index, endOffset - 1);
    if (last.offset + 1 > last.node.length || !start.node.isConnected || !last.node.isConnected)
      continue;
    const text = index.text.slice(startOffset, endOffset);
    // Read before the page changed it in place (dropChanged has run already): its
    // block is read again, and a StaticRange here would lie over other text.
    if (start.node === last.node && start.node.data.slice(start.offset, last.offset + 1) !== text)
      continue;
    const range = new StaticRange({
      startContainer: start.node,
      startOffset: start.offset,
      endContainer: last.node,
      endOffset: last.offset + 1,
    });
    marks.push({
      range,
      entityId: entity.id,
      kind: entity.kind,
      text,
    });
  }
  return marks;
}

/**
 * A live Range over what `range` covers, to measure it; null when a node is
 * gone or an offset lies past its node's text now (the text got shorter).
 * A change that leaves the offsets inside the text is caught by `dropChanged`.
 */
export function liveRange(range: AbstractRange): Range | null {
  const { startContainer, startOffset, endContainer, endOffset } = range;
  if (!startContainer.isConnected || !endContainer.isConnected) return null;
  const live = new Range();
  try {
    live.setStart(startContainer, startOffset);
    live.setEnd(endContainer, endOffset);
  } catch {
    // IndexSizeError: the text is shorter than the mark now.
    return null;
  }
  return live;
}

/**
 * The text nodes `range` touches, in document order: one for most marks,
 * several for a name across inline elements ("B<b>enny</b> Gantz").
 */
export function* textNodesOf(range: AbstractRange): Generator<Node> {
  const { startContainer, endContainer } = range;
  yield startContainer;
  if (endContainer === startContainer) return;
  // The walk stays inside the nodes' common ancestor. A page that moved the
  // end before the start (a live Range then collapses) has nothing between.
  const live = liveRange(range);
  if (!live || live.startContainer !== startContainer) return;
  const walker = document.createTreeWalker(live.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  walker.currentNode = startContainer;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    yield n;
    if (n === endContainer) return;
  }
}

/**
 * One Highlight per kind, registered under `backstory-<kind>`, plus the hover
 * and flash highlights. Nothing is registered until the first mark: a page
 * with nothing to mark (or a site switched off) finds no trace of Backstory
 * in `CSS.highlights`.
 */
export class MarkLayer {
  readonly byKind = new Map<Kind, Highlight>();
  readonly hover = new Highlight();
  private readonly flashed = new Highlight();
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly byRange = new Map<AbstractRange, Mark>();
  /** Marks by text node, built on first use: only the caret fallback of hit-testing needs it. */
  private byNode: Map<Node, Mark[]> | null = null;
  private registered = false;
  marks: Mark[] = [];

  constructor() {
    for (const kind of KINDS) this.byKind.set(kind, new Highlight());
    // Drawn above the kind colours.
    this.hover.priority = 1;
    this.flashed.priority = 2;
  }

  private register(): void {
    if (this.registered) return;
    this.registered = true;
    if (this.shown) this.registerKinds();
    CSS.highlights.set(HOVER_HIGHLIGHT, this.hover);
    CSS.highlights.set(FLASH_HIGHLIGHT, this.flashed);
  }

  private registerKinds(): void {
    for (const [kind, h] of this.byKind) CSS.highlights.set(`${HIGHLIGHT_PREFIX}${kind}`, h);
  }

  /** Replaces every mark. */
  set(marks: Mark[]): void {
    for (const h of this.byKind.values()) h.clear();
    this.byRange.clear();
    // Their ranges are no mark's now: drawn on, they would stay over text that may have changed.
    this.hover.clear();
    this.flashed.clear();
    this.marks = [];
    this.byNode = null;
    this.add(marks);
  }

  add(marks: readonly Mark[]): void {
    if (!marks.length) return;
    this.register();
    for (const mark of marks) {
      this.byKind.get(mark.kind)!.add(mark.range);
      this.byRange.set(mark.range, mark);
      this.marks.push(mark);
    }
    // Kept up rather than dropped: a page whose text changes often (a ticker)
    // asks for it at each change (dropChanged).
    if (this.byNode) indexByNode(marks, this.byNode);
  }

  /** Removes the marks for which `drop` says so; returns how many. */
  removeWhere(drop: (mark: Mark) => boolean): number {
    const kept: Mark[] = [];
    for (const mark of this.marks) {
      if (!drop(mark)) {
        kept.push(mark);
        continue;
      }
      this.byKind.get(mark.kind)!.delete(mark.range);
      this.hover.delete(mark.range);
      this.flashed.delete(mark.range);
      this.byRange.delete(mark.range);
    }
    const removed = this.marks.length - kept.length;
    this.marks = kept;
    if (removed && this.byNode) {
      for (const [node, list] of this.byNode) {
        const left = list.filter((mark) => this.byRange.has(mark.range));
        if (left.length === 0) this.byNode.delete(node);
        else if (left.length !== list.length) this.byNode.set(node, left);
      }
    }
    return removed;
  }

  /**
   * Takes out at once the marks whose text the page changed in `nodes`
   * (characterData): a StaticRange keeps its offsets, and until its block
   * is read again (page-marker.ts, after a batch delay) it would be drawn
   * over whatever text is there now, and open its card there. A mark whose
   * text is still in its place stays. Returns how many were taken out.
   */
  dropChanged(nodes: Iterable<Node>): number {
    const stale = new Set<Mark>();
    for (const node of nodes)
      for (const mark of this.marksInNode(node)) if (!holdsItsText(mark)) stale.add(mark);
    return stale.size ? this.removeWhere((mark) => stale.has(mark)) : 0;
  }

  /** Gives marks the real ids of entities they knew by an unnamed one (mark-naming.ts). */
  rename(ids: ReadonlyMap<string, string>): void {
    for (const mark of this.marks) {
      const id = ids.get(mark.entityId);
      if (id !== undefined) mark.entityId = id;
    }
  }

  /** The marks that cover some of `node`'s text. */
  marksInNode(node: Node): readonly Mark[] {
    this.byNode ??= indexByNode(this.marks);
    return this.byNode.get(node) ?? [];
  }

  /** Every mark still on the page, in document order. */
  inOrder(): Mark[] {
    return this.marks
      .filter((m) => m.range.startContainer.isConnected)
      .sort((a, b) => composedOrder(a.range, b.range));
  }

  /** An entity's marks still on the page, in document order. */
  mentionsOf(entityId: string): Mark[] {
    return this.inOrder().filter((m) => m.entityId === entityId);
  }

  markOfRange(range: AbstractRange): Mark | undefined {
    return this.byRange.get(range);
  }

  setHover(mark: Mark | null): void {
    this.hover.clear();
    if (mark) this.hover.add(mark.range);
  }

  /** Shows or hides every mark (the page's "toggle marks" command); they keep updating meanwhile. */
  setShown(shown: boolean): void {
    this.shown = shown;
    if (!this.registered) return;
    if (shown) this.registerKinds();
    else for (const kind of KINDS) CSS.highlights.delete(`${HIGHLIGHT_PREFIX}${kind}`);
  }

  shown = true;

  /** Draws `mark` brighter for a moment, so the eye finds it after a jump. */
  flash(mark: Mark): void {
    clearTimeout(this.flashTimer);
    this.flashed.clear();
    this.flashed.add(mark.range);
    this.flashTimer = setTimeout(() => this.flashed.clear(), FLASH_MS);
    // Test builds record each flash, which tests read whenever they get to
    // it: the highlight itself is gone after FLASH_MS, which on a loaded
    // machine can pass before a test looks.
    if (__BACKSTORY_E2E__) {
      const top = Math.round((liveRange(mark.range)?.getBoundingClientRect().top ?? 0) + scrollY);
      performance.mark('backstory-flash', { detail: `${mark.text}@${top}` });
    }
  }

  destroy(): void {
    clearTimeout(this.flashTimer);
    if (this.registered) {
      for (const kind of KINDS) CSS.highlights.delete(`${HIGHLIGHT_PREFIX}${kind}`);
      CSS.highlights.delete(HOVER_HIGHLIGHT);
      CSS.highlights.delete(FLASH_HIGHLIGHT);
    }
    this.byRange.clear();
    this.byNode = null;
    this.marks = [];
  }
}

/** Whether the text under `mark`'s range is on the page and still the text it matched. */
export function holdsItsText({ range, text }: Mark): boolean {
  const { startContainer, startOffset, endContainer, endOffset } = range;
  if (startContainer === endContainer)
    return (
      startContainer.isConnected &&
      (startContainer as Text).data.slice(startOffset, endOffset) === text
    );
  return liveRange(range)?.toString() === text;
}

function indexByNode(
  marks: readonly Mark[],
  byNode: Map<Node, Mark[]> = new Map<Node, Mark[]>(),
): Map<Node, Mark[]> {
  const add = (node: Node, mark: Mark) => {
    const list = byNode.get(node);
    if (list) list.push(mark);
    else byNode.set(node, [mark]);
  };
  for (const mark of marks) for (const node of textNodesOf(mark.range)) add(node, mark);
  return byNode;
}

/** The entities marked in `layer`, with how many marks each, most first. */
export function mentionCounts(layer: MarkLayer): { id: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const m of layer.marks) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count);
}
