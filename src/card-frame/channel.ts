/**
 * The card frame's end of its channel to the content script. The content
 * script puts a secret in the frame's URL (after `#`) and posts it, with a
 * MessagePort, to the frame's window. The page cannot read a cross-origin
 * frame's URL, so only the content script that made the frame knows the
 * secret; the page can reach the frame's window (`window.frames`) and post to
 * it, but only the first message with the secret is taken, and every command
 * on the port is validated before it is used.
 */
import * as v from 'valibot';
import {
  CardCommandSchema,
  CardHandshakeSchema,
  type CardCommand,
  type CardEvent,
} from '../messaging/protocol';

export interface FrameChannel {
  post(event: CardEvent): void;
}

export function acceptChannel(
  win: Window,
  onCommand: (command: CardCommand, channel: FrameChannel) => void,
): void {
  const secret = win.location.hash.slice(1);
  const onHandshake = (event: MessageEvent): void => {
    const hello = v.safeParse(CardHandshakeSchema, event.data);
    const port = event.ports[0];
    if (!hello.success || hello.output.backstoryCard !== secret || !port) return;
    win.removeEventListener('message', onHandshake);
    const channel: FrameChannel = { post: (e) => port.postMessage(e) };
    port.onmessage = (message) => {
      const command = v.safeParse(CardCommandSchema, message.data);
      if (command.success) onCommand(command.output, channel);
    };
  };
  if (secret.length >= 16) win.addEventListener('message', onHandshake);
}
