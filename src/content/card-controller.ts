/**
 * The card's life cycle on a page, in one explicit state (`phase`): closed;
 * being drawn out of sight while the pointer rests on a mark (so the end of
 * the hover delay only has to uncover it); shown beside a mark; or open as an
 * editor beside a selection (the context menu). The card shows after the
 * pointer rests on a mark for the hover delay, stays while the pointer is on
 * the mark or the card (or the reader types in it, or it is pinned), hides a
 * moment after the pointer leaves both, and hides at once on Esc (WCAG
 * 1.4.13: dismissible, hoverable, persistent). The card itself is drawn by
 * its own document (card-host.ts); this side knows only marks and entity ids.
 */
import type { Kind } from '../core/entity';
import type { SelectionRequest } from '../messaging/tab-protocol';
import { PAGE_LANGUAGE, type CardEvent } from '../messaging/card-protocol';
import { CardHost } from './card-host';
import { placeBeside, type Placement } from './card-placement';
import type { MarkNaming } from './mark-naming';
import { holdsItsText, liveRange, type Mark, type MarkLayer } from './marks';
import { trackPointer } from './pointer-tracker';
import type { ReadSelection } from './selection';
import { Timer } from './timers';
import type { Listen } from './window-events';

export interface HoverCardOptions {
  doc: Document;
  /** The reader's events, heard before the page's listeners (window-events.ts). */
  listen: Listen;
  layer: MarkLayer;
  signal: AbortSignal;
  shadowMode: ShadowRootMode;
  /** How long the pointer must rest on a mark, in ms (read at each hover: settings change live). */
  showDelay: () => number;
  hideDelay?: number;
  /** Marks whose entity the worker has yet to name (mark-naming.ts): their card waits for it. */
  naming?: Pick<MarkNaming, 'isUnnamed' | 'named'>;
}

export interface HoverCardControl {
  /**
   * Opens the card of the next (1) or previous (-1) mark on the page, after
   * the one whose card is open, or after the top of the viewport: scrolls to
   * it, flashes it and moves focus into the card (Esc gives focus back).
   */
  step(direction: -1 | 1): void;
  /** Opens the card at the entity's first mention on the page (the popup's list). */
  showEntity(id: string): void;
  /**
   * Opens the card as an editor beside a selection (the context menu), or
   * beside a name's mention (the popup's names without a note, which also
   * give a kind and aliases to start from).
   */
  compose(request: ComposeRequest, selection: ReadSelection): void;
}

export type ComposeRequest = Pick<SelectionRequest, 'action' | 'text'> & {
  kind?: Kind;
  aliases?: string[];
};

/** A focus move this soon after the reader pressed on the page is the reader's. */
const READER_PRESS_MS = 1000;
/** How many times in one task the card takes focus back before it lets the page be. */
const MAX_TAKEN_AT_ONCE = 5;

type Phase =
  | { name: 'closed' }
  /** Asked of the frame for `mark`; `reveal` once drawn (the delay is over, or a command opened it). */
  | { name: 'drawing'; mark: Mark; seq: number; reveal: boolean; focus: boolean }
  /** Drawn and placed out of sight; the hover delay is still running. */
  | { name: 'ready'; mark: Mark; seq: number }
  | { name: 'shown'; mark: Mark; seq: number }
  | { name: 'composing'; range: Range; seq: number };

