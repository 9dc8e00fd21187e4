/**
 * Hover detection and the card's life cycle: the pointer position is
 * hit-tested at most once per animation frame; the card shows after the
 * pointer rests on a mark for the hover delay, stays while the pointer is on
 * the mark or the card (or focus is in it), hides a moment after it leaves
 * both, and hides at once on Esc (WCAG 1.4.13: dismissible, hoverable,
 * persistent). A pinned card stays until it is unpinned or closed. From the
 * card the reader moves between the entity's mentions on the page, edits the
 * note in place, or opens the manager.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { h } from 'preact';
import type { Entity } from '../core/entity';
import { kindColorProperties, type KindColors } from '../core/kind-colors';
import type { Theme } from '../core/settings';
import type { Request } from '../messaging/protocol';
import type { SelectionRequest } from '../messaging/tab-protocol';
import { Card, type CardEdit } from '../ui/Card';
import { AliasPicker, NewNoteComposer } from '../ui/Composer';
import type { ReadSelection } from './selection';

type EntityDraftRequest = Request<'entitySave'>;
import { CardHost } from './card-host';
import { markAtPoint } from './hit-test';
import type { Mark, MarkLayer } from './marks';
import { Timer } from './timers';

export interface HoverCardOptions {
  doc: Document;
  layer: MarkLayer;
  signal: AbortSignal;
  fetchEntity: (id: string) => Promise<Entity | null>;
  /** Saves an edit made in the card; resolves with the saved entity. */
  saveEntity: (entity: Entity, edit: CardEdit) => Promise<Entity>;
  openManager: (id: string) => void;
  /** Creates an entity, or updates one (the context menu's editors). */
  saveDraft: (draft: EntityDraftRequest) => Promise<Entity>;
  /** Entities by the start of their name (the alias picker). */
  search: (query: string) => Promise<Entity[]>;
  shadowMode: ShadowRootMode;
  theme: () => Theme;
  /** The reader's colours per kind (read at each showing: settings change live). */
  kindColors: () => KindColors;
  /** How long the pointer must rest on a mark, in ms (read at each hover: settings change live). */
  showDelay: () => number;
  hideDelay?: number;
}

export interface HoverCardControl {
  /**
   * Opens the card of the next (1) or previous (-1) mark on the page, after
   * the one whose card is open, or after the top of the viewport: scrolls to
   * it, flashes it and moves focus into the card (Esc gives focus back).
   */
  step(direction: -1 | 1): Promise<void>;
  /** Opens the card at the entity's first mention on the page (the popup's list). */
  showEntity(id: string): Promise<void>;
  /** Opens the card as an editor beside a selection (the context menu). */
  compose(request: SelectionRequest, selection: ReadSelection): void;
}

