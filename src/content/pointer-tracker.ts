/**
 * Follows the reader's pointer and says which mark is under it, hit-testing
 * at most once per animation frame. Only the reader's own pointer counts:
 * a page can dispatch synthetic pointer events at a mark's position, and
 * they must open nothing (`isTrusted` is false for every event a script
 * dispatches). https://dom.spec.whatwg.org/#dom-event-istrusted
 */
import { markAtPoint } from './hit-test';
import type { Mark, MarkLayer } from './marks';

export function trackPointer(
  doc: Document,
  layer: MarkLayer,
  signal: AbortSignal,
  onMark: (mark: Mark | null) => void,
  /** Called at once for each of the reader's moves over the page (not over the card's frame). */
  onMove: () => void = () => undefined,
): void {
  const view = doc.defaultView!;
  let pointer: { x: number; y: number } | null = null;
  let frame = 0;
  const check = (): void => {
    frame = 0;
    if (pointer) onMark(markAtPoint(layer, doc, pointer.x, pointer.y));
  };
  doc.addEventListener(
    'pointermove',
    (event) => {
      if (!event.isTrusted) return;
      // Browsers send a move to a still pointer when the page scrolls or
      // changes under it: only the reader's own moves count, or a card moved
      // to the next mention would give way to whatever scrolled under the pointer.
      if (pointer && event.clientX === pointer.x && event.clientY === pointer.y) return;
      onMove();
      pointer = { x: event.clientX, y: event.clientY };
      if (!frame) frame = view.requestAnimationFrame(check);
    },
    { capture: true, passive: true, signal },
  );
  signal.addEventListener('abort', () => {
    if (frame) view.cancelAnimationFrame(frame);
  });
}
