/**
 * Functions run inside the page under test (by Playwright or Puppeteer).
 * They read what any page script could read: the CSS highlight registry, and
 * the card host's shadow root in test builds, where it is open.
 */

import { waitFor, type Tab } from './driver';

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
    for (const found of highlight as unknown as Iterable<AbstractRange>) {
      // Backstory registers StaticRange copies, which cannot measure: a live copy does.
      const range = document.createRange();
      try {
        range.setStart(found.startContainer, found.startOffset);
        range.setEnd(found.endContainer, found.endOffset);
      } catch {
        // Its text changed since: not drawn, and read as nothing.
        range.collapse(true);
      }
      const r = range.getClientRects()[0];
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
    for (const found of highlight as unknown as Iterable<AbstractRange>) {
      // A live copy of Backstory's StaticRange, as in readMarks.
      const range = document.createRange();
      try {
        range.setStart(found.startContainer, found.startOffset);
        range.setEnd(found.endContainer, found.endOffset);
      } catch {
        continue;
      }
      if (range.toString() !== text) continue;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = range.getClientRects()[0];
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    }
  }
  return null;
}

/** Where the card's frame is, inside the host's (open, in test builds) shadow root. */
export const CARD_FRAME = '[data-backstory-e2e="card"] iframe';

export interface CardInfo {
  /** The frame is uncovered and has a size (a card drawn while the pointer rests is not). */
  visible: boolean;
  hostCount: number;
}

/** The card as the page sees it: its host and frame. What it says is in its own document. */
export function readCard(): CardInfo {
  const hosts = document.querySelectorAll('[data-backstory-e2e="card"]');
  const frame = hosts[0]?.shadowRoot?.querySelector('iframe');
  const box = frame?.getBoundingClientRect();
  return {
    visible: Boolean(
      frame &&
      frame.hasAttribute('data-shown') &&
      getComputedStyle(frame).visibility === 'visible' &&
      box &&
      box.width > 0 &&
      box.height > 0,
    ),
    hostCount: hosts.length,
  };
}

/** Where the card's document starts in the page: its frame's content box, or null with no card. */
export function cardFrameOrigin(): { x: number; y: number } | null {
  const frame = document
    .querySelector('[data-backstory-e2e="card"]')
    ?.shadowRoot?.querySelector('iframe');
  if (!frame) return null;
  const box = frame.getBoundingClientRect();
  return { x: box.x + frame.clientLeft, y: box.y + frame.clientTop };
}

export interface CardContent {
  title: string;
  text: string;
  theme: string;
  dir: string;
}

/** What the card says, read in its own document (the card's frame). */
export function readCardDocument(): CardContent {
  const frame = document.querySelector<HTMLElement>('.frame');
  const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
  return {
    title: dialog?.querySelector('h2')?.textContent ?? '',
    text: dialog?.textContent ?? '',
    theme: frame?.dataset.theme ?? '',
    dir: frame?.dir ?? '',
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

/** What the card on `tab` says, once its document has drawn a card. */
export function cardContent(tab: Tab): Promise<CardContent> {
  return waitFor(async () => {
    const content = await tab.evaluateInCard(readCardDocument);
    return content?.title ? content : null;
  }, 'the card document shows no card');
}