export function startHoverCard(options: HoverCardOptions): HoverCardControl {
  const { doc, layer, signal, fetchEntity, shadowMode } = options;
  const hideDelay = options.hideDelay ?? 300;
  const view = doc.defaultView!;

  let host: CardHost | null = null;
  let pointer: { x: number; y: number } | null = null;
  let overCard = false;
  let frame = 0;
  /** The mark under the pointer. */
  let hovered: Mark | null = null;
  /** The mark whose card is showing. */
  let shown: Mark | null = null;
  /** The mark whose card is built and placed but not yet visible (the hover delay is running). */
  let ready: Mark | null = null;
  /** A mark whose card was dismissed with Esc: not shown again until the pointer leaves it. */
  let dismissed: Mark | null = null;
  let pinned = false;
  /** The card is an editor opened from the context menu: it stays until saved or closed. */
  let composing = false;
  /** Where focus was before a keyboard command moved it into the card. */
  let returnFocus: HTMLElement | null = null;
  /** The entity on the card, as last fetched or saved. */
  let entity: Entity | null = null;
  let stopAutoUpdate: (() => void) | null = null;
  const showTimer = new Timer(signal);
  const hideTimer = new Timer(signal);

  const hide = (): void => {
    showTimer.cancel();
    hideTimer.cancel();
    stopAutoUpdate?.();
    stopAutoUpdate = null;
    host?.hide();
    shown = null;
    ready = null;
    entity = null;
    pinned = false;
    composing = false;
    overCard = false;
  };

  /** Hides the card and gives focus back to where it was before a command moved it. */
  const closeAndReturnFocus = (): void => {
    hide();
    returnFocus?.focus();
    returnFocus = null;
  };

  /** The card's theme and kind colours, as the settings are now (the frame is inside the card's shadow root). */
  const dress = (frame: HTMLElement): void => {
    frame.dataset.theme = options.theme();
    for (const [name, value] of Object.entries(kindColorProperties(options.kindColors())))
      frame.style.setProperty(name, value);
  };

  /** The entity's marks on the page, in document order. */
  const mentionsOf = (id: string): Mark[] =>
    layer.marks
      .filter((m) => m.entityId === id && m.range.startContainer.isConnected)
      .sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));

  /** Renders `mark`'s card and places it; a `hidden` card waits for the hover delay to end. */
  const render = (mark: Mark, current: Entity, hidden = false): void => {
    host ??= new CardHost(doc, shadowMode);
    const cardHost = host;
    const mentions = mentionsOf(current.id);
    dress(cardHost.frame);
    const dir = view.getComputedStyle(
      mark.range.startContainer.parentElement ?? doc.body,
    ).direction;
    cardHost.frame.dir = dir === 'rtl' ? 'rtl' : 'ltr';
    cardHost.show(
      h(Card, {
        entity: current,
        matched: mark.text,
        mention: { index: mentions.indexOf(mark) + 1, total: mentions.length },
        pinned,
        onPin: () => {
          pinned = !pinned;
          render(mark, current);
        },
        onClose: hide,
        onMove: (step) => move(step),
        onOpenManager: () => options.openManager(current.id),
        onSave: async (edit) => {
          const saved = await options.saveEntity(current, edit);
          if (shown !== mark) return;
          entity = saved;
          render(mark, saved);
        },
      }),
      hidden,
    );
    if (hidden) {
      ready = mark;
    } else {
      shown = mark;
      ready = null;
    }
    entity = current;
    place(mark, cardHost, cardHost.frame.dir === 'rtl');
  };

  /**
   * Builds the card while the pointer rests on `mark`, so the end of the
   * delay only has to reveal it. Not while another card is showing: that
   * card stays until this one replaces it.
   */
  const prepare = (mark: Mark, fetched: Entity | null): void => {
    if (!fetched || signal.aborted || hovered !== mark || shown || composing) return;
    render(mark, fetched, true);
  };

  /** Drops a card built for a mark the pointer left before the delay ended. */
  const discardReady = (): void => {
    if (!ready || shown) return;
    stopAutoUpdate?.();
    stopAutoUpdate = null;
    host?.hide();
    ready = null;
    entity = null;
  };

  /** Moves the card to the entity's previous or next mention: scrolls to it and flashes it. */
  const move = (step: -1 | 1): void => {
    if (!shown || !entity) return;
    const mentions = mentionsOf(entity.id);
    if (mentions.length < 2) return;
    const at = mentions.indexOf(shown);
    const next = mentions[(at + step + mentions.length) % mentions.length]!;
    next.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    layer.flash(next);
    hovered = next;
    render(next, entity);
  };

  const show = async (mark: Mark, fetching: Promise<Entity | null>): Promise<void> => {
    // Test builds time the card from the end of the hover delay to the frame that paints it.
    if (__BACKSTORY_E2E__) performance.mark('backstory-card-delay-end');
    const fetched = await fetching.catch(() => null);
    // The pointer may have moved on while the note was fetched.
    if (!fetched || signal.aborted || hovered !== mark) return;
    if (ready === mark && host) {
      host.reveal();
      shown = mark;
      ready = null;
    } else {
      render(mark, fetched);
    }
    if (__BACKSTORY_E2E__) {
      await positioned;
      // The frame's style, layout and paint run after its animation-frame callbacks: a task
      // queued from there runs once they are done.
      view.requestAnimationFrame(() => setTimeout(() => performance.mark('backstory-card-shown')));
    }
  };
  /** Settles when the card has its first position (test builds time the card up to its next frame). */
  let positioned: Promise<void> = Promise.resolve();

  /** Keeps the card beside its mark (below, flipping and shifting to stay in view). */
  const place = (mark: { range: Range }, cardHost: CardHost, rtl: boolean): void => {
    const reference = {
      getBoundingClientRect: () => mark.range.getBoundingClientRect(),
      getClientRects: () => mark.range.getClientRects(),
      contextElement: mark.range.startContainer.parentElement ?? undefined,
    };
    stopAutoUpdate?.();
    let first = true;
    stopAutoUpdate = autoUpdate(reference, cardHost.frame, () => {
      const placing = computePosition(reference, cardHost.frame, {
        strategy: 'fixed',
        // Right-to-left text: the card starts at the mark's right edge.
        placement: rtl ? 'bottom-end' : 'bottom-start',
        middleware: [
          offset(6),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          // A long note scrolls inside the card rather than leaving the viewport.
          size({
            padding: 8,
            apply: ({ availableHeight }) =>
              cardHost.frame.style.setProperty(
                '--available-height',
                `${Math.max(120, availableHeight)}px`,
              ),
          }),
        ],
      }).then(({ x, y }) => {
        cardHost.frame.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
      if (first) positioned = placing;
      first = false;
    });
  };

  const check = (): void => {
    frame = 0;
    if (!pointer) return;
    // The card stays while the pointer is on it, while it is pinned, while
    // the reader types in it, and, when a keyboard command opened it, while
    // focus is in it.
    const focusIn = host !== null && doc.activeElement === host.host;
    if (
      overCard ||
      pinned ||
      composing ||
      (focusIn && (returnFocus !== null || host!.isTyping()))
    ) {
      hideTimer.cancel();
      return;
    }
    const mark = markAtPoint(layer, doc, pointer.x, pointer.y);
    if (mark !== hovered) {
      // A new mark restarts the delay: the pointer must rest on it.
      showTimer.cancel();
      if (ready && ready !== mark) discardReady();
      hovered = mark;
      layer.setHover(mark);
      if (dismissed && dismissed !== mark) dismissed = null;
    }
    if (mark) {
      hideTimer.cancel();
      if (shown !== mark && mark !== dismissed) {
        if (!showTimer.pending) {
          // The note is fetched while the pointer rests, so the card is ready when the delay ends.
          const early = fetchEntity(mark.entityId);
          early.then((fetched) => prepare(mark, fetched)).catch(() => undefined);
          showTimer.start(options.showDelay(), () => void show(mark, early));
        }
      }
    } else {
      showTimer.cancel();
      if (shown && !hideTimer.pending) hideTimer.start(hideDelay, hide);
    }
  };

  const schedule = (): void => {
    if (!frame) frame = view.requestAnimationFrame(check);
  };

  // Only the reader moves the card: a page can dispatch synthetic pointer
  // and key events at a mark's position, and they must open, move and close
  // nothing (`isTrusted` is false for every event a script dispatches).
  // https://dom.spec.whatwg.org/#dom-event-istrusted
  doc.addEventListener(
    'pointermove',
    (event) => {
      if (!event.isTrusted) return;
      pointer = { x: event.clientX, y: event.clientY };
      overCard = host?.containsEvent(event) ?? false;
      schedule();
    },
    { capture: true, passive: true, signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || event.key !== 'Escape' || !shown) return;
      dismissed = shown;
      closeAndReturnFocus();
    },
    { capture: true, signal },
  );
  /** Every mark on the page in document order. */
  const inOrder = (): Mark[] =>
    layer.marks
      .filter((m) => m.range.startContainer.isConnected)
      .sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));

  const step = async (direction: -1 | 1): Promise<void> => {
    const marks = inOrder();
    if (!marks.length) return;
    let at = shown ? marks.indexOf(shown) : -1;
    if (at < 0) {
      // No card open: start from the first mark at or below the top of the viewport.
      let below = marks.findIndex((m) => m.range.getBoundingClientRect().bottom >= 0);
      if (below < 0) below = marks.length;
      at = direction === 1 ? below - 1 : below;
    }
    await openWithFocus(marks[(at + direction + marks.length) % marks.length]!);
  };

  const showEntity = async (id: string): Promise<void> => {
    const first = mentionsOf(id)[0];
    if (first) await openWithFocus(first);
  };

  /** Scrolls to `next`, flashes it, opens its card and moves focus into it. */
  const openWithFocus = async (next: Mark): Promise<void> => {
    const fetched = await fetchEntity(next.entityId);
    if (!fetched || signal.aborted) return;
    if (!returnFocus && !(host && doc.activeElement === host.host)) {
      returnFocus = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    }
    next.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    layer.flash(next);
    hovered = next;
    dismissed = null;
    render(next, fetched);
    host?.focusCard();
  };

  signal.addEventListener('abort', () => {
    if (frame) view.cancelAnimationFrame(frame);
    stopAutoUpdate?.();
    host?.destroy();
    layer.setHover(null);
  });
  const compose = (request: SelectionRequest, selection: ReadSelection): void => {
    hide();
    host ??= new CardHost(doc, shadowMode);
    const cardHost = host;
    dress(cardHost.frame);
    returnFocus = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    cardHost.show(
      request.action === 'add-note'
        ? h(NewNoteComposer, {
            name: request.text,
            source: selection.source,
            onClose: closeAndReturnFocus,
            onSave: async (draft) => {
              await options.saveDraft(draft);
              closeAndReturnFocus();
            },
          })
        : h(AliasPicker, {
            alias: request.text,
            search: options.search,
            onClose: closeAndReturnFocus,
            onPick: async (picked) => {
              await options.saveDraft({
                id: picked.id,
                baseUpdatedAt: picked.updatedAt,
                name: picked.name,
                kind: picked.kind,
                note: picked.note,
                tags: picked.tags,
                aliases: [...picked.aliases, request.text],
              });
              closeAndReturnFocus();
            },
          }),
    );
    composing = true;
    place({ range: selection.range }, cardHost, false);
  };

  return { step, showEntity, compose };
}
