/**
 * Which mark is under a point. Chromium answers directly with
 * `CSS.highlights.highlightsFromPoint`; elsewhere the caret position under
 * the point gives a text node and offset, and the mark holding it is checked
 * against the point, since the caret position snaps to the nearest text.
 * https://drafts.csswg.org/css-highlight-api-1/#interactions
 */
import { liveRange, type Mark, type MarkLayer } from './marks';

interface HighlightHit {
  highlight: Highlight;
  ranges: AbstractRange[];
}

type HighlightsFromPoint = (x: number, y: number) => HighlightHit[];

function rangeContainsPoint(range: AbstractRange, x: number, y: number): boolean {
  for (const r of liveRange(range)?.getClientRects() ?? []) {
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  }
  return false;
}

export function markAtPoint(layer: MarkLayer, doc: Document, x: number, y: number): Mark | null {
  const fromPoint = (CSS.highlights as unknown as { highlightsFromPoint?: HighlightsFromPoint })
    .highlightsFromPoint;
  if (typeof fromPoint === 'function') {
    for (const hit of fromPoint.call(CSS.highlights, x, y)) {
      if (hit.highlight === layer.hover) continue;
      for (const range of hit.ranges ?? []) {
        const mark = layer.markOfRange(range);
        if (mark) return mark;
      }
    }
    return null;
  }
  const caret = doc.caretPositionFromPoint?.(x, y);
  if (!caret || caret.offsetNode.nodeType !== Node.TEXT_NODE) return null;
  const node = caret.offsetNode;
  for (const mark of layer.marksInNode(node)) {
    if (rangeContainsPoint(mark.range, x, y)) return mark;
  }
  return null;
}
