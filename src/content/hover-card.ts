/**
 * Hover detection and the card's life cycle: the pointer position is
 * hit-tested at most once per animation frame; the card shows after the
 * pointer rests on a mark for the hover delay, stays while the pointer is on
 * the mark or the card, hides a moment after it leaves both, and hides at
 * once on Esc (WCAG 1.4.13: dismissible, hoverable, persistent).
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { h } from 'preact';
import type { Entity } from '../core/entity';
import { Card } from '../ui/Card';
import { CardHost } from './card-host';
import { markAtPoint } from './hit-test';
import type { Mark, MarkLayer } from './marks';
import { Timer } from './timers';

export interface HoverCardOptions {
  doc: Document;
  layer: MarkLayer;
  signal: AbortSignal;
  fetchEntity: (id: string) => Promise<Entity | null>;
  shadowMode: ShadowRootMode;
  /** How long the pointer must rest on a mark, in ms (read at each hover: settings change live). */
  showDelay: () => number;
  hideDelay?: number;
}

export function startHoverCard(options: HoverCardOptions): void {
  const { doc, layer, signal, fetchEntity, shadowMode } = options;
  const hideDelay = options.hideDelay ?? 300;
  const view = doc.defaultView!;

  let host: CardHost | null = null;
  let pointer: { x: number; y: number } | null = null;
  let overCard = false;
  let frame = 0;
  /** The mark under the pointer. */
  let hovered: Mark | null = null;
  /** The mark whose card is showing. */
  let shown: Mark | null = null;
  /** A mark whose card was dismissed with Esc: not shown again until the pointer leaves it. */
  let dismissed: Mark | null = null;
  let stopAutoUpdate: (() => void) | null = null;
  const showTimer = new Timer(signal);
  const hideTimer = new Timer(signal);

  const hide = (): void => {
    showTimer.cancel();
    hideTimer.cancel();
    stopAutoUpdate?.();
    stopAutoUpdate = null;
    host?.hide();
    shown = null;
    overCard = false;
  };

  const show = async (mark: Mark): Promise<void> => {
    const entity = await fetchEntity(mark.entityId);
    // The pointer may have moved on while the note was fetched.
    if (!entity || signal.aborted || hovered !== mark) return;
    host ??= new CardHost(doc, shadowMode);
    const cardHost = host;
    cardHost.show(h(Card, { entity, matched: mark.text, onClose: hide }));
    shown = mark;
    const reference = {
      getBoundingClientRect: () => mark.range.getBoundingClientRect(),
      getClientRects: () => mark.range.getClientRects(),
      contextElement: mark.range.startContainer.parentElement ?? undefined,
    };
    stopAutoUpdate?.();
    stopAutoUpdate = autoUpdate(reference, cardHost.frame, () => {
      void computePosition(reference, cardHost.frame, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          // A long note scrolls inside the card rather than leaving the viewport.
          size({
            padding: 8,
            apply: ({ availableHeight }) =>
              cardHost.frame.style.setProperty(
                '--available-height',
                `${Math.max(120, availableHeight)}px`,
              ),
          }),
        ],
      }).then(({ x, y }) => {
        cardHost.frame.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    });
  };

  const check = (): void => {
    frame = 0;
    if (!pointer) return;
    if (overCard) {
      hideTimer.cancel();
      return;
    }
    const mark = markAtPoint(layer, doc, pointer.x, pointer.y);
    if (mark !== hovered) {
      // A new mark restarts the delay: the pointer must rest on it.
      showTimer.cancel();
      hovered = mark;
      layer.setHover(mark);
      if (dismissed && dismissed !== mark) dismissed = null;
    }
    if (mark) {
      hideTimer.cancel();
      if (shown !== mark && mark !== dismissed) {
        if (!showTimer.pending) showTimer.start(options.showDelay(), () => void show(mark));
      }
    } else {
      showTimer.cancel();
      if (shown && !hideTimer.pending) hideTimer.start(hideDelay, hide);
    }
  };

  const schedule = (): void => {
    if (!frame) frame = view.requestAnimationFrame(check);
  };

  doc.addEventListener(
    'pointermove',
    (event) => {
      pointer = { x: event.clientX, y: event.clientY };
      overCard = host?.containsEvent(event) ?? false;
      schedule();
    },
    { capture: true, passive: true, signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || !shown) return;
      dismissed = shown;
      hide();
    },
    { capture: true, signal },
  );
  signal.addEventListener('abort', () => {
    if (frame) view.cancelAnimationFrame(frame);
    stopAutoUpdate?.();
    host?.destroy();
    layer.setHover(null);
  });
}
