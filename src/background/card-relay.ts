/**
 * Pairs the two ends of a card channel and passes messages between them:
 * the content script's port (CARD_HOST_PORT) and the card frame's
 * (CARD_FRAME_PORT), matched by the secret the content script put in the
 * frame's URL, and only within one tab. What passes is validated by the end
 * that receives it; the relay checks only who may open which end: a content
 * script (or the demo page, an extension page) the host's, the card frame the
 * frame's. A second claim on a secret, or an end whose partner goes, closes
 * both.
 */
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { CARD_FRAME_PORT, CARD_HOST_PORT, CardHandshakeSchema } from '../messaging/card-protocol';
import type { SenderKind } from './router';

interface End {
  port: Runtime.Port;
  tabId: number | undefined;
  /** Messages that came before the other end did. */
  queue: unknown[];
  partner: End | null;
}

/** A content script's frame that never connects is dropped after this long. */
const UNPAIRED_MS = 60_000;
/**
 * What one end may queue before its partner comes (a card asks a handful:
 * show, viewport, focus), and how many ends may wait at once: a compromised
 * content script opening ports with made-up secrets, or flooding one, costs
 * the worker a bounded amount of memory and loses only its own card.
 */
const QUEUE_MAX = 64;
const WAITING_MAX = 256;

export function isCardPort(name: string): boolean {
  return name === CARD_HOST_PORT || name === CARD_FRAME_PORT;
}

export function createCardRelay(): (port: Runtime.Port, sender: SenderKind | null) => void {
  const waiting = new Map<string, End>();

  return (port, sender) => {
    const frameEnd = port.name === CARD_FRAME_PORT;
    const allowed = frameEnd ? sender === 'card' : sender === 'content' || sender === 'extension';
    if (!allowed) return port.disconnect();
    const end: End = { port, tabId: port.sender?.tab?.id, queue: [], partner: null };
    let secret: string | null = null;

    const close = (): void => {
      if (secret !== null && waiting.get(secret) === end) waiting.delete(secret);
      const partner = end.partner;
      end.partner = null;
      if (partner) {
        partner.partner = null;
        partner.port.disconnect();
      }
    };

    /** Closes this end from here (a port's own disconnect fires no onDisconnect on it). */
    const drop = (): void => {
      close();
      port.disconnect();
    };

    port.onDisconnect.addListener(close);
    port.onMessage.addListener((message: unknown) => {
      if (end.partner) return end.partner.port.postMessage(message);
      if (secret !== null) {
        if (end.queue.length >= QUEUE_MAX) return drop();
        return void end.queue.push(message);
      }
      const hello = v.safeParse(CardHandshakeSchema, message);
      if (!hello.success) return port.disconnect();
      secret = hello.output.backstoryCard;
      const other = waiting.get(secret);
      if (!other) {
        if (waiting.size >= WAITING_MAX) return port.disconnect();
        waiting.set(secret, end);
        setTimeout(() => {
          if (waiting.get(secret!) === end) drop();
        }, UNPAIRED_MS);
        return;
      }
      waiting.delete(secret);
      // Two ends of one kind, or of different tabs, are not a card and its page.
      if (other.port.name === port.name || other.tabId !== end.tabId) {
        other.port.disconnect();
        return port.disconnect();
      }
      end.partner = other;
      other.partner = end;
      for (const queued of other.queue.splice(0)) port.postMessage(queued);
    });
  };
}
