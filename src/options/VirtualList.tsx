/**
 * A list that renders only the rows in view (plus a few either side), each
 * `rowHeight` pixels tall, inside a scrolling box: 100,000 rows scroll as
 * smoothly as 100. Screen readers still hear each row's place in the whole
 * (aria-setsize / aria-posinset).
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

const OVERSCAN = 6;

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  label: string;
  renderRow: (index: number) => ComponentChildren;
  /** Row keys, so a row keeps its DOM (and focus) while the list scrolls. */
  keyOf: (index: number) => string | number;
}

export function VirtualList({ count, rowHeight, label, renderRow, keyOf }: VirtualListProps) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const el = box.current!;
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, []);

  const first = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <li
        key={keyOf(i)}
        aria-setsize={count}
        aria-posinset={i + 1}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
      >
        {renderRow(i)}
      </li>,
    );
  }
  return (
    <div class="virtual" ref={box} data-testid="entity-scroller">
      <ul class="entities" aria-label={label} style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </ul>
    </div>
  );
}
