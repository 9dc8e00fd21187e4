/**
 * The card frame's end of its channel to the content script that made it:
 * a runtime port the background pairs with the content script's by the
 * secret in this frame's URL (after `#`), which the page cannot read from a
 * cross-origin frame. Every command is validated before it is used.
 */
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import {
  CARD_FRAME_PORT,
  CardCommandSchema,
  type CardCommand,
  type CardEvent,
} from '../messaging/card-protocol';

export interface FrameChannel {
  post(event: CardEvent): void;
}

/**
 * Opens the channel, and opens it again when the background stops (Chrome
 * stops an idle service worker after 30 s, closing every port) while
 * `inUse()` says a card is drawn: the content script does the same, and the
 * background pairs the two again by the same secret. An unused frame stays
 * closed; the content script makes a new one when it needs a card.
 */
export function openChannel(
  win: Window,
  onCommand: (command: CardCommand) => void,
  inUse: () => boolean,
): FrameChannel {
  const secret = win.location.hash.slice(1);
  let port: Runtime.Port | null = null;
  const connect = (): void => {
    const opened = browser.runtime.connect({ name: CARD_FRAME_PORT });
    opened.postMessage({ backstoryCard: secret });
    opened.onMessage.addListener((message: unknown) => {
      const command = v.safeParse(CardCommandSchema, message);
      if (command.success) onCommand(command.output);
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = null;
      if (inUse()) connect();
    });
    port = opened;
  };
  connect();
  return { post: (event) => port?.postMessage(event) };
}
