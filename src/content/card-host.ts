/**
 * The only element Backstory adds to a page: the card's host, a plain
 * `<div>` with a closed shadow root holding an iframe of the card's own
 * document (an extension page, src/card-frame). The note is fetched by that
 * document, so it never enters the page's process; the page's CSS cannot
 * reach into the shadow root, and its scripts cannot read a cross-origin
 * frame.
 *
 * The host is never a custom element: a page may define a custom element of
 * any free name before we create it, and its constructor would then own the
 * host and, through `attachInternals()`, the closed shadow root.
 * https://html.spec.whatwg.org/multipage/custom-elements.html#dom-attachinternals
 *
 * The frame is made once, on first use, and reused. Its channel runs through
 * the background, which pairs this script's port with the frame's by a
 * secret the frame's URL carries (src/background/card-relay.ts). Builds made for the end-to-end
 * tests open the shadow root and tag the host so tests can find it.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import {
  CARD_HOST_PORT,
  CardEventSchema,
  type CardCommand,
  type CardEvent,
} from '../messaging/card-protocol';
import { randomToken } from './random-token';
import { lookSoon } from './extension-gone';

/** The hosts Backstory made, known by identity: their tag is an ordinary page's. */
const hosts = new WeakSet<Element>();

/** Whether `el` is Backstory's own UI (its text is never read or marked). */
export function isOwnUi(el: Element): boolean {
  return hosts.has(el);
}

/** The attribute test builds put on the host, so tests can find it. */
export const E2E_HOST_ATTRIBUTE = 'data-backstory-e2e';

/*
 * The host is a plain <div> that page rules (`div { display: none !important }`)
 * can select; an !important rule of the shadow tree wins over the page's,
 * even its !important ones. https://drafts.csswg.org/css-cascade-5/#cascade-context
 * The frame stays laid out while out of sight (visibility, not display), so
 * a card can be drawn and measured in it before it is shown.
 */
const HOST_CSS = `
:host { all: initial !important; display: block !important; position: fixed !important; }
iframe {
  position: fixed; top: 0; left: 0; z-index: 2147483647;
  border: 0; margin: 0; padding: 0; background: transparent;
  width: 400px; height: 440px;
}
iframe:not([data-shown]) { visibility: hidden; }
`;

const CARD_PATH = '/card.html';

/** The origin of the extension's own pages (not a resource listed as web-accessible). */
const EXTENSION_ORIGIN = (): string => new URL(browser.runtime.getURL('/options.html')).origin;

/** The frame's address, or null where this script may not read it. */
function frameUrl(iframe: HTMLIFrameElement): string | null {
  try {
    return iframe.contentWindow?.location.href ?? null;
  } catch {
    return null;
  }
}

export class CardHost {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private iframe!: HTMLIFrameElement;
  private port: Runtime.Port | null = null;
  /** The secret in the frame's URL, which pairs this end with the frame's. */
  private key = '';

  constructor(
    private readonly doc: Document,
    mode: ShadowRootMode,
    private readonly onEvent: (event: CardEvent) => void,
    /** The frame was navigated away and replaced: whatever card it showed is gone. */
    private readonly onLost: () => void,
  ) {
    this.host = doc.createElement('div');
    // In the top layer while shown, above anything the page stacks, so no
    // page element can cover the card and take the reader's clicks.
    // https://html.spec.whatwg.org/multipage/popover.html
    this.host.popover = 'manual';
    hosts.add(this.host);
    if (__BACKSTORY_E2E__) this.host.setAttribute(E2E_HOST_ATTRIBUTE, 'card');
    this.root = this.host.attachShadow({ mode });
    const style = doc.createElement('style');
    style.textContent = HOST_CSS;
    this.root.append(style);
    this.makeFrame();
    doc.documentElement.append(this.host);
  }

  /** Whether `target` is the card's host: what the page's events over the card are aimed at. */
  isHost(target: EventTarget | null): boolean {
    return target === this.host;
  }

  /** The positioned element: the frame. */
  get floating(): HTMLElement {
    return this.iframe;
  }

