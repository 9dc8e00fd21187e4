/**
 * Keeps the card beside what it is about (a mark, or a selection): below it,
 * flipping above and shifting sideways to stay in the viewport, right-aligned
 * for right-to-left text, and telling the card how much room it has so a
 * long note scrolls inside the card rather than leaving the viewport.
 * https://floating-ui.com/docs/autoUpdate
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';

export interface Placement {
  /** Settles when the card has its first position. */
  positioned: Promise<void>;
  stop(): void;
}

export function placeBeside(
  range: Range,
  floating: HTMLElement,
  rtl: boolean,
  onRoom: (available: number) => void,
): Placement {
  const reference = {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: range.startContainer.parentElement ?? undefined,
  };
  let first = true;
  let positioned: Promise<void> = Promise.resolve();
  let lastRoom = -1;
  const stop = autoUpdate(reference, floating, () => {
    const placing = computePosition(reference, floating, {
      strategy: 'fixed',
      placement: rtl ? 'bottom-end' : 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply: ({ availableHeight }) => {
            const room = Math.round(availableHeight);
            if (Math.abs(room - lastRoom) > 1) onRoom(room);
            lastRoom = room;
          },
        }),
      ],
    }).then(({ x, y }) => {
      floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    });
    if (first) positioned = placing;
    first = false;
  });
  return { positioned, stop };
}
