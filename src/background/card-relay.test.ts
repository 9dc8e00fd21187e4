import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { CARD_FRAME_PORT, CARD_HOST_PORT } from '../messaging/card-protocol';
import { createCardRelay } from './card-relay';

/** A runtime port pair's one end, as the relay sees it: what it was sent, and whether it was dropped. */
function fakePort(name: string, tabId = 1) {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port = {
    name,
    sender: { tab: { id: tabId } },
    received: [] as unknown[],
    disconnected: false,
    postMessage: (m: unknown) => port.received.push(m),
    disconnect: () => {
      port.disconnected = true;
    },
    onMessage: { addListener: (f: (m: unknown) => void) => onMessage.push(f) },
    onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
    /** A message from the other side of this port. */
    send: (m: unknown) => onMessage.forEach((f) => f(m)),
    /** The other side went away. */
    gone: () => onDisconnect.forEach((f) => f()),
  };
  return port;
}
const asPort = (p: ReturnType<typeof fakePort>) => p as unknown as Runtime.Port;
const hello = (n: number) => ({ backstoryCard: n.toString(16).padStart(32, '0') });

let relay: ReturnType<typeof createCardRelay>;
beforeEach(() => {
  relay = createCardRelay();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('card relay', () => {
  it('pairs a host and a frame of one tab by their secret and passes what each queued', () => {
    const host = fakePort(CARD_HOST_PORT);
    const frame = fakePort(CARD_FRAME_PORT);
    relay(asPort(host), 'content');
    host.send(hello(1));
    host.send({ kind: 'show' });
    relay(asPort(frame), 'card');
    frame.send(hello(1));
    expect(frame.received).toEqual([{ kind: 'show' }]);
    frame.send({ kind: 'drawn' });
    expect(host.received).toEqual([{ kind: 'drawn' }]);
    // One end going closes the other.
    frame.gone();
    expect(host.disconnected).toBe(true);
  });

  it('refuses an end opened by the wrong class of sender, and ends of two tabs', () => {
    const page = fakePort(CARD_FRAME_PORT);
    relay(asPort(page), 'content');
    expect(page.disconnected).toBe(true);
    const host = fakePort(CARD_HOST_PORT, 1);
    const frame = fakePort(CARD_FRAME_PORT, 2);
    relay(asPort(host), 'content');
    relay(asPort(frame), 'card');
    host.send(hello(2));
    frame.send(hello(2));
    expect([host.disconnected, frame.disconnected]).toEqual([true, true]);
  });

  it('drops an end that queues more than a card needs, and forgets its secret', () => {
    const host = fakePort(CARD_HOST_PORT);
    relay(asPort(host), 'content');
    host.send(hello(3));
    for (let i = 0; i < 64; i++) host.send({ i });
    expect(host.disconnected).toBe(false);
    host.send({ i: 64 });
    expect(host.disconnected).toBe(true);
    // A frame with that secret now waits alone: it is paired with nothing dead.
    const frame = fakePort(CARD_FRAME_PORT);
    relay(asPort(frame), 'card');
    frame.send(hello(3));
    frame.send({ kind: 'drawn' });
    expect(host.received).toEqual([]);
    expect(frame.disconnected).toBe(false);
  });

  it('lets a bounded number of ends wait; a waiting end is dropped after a minute', () => {
    vi.useFakeTimers();
    const ends = Array.from({ length: 257 }, (_, i) => {
      const end = fakePort(CARD_HOST_PORT);
      relay(asPort(end), 'content');
      end.send(hello(100 + i));
      return end;
    });
    expect(ends.filter((e) => e.disconnected)).toEqual([ends[256]]);
    vi.advanceTimersByTime(60_000);
    expect(ends.every((e) => e.disconnected)).toBe(true);
    // Their places are free again.
    const late = fakePort(CARD_HOST_PORT);
    relay(asPort(late), 'content');
    late.send(hello(1));
    expect(late.disconnected).toBe(false);
  });
});
