/**
 * The card frame's end of its channel to the content script that made it:
 * a runtime port the background pairs with the content script's by the
 * secret in this frame's URL (after `#`), which the page cannot read from a
 * cross-origin frame. Every command is validated before it is used.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import {
  CARD_FRAME_PORT,
  CardCommandSchema,
  type CardCommand,
  type CardEvent,
} from '../messaging/protocol';

export interface FrameChannel {
  post(event: CardEvent): void;
}

export function openChannel(
  win: Window,
  onCommand: (command: CardCommand) => void,
  onClosed: () => void,
): FrameChannel {
  const port = browser.runtime.connect({ name: CARD_FRAME_PORT });
  port.postMessage({ backstoryCard: win.location.hash.slice(1) });
  port.onMessage.addListener((message: unknown) => {
    const command = v.safeParse(CardCommandSchema, message);
    if (command.success) onCommand(command.output);
  });
  port.onDisconnect.addListener(onClosed);
  let open = true;
  port.onDisconnect.addListener(() => (open = false));
  return { post: (event) => open && port.postMessage(event) };
}