export function startHoverCard(options: HoverCardOptions): HoverCardControl {
  const { doc, listen, layer, signal } = options;
  const hideDelay = options.hideDelay ?? 300;
  const view = doc.defaultView!;

  let phase: Phase = { name: 'closed' };
  let seq = 0;
  let host: CardHost | null = null;
  let placement: Placement | null = null;
  /** The mark under the pointer, as the card's state last took it in. */
  let hovered: Mark | null = null;
  /** A mark whose card was dismissed with Esc: not shown again until the pointer leaves it. */
  let dismissed: Mark | null = null;
  let pinned = false;
  let overCard = false;
  let typing = false;
  /** Where focus was before a keyboard command or the context menu moved it into the card. */
  let returnFocus: HTMLElement | null = null;
  const showTimer = new Timer(signal);
  const hideTimer = new Timer(signal);

  const viewport = (available?: number) => ({
    width: view.innerWidth,
    height: view.innerHeight,
    ...(available === undefined ? {} : { available }),
  });

  const cardHost = (): CardHost =>
    (host ??= new CardHost(doc, options.shadowMode, onFrameEvent, closeAndReturnFocus));

  const stopPlacing = (): void => {
    placement?.stop();
    placement = null;
  };

  /** Test builds log the card's steps, which a failed test prints (e2e/support/diagnostics.ts). */
  const trace = (...what: string[]): void =>
    console.debug('[backstory card]', phase.name, 'seq' in phase ? phase.seq : '-', ...what);

  const close = (): void => {
    if (__BACKSTORY_E2E__) trace('close', new Error().stack?.split('\n')[2]?.trim() ?? '');
    showTimer.cancel();
    hideTimer.cancel();
    stopPlacing();
    host?.hide();
    phase = { name: 'closed' };
    pinned = false;
    overCard = false;
    typing = false;
    told = null;
  };

  /** Closes the card and gives focus back to where it was before a command moved it. */
  const closeAndReturnFocus = (): void => {
    close();
    returnFocus?.focus();
    // Where focus cannot go back (the page's body takes none), it still
    // leaves the card: the browser would move it off a hidden frame only at
    // its next rendering update.
    host?.releaseFocus();
    returnFocus = null;
  };

  const isRtl = (mark: Mark): boolean =>
    view.getComputedStyle(mark.range.startContainer.parentElement ?? doc.body).direction === 'rtl';

  /** Asks the frame to draw `mark`'s card; it stays out of sight until `reveal`. */
  const draw = (mark: Mark, reveal: boolean, focus = false): void => {
    // A card on screen stays there while the next one is drawn into it (moving
    // between mentions: hiding it would hand the pointer under it to the
    // page); a card drawn for a hover waits out of sight.
    if (!reveal || phase.name !== 'shown') {
      host?.floating.removeAttribute('data-shown');
      stopPlacing();
    }
    phase = { name: 'drawing', mark, seq: ++seq, reveal, focus };
    const asked = seq;
    const { naming } = options;
    if (naming?.isUnnamed(mark.entityId)) {
      // Drawn once the worker names the entity, if the card still wants this mark then.
      void naming.named().then(() => {
        if (phase.name === 'drawing' && phase.seq === asked && !naming.isUnnamed(mark.entityId))
          sendShow(mark, asked);
      });
      return;
    }
    sendShow(mark, asked);
  };

  const sendShow = (mark: Mark, asked: number): void => {
    const mentions = layer.mentionsOf(mark.entityId);
    cardHost().send({
      kind: 'show',
      seq: asked,
      entityId: mark.entityId,
      matched: mark.text.slice(0, 1000),
      mention: { index: mentions.indexOf(mark) + 1, total: mentions.length },
      pinned,
      dir: isRtl(mark) ? 'rtl' : 'ltr',
      viewport: viewport(),
    });
  };

  const place = (range: Range, rtl: boolean): Placement => {
    stopPlacing();
    const h = cardHost();
    placement = placeBeside(range, h.floating, rtl, (available) =>
      h.send({ kind: 'viewport', viewport: viewport(available) }),
    );
    return placement;
  };

  const reveal = (mark: Mark, focus: boolean, current: number): void => {
    host!.reveal();
    phase = { name: 'shown', mark, seq: current };
    if (focus) host!.focus();
    if (__BACKSTORY_E2E__) {
      const { positioned } = placement!;
      // The page's style, layout and paint run after its animation-frame
      // callbacks: a task queued from there runs once they are done.
      void positioned.then(() =>
        view.requestAnimationFrame(() =>
          setTimeout(() => performance.mark('backstory-card-shown')),
        ),
      );
    }
  };

  /** Whether a choice the reader made in the frame was made on the card now open. */
  const isCurrent = (eventSeq: number): boolean => 'seq' in phase && phase.seq === eventSeq;

  function onFrameEvent(event: CardEvent): void {
    if (__BACKSTORY_E2E__) trace('frame', event.kind, JSON.stringify(event));
    switch (event.kind) {
      case 'drawn': {
        if (!isCurrent(event.seq)) return;
        if (!event.found) return close();
        host!.resize(event.width, event.height);
        if (phase.name === 'composing') {
          place(phase.range, false);
          host!.reveal();
          host!.focus();
          return;
        }
        if (phase.name !== 'drawing') return;
        const { mark, reveal: now, focus } = phase;
        // Placed by a live copy of the mark's range, which follows the page's
        // changes. A mark whose text changed meanwhile (dropChanged) has no
        // card; one a rescan replaced with its like (a note edited) has.
        const range = liveRange(mark.range);
        if (!range || !holdsItsText(mark)) return close();
        place(range, isRtl(mark));
        if (now) reveal(mark, focus, event.seq);
        else phase = { name: 'ready', mark, seq: event.seq };
        return;
      }
      case 'size':
        host?.resize(event.width, event.height);
        return;
      case 'pointer':
        if (event.inside) return onCard();
        overCard = false;
        if (!hovered) leave();
        return;
      case 'typing':
        typing = event.typing;
        return;
      case 'pin':
        if (isCurrent(event.seq)) pinned = event.pinned;
        return;
      case 'move':
        if (isCurrent(event.seq)) move(event.step);
        return;
      case 'close':
        if (!isCurrent(event.seq)) return;
        if (phase.name === 'shown') dismissed = phase.mark;
        return closeAndReturnFocus();
    }
  }

  /**
   * A card drawn, or being drawn, for a hover whose delay has not ended: the
   * pointer leaving its mark drops it. (One drawn for a command, or for the
   * next mention, is not the pointer's to drop.)
   */
  const waitingForDelay = (): boolean =>
    phase.name === 'ready' || (phase.name === 'drawing' && !phase.reveal);

  /** The pointer is on no mark: a shown card goes after the linger, unless something holds it. */
  const leave = (): void => {
    if (__BACKSTORY_E2E__) trace('leave', held() ? 'held' : 'not held');
    showTimer.cancel();
    if (waitingForDelay()) close();
    if (phase.name === 'shown' && !held() && !hideTimer.pending) hideTimer.start(hideDelay, close);
  };

  /**
   * The card stays while the pointer is on it, while it is pinned, while it
   * is an editor, and while the reader types in it or a command moved focus
   * into it.
   */
  const held = (): boolean =>
    overCard ||
    pinned ||
    phase.name === 'composing' ||
    ((host?.hasFocus ?? false) && (returnFocus !== null || typing));

  const onMark = (mark: Mark | null): void => {
    if (__BACKSTORY_E2E__ && mark !== hovered) trace('pointer on', mark?.text ?? 'nothing');
    if (held()) {
      hideTimer.cancel();
      return;
    }
    if (mark !== hovered) {
      // A new mark restarts the delay: the pointer must rest on it.
      showTimer.cancel();
      if (waitingForDelay() && 'mark' in phase && phase.mark !== mark) close();
      hovered = mark;
      layer.setHover(mark);
      if (dismissed && dismissed !== mark) dismissed = null;
    }
    if (!mark) return leave();
    hideTimer.cancel();
    // Nothing to start when this mark's card is already under way or showing.
    if (mark === dismissed || showTimer.pending || ('mark' in phase && phase.mark === mark)) return;
    // Drawn while the pointer rests, so the card is ready when the delay ends;
    // not while another card is showing or on its way (a command's): that one
    // stays until this one replaces it.
    if (phase.name !== 'shown' && !(phase.name === 'drawing' && phase.reveal)) draw(mark, false);
    showTimer.start(options.showDelay(), () => {
      if (__BACKSTORY_E2E__)
        trace('delay over for', mark.text, hovered === mark ? 'still on it' : 'gone');
      // Test builds time the card from the end of the hover delay to the frame that paints it.
      if (__BACKSTORY_E2E__) performance.mark('backstory-card-delay-end');
      // A card the pointer reached, pinned or being typed in is not given away.
      if (hovered !== mark || held()) return;
      // Its text changed under it while the pointer rested (MarkLayer.dropChanged).
      if (!holdsItsText(mark)) return;
      if (phase.name === 'ready' && phase.mark === mark) reveal(mark, false, phase.seq);
      else if (phase.name === 'drawing' && phase.mark === mark) phase.reveal = true;
      else draw(mark, true);
    });
  };

  /** The pointer is on the card: it stays, and no mark's hover waiting under it opens. */
  const onCard = (): void => {
    overCard = true;
    hideTimer.cancel();
    showTimer.cancel();
  };

  trackPointer(doc, listen, layer, signal, {
    onMark,
    // A move over the page means the pointer has left the card, whatever the
    // frame's own message (which comes through the background, later) says.
    onPage: () => (overCard = false),
    onCard,
    isCard: (target) => host?.isHost(target) ?? false,
  });
  listen(
    'keydown',
    (event) => {
      // Only the reader's own Esc: a page's synthetic one closes nothing. It
      // closes a card on screen, or one on its way there (a command's).
      if (!event.isTrusted || event.key !== 'Escape') return;
      if (phase.name !== 'shown' && !(phase.name === 'drawing' && phase.reveal)) return;
      dismissed = phase.mark;
      closeAndReturnFocus();
    },
    signal,
  );

  // Focus taken by the page while the reader types in the card: a page may
  // call focus() on a field of its own (from a timer, or when it sees its
  // document lose focus), and every key after that would be the page's. The
  // move comes here as a focusin on the page's document with no pointer
  // press of the reader's before it; the card takes focus back in the same
  // task, before any key can arrive, and says so, as often as the page tries;
  // only a page that takes it back within the same task, over and over, is
  // let be after MAX_TAKEN_AT_ONCE (no endless tug of war), and the card warns.
  // (While an edit is under way the card keeps the reader's Tab inside it.)
  let pageDown = -Infinity;
  /** Takes in this task; and what the card was last told (told again only when it changes). */
  let burst = 0;
  let told: boolean | null = null;
  listen(
    'pointerdown',
    (event) => {
      if (event.isTrusted) pageDown = event.timeStamp;
    },
    signal,
  );
  listen(
    'focusin',
    (event) => {
      if (!host || !typing || host.isHost(event.target)) return;
      if (phase.name !== 'shown' && phase.name !== 'composing') return;
      // The reader's own press on the page moves focus there: theirs to move.
      if (event.timeStamp - pageDown < READER_PRESS_MS) return;
      if (burst++ === 0) setTimeout(() => (burst = 0));
      const kept = burst <= MAX_TAKEN_AT_ONCE;
      if (kept) host.focus();
      if (told !== kept) host.send({ kind: 'focusTaken', kept });
      told = kept;
    },
    signal,
  );

  /** Moves the card to the entity's previous or next mention: scrolls to it and flashes it. */
  const move = (step: -1 | 1): void => {
    if (phase.name !== 'shown') return;
    const mentions = layer.mentionsOf(phase.mark.entityId);
    if (mentions.length < 2) return;
    const at = mentions.indexOf(phase.mark);
    const next = mentions[(at + step + mentions.length) % mentions.length]!;
    jumpTo(next);
    draw(next, true);
  };

  const jumpTo = (mark: Mark): void => {
    mark.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    layer.flash(mark);
    hovered = mark;
    dismissed = null;
  };

  /** Scrolls to `next`, flashes it, opens its card and moves focus into it. */
  const openWithFocus = (next: Mark): void => {
    if (!returnFocus && !host?.hasFocus) {
      returnFocus = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    }
    jumpTo(next);
    draw(next, true, true);
  };

  const step = (direction: -1 | 1): void => {
    const marks = layer.inOrder();
    if (!marks.length) return;
    // From the card open, or on its way (a command may come before the card is drawn).
    let at = 'mark' in phase ? marks.indexOf(phase.mark) : -1;
    if (at < 0) {
      // No card open: start from the first mark at or below the top of the viewport.
      let below = marks.findIndex(
        (m) => (liveRange(m.range)?.getBoundingClientRect().bottom ?? -1) >= 0,
      );
      if (below < 0) below = marks.length;
      at = direction === 1 ? below - 1 : below;
    }
    openWithFocus(marks[(at + direction + marks.length) % marks.length]!);
  };

  const showEntity = (id: string): void => {
    const first = layer.mentionsOf(id)[0];
    if (first) openWithFocus(first);
  };

  const compose = (request: ComposeRequest, selection: ReadSelection): void => {
    close();
    returnFocus = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    phase = { name: 'composing', range: selection.range, seq: ++seq };
    cardHost().send({
      kind: 'compose',
      seq,
      action: request.action,
      text: request.text.slice(0, 1000),
      ...(selection.source ? { source: selection.source } : {}),
      ...(request.kind ? { entityKind: request.kind } : {}),
      ...(request.aliases ? { aliases: request.aliases } : {}),
      ...(PAGE_LANGUAGE.test(doc.documentElement.lang) ? { lang: doc.documentElement.lang } : {}),
      viewport: viewport(),
    });
  };

  signal.addEventListener('abort', () => {
    stopPlacing();
    host?.destroy();
    layer.setHover(null);
  });

  return { step, showEntity, compose };
}
