/**
 * The only element Backstory adds to a page: the card's host, with a closed
 * shadow root holding the card and its styles, so the page's CSS cannot
 * reach in and its scripts cannot read the notes.
 *
 * The host is a plain `<div>`, never a custom element: a page may define a
 * custom element of any free name before we create it, and its constructor
 * would then own the host and, through `attachInternals()`, the closed shadow
 * root. https://html.spec.whatwg.org/multipage/custom-elements.html#dom-attachinternals
 * Builds made for the end-to-end tests open the root so tests can look
 * inside, and tag the host so tests can find it.
 */
import { render, type ComponentChild } from 'preact';
import cardCss from '../ui/card.css?inline';

/** The hosts Backstory made, known by identity: their tag is an ordinary page's. */
const hosts = new WeakSet<Element>();

/** Whether `el` is Backstory's own UI (its text is never read or marked). */
export function isOwnUi(el: Element): boolean {
  return hosts.has(el);
}

/** The attribute test builds put on the host, so tests can find it. */
export const E2E_HOST_ATTRIBUTE = 'data-backstory-e2e';

export class CardHost {
  readonly host: HTMLElement;
  /** The positioned box the card is rendered into. */
  readonly frame: HTMLElement;
  /** Kept here: a closed root is not reachable through `host.shadowRoot`. */
  private readonly root: ShadowRoot;

  constructor(doc: Document, mode: ShadowRootMode) {
    this.host = doc.createElement('div');
    hosts.add(this.host);
    if (__BACKSTORY_E2E__) this.host.setAttribute(E2E_HOST_ATTRIBUTE, 'card');
    const root = this.host.attachShadow({ mode });
    this.root = root;
    const style = doc.createElement('style');
    style.textContent = cardCss;
    this.frame = doc.createElement('div');
    this.frame.className = 'frame';
    this.frame.hidden = true;
    root.append(style, this.frame);
    doc.documentElement.append(this.host);
  }

  /**
   * Renders the card. A `ready` card is laid out and positioned but not
   * visible (nor reachable by pointer, focus or screen reader) until
   * `reveal()`: the card is built while the pointer rests on a mark, so the
   * end of the hover delay only has to uncover it.
   */
  show(card: ComponentChild, ready = false): void {
    render(card, this.frame);
    this.frame.toggleAttribute('data-ready', ready);
    this.frame.hidden = false;
  }

  reveal(): void {
    this.frame.removeAttribute('data-ready');
  }

  hide(): void {
    this.frame.hidden = true;
    this.frame.removeAttribute('data-ready');
    render(null, this.frame);
  }

  /** Moves focus to the card (a labelled dialog), for keyboard users. */
  focusCard(): void {
    this.frame.querySelector<HTMLElement>('[role="dialog"]')?.focus();
  }

  /** Whether focus is in a text field of the card (an edit is under way). */
  isTyping(): boolean {
    const active = this.root.activeElement;
    return active?.localName === 'textarea' || active?.localName === 'input';
  }

  get visible(): boolean {
    return !this.frame.hidden && !this.frame.hasAttribute('data-ready');
  }

  /** Whether an event's path runs through the card. */
  containsEvent(event: Event): boolean {
    return event.composedPath().includes(this.host);
  }

  destroy(): void {
    render(null, this.frame);
    this.host.remove();
  }
}
