/**
 * Marks: the mentions found on the page, as DOM ranges, and their drawing
 * with the CSS Custom Highlight API. The page's DOM is never changed.
 * https://developer.mozilla.org/docs/Web/API/CSS_Custom_Highlight_API
 */
import { KINDS, type Kind } from '../core/entity';
import type { PageMatches } from '../core/page-match';
import { locate, type TextIndex } from './text-index';
import { composedOrder } from './composed-order';

export interface Mark {
  range: Range;
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
    const range = new Range();
    range.setStart(start.node, start.offset);
    range.setEnd(last.node, last.offset + 1);
    marks.push({
      range,
      entityId: entity.id,
      kind: entity.kind,
      text: index.text.slice(startOffset, endOffset),
    });
  }
  return marks;
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
    this.marks = [];
    this.add(marks);
  }

  add(marks: readonly Mark[]): void {
    if (marks.length) this.register();
    for (const mark of marks) {
      this.byKind.get(mark.kind)!.add(mark.range);
      this.byRange.set(mark.range, mark);
      this.marks.push(mark);
    }
    this.byNode = null;
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
      this.byRange.delete(mark.range);
    }
    const removed = this.marks.length - kept.length;
    this.marks = kept;
    if (removed) this.byNode = null;
    return removed;
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
      const top = Math.round(mark.range.getBoundingClientRect().top + scrollY);
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

function indexByNode(marks: readonly Mark[]): Map<Node, Mark[]> {
  const byNode = new Map<Node, Mark[]>();
  const add = (node: Node, mark: Mark) => {
    const list = byNode.get(node);
    if (list) list.push(mark);
    else byNode.set(node, [mark]);
  };
  for (const mark of marks) {
    const { startContainer, endContainer, commonAncestorContainer } = mark.range;
    add(startContainer, mark);
    if (endContainer === startContainer) continue;
    // A mark across inline elements: index every text node it touches.
    const walker = document.createTreeWalker(commonAncestorContainer, NodeFilter.SHOW_TEXT);
    walker.currentNode = startContainer;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      add(n, mark);
      if (n === endContainer) break;
    }
  }
  return byNode;
}

/** The entities marked in `layer`, with how many marks each, most first. */
export function mentionCounts(layer: MarkLayer): { id: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const m of layer.marks) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count);
}