  private makeFrame(): void {
    const key = randomToken();
    const iframe = this.doc.createElement('iframe');
    iframe.src = `${browser.runtime.getURL(CARD_PATH)}#${key}`;
    iframe.setAttribute('aria-label', browser.i18n.getMessage('extName'));
    let loaded = false;
    iframe.addEventListener('load', () => {
      // Firefox fires a load for the frame's first, empty document. The card's
      // is cross-origin to the page (Chromium's content scripts cannot read
      // its URL; Firefox's, with the extension's rights too, can).
      const url = frameUrl(iframe);
      const ours = url === null || url.startsWith(`${EXTENSION_ORIGIN()}${CARD_PATH}`);
      if (!loaded && ours) loaded = true;
      // Another load means something navigated the frame (a page can, through
      // window.frames): drop it, and its channel, and make a new one.
      else if (loaded) {
        this.replaceFrame();
        this.onLost();
      }
    });
    this.key = key;
    this.iframe = iframe;
    this.connect();
    this.root.append(iframe);
  }

  /**
   * Opens this end of the channel. The background may stop at any moment
   * (Chrome stops an idle service worker after 30 s), closing both ends:
   * while a card is on screen both ends connect again at once with the same
   * secret, so a card being read or edited stays; otherwise the next use
   * makes a new frame.
   */
  private connect(): void {
    const port = browser.runtime.connect({ name: CARD_HOST_PORT });
    port.postMessage({ backstoryCard: this.key });
    port.onMessage.addListener((message: unknown) => {
      const event = v.safeParse(CardEventSchema, message);
      if (event.success) this.onEvent(event.output);
    });
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.port = null;
      // Closed because the extension is gone (updated, removed)? Then the
      // script stops (extension-gone.ts), and a channel opened again meanwhile
      // goes with it.
      lookSoon();
      if (!this.visible) return;
      try {
        this.connect();
      } catch {
        // Chrome throws once the extension is gone: lookSoon stops the script.
      }
    });
    this.port = port;
  }

  private replaceFrame(): void {
    const port = this.port;
    this.port = null;
    port?.disconnect();
    this.iframe.remove();
    this.makeFrame();
  }

  send(command: CardCommand): void {
    // The channel closed while no card was showing: a new frame, a new channel.
    if (!this.port) this.replaceFrame();
    this.port!.postMessage(command);
  }

  /** Sizes the frame to the card it holds. */
  resize(width: number, height: number): void {
    this.iframe.style.width = `${width}px`;
    this.iframe.style.height = `${height}px`;
  }

  /** Uncovers the card (it was drawn and placed out of sight), on top of the page's top layer. */
  reveal(): void {
    // The page can take the popover away (hidePopover, the attribute): put it
    // back; a card that cannot go to the top layer still shows.
    try {
      this.host.popover = 'manual';
      if (!this.host.matches(':popover-open')) this.host.showPopover();
    } catch {
      // Shown in place, below anything the page stacks over it.
    }
    this.iframe.toggleAttribute('data-shown', true);
  }

  /** Hides the card; the frame stays, emptied, for the next one. */
  hide(): void {
    this.iframe.removeAttribute('data-shown');
    this.port?.postMessage({ kind: 'clear' } satisfies CardCommand);
  }

  get visible(): boolean {
    return this.iframe.hasAttribute('data-shown');
  }

  /** Whether focus is in the card (the host is the page's active element then). */
  get hasFocus(): boolean {
    return this.doc.activeElement === this.host;
  }

  /** Takes focus out of the card's frame, back to the page. */
  releaseFocus(): void {
    // Unconditionally: focus moving into a cross-origin frame reaches this
    // document late, so `hasFocus` may not know yet.
    this.iframe.blur();
  }

  /** Moves focus into the card, for keyboard users. */
  focus(): void {
    this.iframe.focus();
    this.send({ kind: 'focus' });
  }

  destroy(): void {
    this.host.remove();
    const port = this.port;
    this.port = null;
    try {
      port?.disconnect();
    } catch {
      // Chrome throws for a port of an extension that is gone: nothing to close.
    }
  }
}
