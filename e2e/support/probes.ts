/**
 * Functions run inside the page under test (by Playwright or Puppeteer).
 * They read what any page script could read: the CSS highlight registry, and
 * the card host's shadow root in test builds, where it is open.
 */

export interface MarkInfo {
  kind: string;
  text: string;
  rect: { x: number; y: number; width: number; height: number } | null;
}

/** Every mark Backstory registered, in document order per kind. */
export function readMarks(): MarkInfo[] {
  const out: MarkInfo[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-') || name === 'backstory-hover' || name === 'backstory-flash')
      return;
    for (const range of highlight as unknown as Iterable<Range>) {
      const r = range instanceof Range ? range.getClientRects()[0] : undefined;
      out.push({
        kind: name.slice('backstory-'.length),
        text: range.toString(),
        rect: r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null,
      });
    }
  });
  return out;
}

/** Scrolls so the first mark with this text is in view, and returns its first box. */
export function revealMark(
  text: string,
): { x: number; y: number; width: number; height: number } | null {
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('backstory-') || name === 'backstory-hover' || name === 'backstory-flash')
      continue;
    for (const range of highlight as unknown as Iterable<Range>) {
      if (range.toString() !== text) continue;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = range.getClientRects()[0];
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    }
  }
  return null;
}

export interface CardInfo {
  present: boolean;
  visible: boolean;
  title: string;
  text: string;
  hostCount: number;
}

export function readCard(): CardInfo {
  const hosts = document.querySelectorAll('[data-backstory-e2e="card"]');
  const root = hosts[0]?.shadowRoot;
  const dialog = root?.querySelector<HTMLElement>('[role="dialog"]');
  const frame = root?.querySelector<HTMLElement>('.frame');
  const box = dialog?.getBoundingClientRect();
  return {
    present: Boolean(dialog),
    // A card being built while the pointer rests is laid out but not visible.
    visible: Boolean(
      dialog &&
      frame &&
      !frame.hidden &&
      getComputedStyle(frame).visibility === 'visible' &&
      box &&
      box.width > 0 &&
      box.height > 0,
    ),
    title: dialog?.querySelector('h2')?.textContent ?? '',
    text: dialog?.textContent ?? '',
    hostCount: hosts.length,
  };
}

/** The page's DOM as markup, leaving out the card host (the one element Backstory may add). */
export function snapshotDom(): string {
  const clone = document.documentElement.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('[data-backstory-e2e="card"]').forEach((el) => el.remove());
  return clone.outerHTML;
}

/**
 * Whether the card host's shadow root is hidden from page scripts (closed).
 * For the user build, whose host carries no test attribute: it is the one
 * <div> Backstory appends to the root element.
 */
export function cardRootIsClosed(): boolean | null {
  const host = document.querySelector(':root > div');
  return host ? host.shadowRoot === null : null;
}
