/**
 * Follows the reader's pointer and says which mark is under it, hit-testing
 * at most once per animation frame. Only the reader's own pointer counts:
 * a page can dispatch synthetic pointer events at a mark's position, and
 * they must open nothing (`isTrusted` is false for every event a script
 * dispatches). https://dom.spec.whatwg.org/#dom-event-istrusted
 */
import { markAtPoint } from './hit-test';
import type { Mark, MarkLayer } from './marks';
import type { Listen } from './window-events';

export interface PointerHandlers {
  /** The mark under the pointer, or null: at most once per animation frame. */
  onMark: (mark: Mark | null) => void;
  /** Called at once for each of the reader's moves over the page. */
  onPage: () => void;
  /** Called at once for each of the reader's moves over the card. */
  onCard: () => void;
  /** Whether an event's target is the card's host element. */
  isCard: (target: EventTarget | null) => boolean;
}

export function trackPointer(
  doc: Document,
  listen: Listen,
  layer: MarkLayer,
  signal: AbortSignal,
  handlers: PointerHandlers,
): void {
  const view = doc.defaultView!;
  let pointer: { x: number; y: number } | null = null;
  let frame = 0;
  const check = (): void => {
    frame = 0;
    if (pointer) handlers.onMark(markAtPoint(layer, doc, pointer.x, pointer.y));
  };
  listen(
    'pointermove',
    (event) => {
      if (!event.isTrusted) return;
      // Browsers send a move to a still pointer when the page scrolls or
      // changes under it: only the reader's own moves count, or a card moved
      // to the next mention would give way to whatever scrolled under the pointer.
      if (pointer && event.clientX === pointer.x && event.clientY === pointer.y) return;
      pointer = { x: event.clientX, y: event.clientY };
      // The card's frame has its own document, which gets the moves over it;
      // one that comes to the page aimed at the card's host (a frame not yet
      // loaded or drawn) is still a move over the card, not over the marks
      // drawn under it.
      if (handlers.isCard(event.target)) {
        if (frame) view.cancelAnimationFrame(frame);
        frame = 0;
        return handlers.onCard();
      }
      handlers.onPage();
      if (!frame) frame = view.requestAnimationFrame(check);
    },
    signal,
  );
  signal.addEventListener('abort', () => {
    if (frame) view.cancelAnimationFrame(frame);
  });
}
