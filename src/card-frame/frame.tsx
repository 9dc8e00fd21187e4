/**
 * The card's document: an extension page the content script shows in an
 * iframe beside a mark. It fetches the entity from the background itself
 * (as the card frame, one of the background's three sender classes), so the
 * note never enters the page's process; the content script only says which
 * entity, where it is mentioned, and the page's viewport. It reports its size
 * and the reader's pointer, focus and choices back over the channel.
 */
import { render } from 'preact';
import type { Entity } from '../core/entity';
import { kindColorProperties } from '../core/kind-colors';
import { readSettings, type Settings } from '../core/settings';
import { send } from '../messaging/client';
import type { CardCommand } from '../messaging/card-protocol';
import { Card, type CardEdit } from '../ui/Card';
import { AliasPicker, NewNoteComposer } from '../ui/Composer';
import { watchSignals } from '../messaging/signals';
import { openChannel } from './channel';
import { t } from '../i18n';

type Show = Extract<CardCommand, { kind: 'show' }>;
type Compose = Extract<CardCommand, { kind: 'compose' }>;
type Viewport = Show['viewport'];

/**
 * The heights a card takes, in CSS pixels (see `size`): a card with a
 * line or two of note fits the first (one line made a card of 154 px in
 * Chromium 150 and Firefox 140), and the last is card.css's max-height.
 */
const CARD_HEIGHTS = [180, 260, 340, 420];

/**
 * The widths a card takes, in CSS pixels: the widest that leaves 8 px on
 * each side of the page's viewport, and the last in a viewport narrower
 * than that. A width that followed the viewport told whoever sends `show`
 * (a content script, which chooses the viewport it sends) the card's height
 * at every width it tried: its line breaks, so roughly its note's length.
 * Now that is one of four heights at each of three widths, however many
 * times it asks.
 */
const CARD_WIDTHS = [380, 320, 260];
const VIEWPORT_MARGIN = 16;

export function startCardFrame(doc: Document): void {
  const win = doc.defaultView!;
  const frame = doc.getElementById('app')!;
  frame.className = 'frame';
  /** Over the card's top edge: what the page tried (see `focusTaken`). */
  const notice = doc.getElementById('notice')!;
  // Asked of the background while the first request is served, and again
  // whenever the settings signal changes: the theme and colours follow.
  let settings: Settings = readSettings(undefined);
  let settingsAsked = 0;
  const loadSettings = (): void => {
    const asked = ++settingsAsked;
    void send('settingsGet', {}).then((next) => {
      if (asked !== settingsAsked) return;
      settings = next;
      dress();
    });
  };
  loadSettings();
  /** The request on screen, to draw again after a pin or a save. */
  let current: { show: Show; entity: Entity } | null = null;
  let pinned = false;

  const dress = (): void => {
    frame.dataset.theme = settings.theme;
    for (const [name, value] of Object.entries(kindColorProperties(settings.kindColors)))
      frame.style.setProperty(name, value);
  };
  watchSignals((changed) => {
    if (changed.has('settings')) loadSettings();
  });

  const fit = (viewport: Viewport): void => {
    // The card sizes itself to the page's viewport, not to this frame.
    frame.style.setProperty('--page-vw', `${viewport.width}px`);
    const width =
      CARD_WIDTHS.find((w) => w <= viewport.width - VIEWPORT_MARGIN) ?? CARD_WIDTHS.at(-1)!;
    frame.style.setProperty('--card-width', `${width}px`);
    frame.style.setProperty('--page-vh', `${viewport.height}px`);
    if (viewport.available !== undefined)
      frame.style.setProperty('--available-height', `${Math.max(120, viewport.available)}px`);
    else frame.style.removeProperty('--available-height');
  };

  /**
   * The card's size, which the page can measure (its frame is in the page's
   * DOM): its width is one of CARD_WIDTHS, which the viewport alone picks, and its height
   * one of CARD_HEIGHTS, the smallest that holds it, so the page learns
   * from the frame at most which of a few sizes a note falls in, not its
   * length or its line breaks. Past the last, or the room the page leaves,
   * the card's body scrolls.
   */
  const size = (): { width: number; height: number } => {
    const card = frame.firstElementChild;
    if (card instanceof HTMLElement) {
      // card.css caps the step at the card's max-height, which the room the page leaves sets.
      card.style.removeProperty('--card-step');
      const natural = card.getBoundingClientRect().height;
      const step = CARD_HEIGHTS.find((h) => h >= natural) ?? natural;
      card.style.setProperty('--card-step', `${step}px`);
    }
    const box = frame.getBoundingClientRect();
    return { width: Math.ceil(box.width), height: Math.ceil(box.height) };
  };

  const drawCard = (show: Show, entity: Entity): void => {
    current = { show, entity };
    frame.dir = show.dir;
    render(
      <Card
        entity={entity}
        matched={show.matched}
        mention={show.mention}
        pinned={pinned}
        onPin={() => {
          pinned = !pinned;
          channel.post({ kind: 'pin', seq: show.seq, pinned });
          drawCard(show, entity);
        }}
        onClose={closeCard}
        onMove={(step) => channel.post({ kind: 'move', seq: show.seq, step })}
        onOpenManager={() => void send('openManager', { id: entity.id })}
        onSave={async (edit: CardEdit) => {
          const saved = await send('entitySave', {
            id: entity.id,
            baseUpdatedAt: entity.updatedAt,
            name: entity.name,
            kind: entity.kind,
            note: edit.note,
            aliases: edit.aliases,
            tags: edit.tags,
          });
          if (current?.show === show) drawCard(show, saved);
        }}
      />,
      frame,
    );
  };

  const drawComposer = (command: Compose): void => {
    current = null;
    frame.dir = 'ltr';
    const close = closeCard;
    /** The new note's id, the same at every try of this composer (db/entities.ts `fresh`). */
    const freshId = crypto.randomUUID();
    render(
      command.action === 'add-note' ? (
        <NewNoteComposer
          name={command.text}
          kind={command.entityKind}
          aliases={command.aliases}
          source={command.source}
          pageLanguage={command.lang}
          onClose={close}
          onSave={async (draft) => {
            await send('entitySave', { ...draft, id: freshId, fresh: true });
            close();
          }}
        />
      ) : (
        <AliasPicker
          alias={command.text}
          search={(query) => send('entitiesSearch', { query })}
          onClose={close}
          onPick={async (picked) => {
            await send('entitySave', {
              id: picked.id,
              baseUpdatedAt: picked.updatedAt,
              name: picked.name,
              kind: picked.kind,
              note: picked.note,
              tags: picked.tags,
              aliases: [...picked.aliases, command.text],
            });
            close();
          }}
        />
      ),
      frame,
    );
  };

  /** Requests come in order; a slow fetch must not draw over a newer request. */
  let latest = -1;
  /** The reader closed the card here; the page has not yet cleared it. */
  let closing = false;
  function closeCard(): void {
    closing = true;
    channel.post({ kind: 'close', seq: latest });
  }
  /**
   * Where the pointer is, as last told: told again when it changes. A move
   * counts as well as an enter, and each new card starts the telling afresh,
   * as a frame hidden and shown again under the pointer may see no enter.
   */
  let inside = false;
  const onCommand = (command: CardCommand): void => {
    if (command.kind === 'show' || command.kind === 'compose' || command.kind === 'clear') {
      inside = false;
      closing = false;
      notice.hidden = true;
    }
    switch (command.kind) {
      case 'show': {
        latest = command.seq;
        pinned = command.pinned;
        fit(command.viewport);
        void send('entityGet', { id: command.entityId })
          .catch(() => null)
          .then((entity) => {
            if (command.seq !== latest) return;
            if (entity) drawCard(command, entity);
            else render(null, frame);
            channel.post({ kind: 'drawn', seq: command.seq, found: entity !== null, ...size() });
          });
        return;
      }
      case 'compose':
        latest = command.seq;
        fit(command.viewport);
        drawComposer(command);
        channel.post({ kind: 'drawn', seq: command.seq, found: true, ...size() });
        return;
      case 'viewport':
        fit(command.viewport);
        return;
      case 'focus':
        // An editor has already put focus in its first field. A card the
        // reader closed takes no focus asked for before the close reached
        // the page: it would take focus back from the page.
        if (!closing && !frame.contains(doc.activeElement))
          frame.querySelector<HTMLElement>('[role="dialog"]')?.focus();
        return;
      case 'focusTaken':
        notice.textContent = t(command.kept ? 'cardFocusTaken' : 'cardFocusLost');
        notice.hidden = false;
        return;
      case 'clear':
        latest = -1;
        current = null;
        pinned = false;
        // Nothing here keeps focus for a card that is gone.
        if (doc.activeElement instanceof HTMLElement) doc.activeElement.blur();
        render(null, frame);
        return;
    }
  };

  dress();
  const channel = openChannel(win, onCommand, () => frame.firstChild !== null);

  // The card's size follows its content (an editor opening, a saved note).
  let last = '';
  const tellSize = (): void => {
    const box = size();
    const key = `${box.width}x${box.height}`;
    if (key === last || box.width === 0) return;
    last = key;
    channel.post({ kind: 'size', ...box });
  };
  new ResizeObserver(tellSize).observe(frame);
  // Content that shrinks (an editor closed) leaves the card at its step's
  // height, so no resize is seen: a change to the content asks again, once a
  // frame. Not attributes: `size` sets the card's style itself.
  let asked = false;
  new MutationObserver(() => {
    if (asked) return;
    asked = true;
    win.requestAnimationFrame(() => {
      asked = false;
      tellSize();
    });
  }).observe(frame, { childList: true, subtree: true, characterData: true });
  const pointer = (now: boolean) => () => {
    if (now === inside) return;
    inside = now;
    channel.post({ kind: 'pointer', inside });
  };
  doc.documentElement.addEventListener('pointerenter', pointer(true));
  doc.documentElement.addEventListener('pointermove', pointer(true), { passive: true });
  doc.documentElement.addEventListener('pointerleave', pointer(false));
  /**
   * An edit is under way: an editor, the composer or the alias picker is
   * open (wherever focus is inside it), or focus is in a text field. The
   * page side holds the card and guards its focus while this is so.
   */
  const typing = (): boolean => {
    const name = doc.activeElement?.localName;
    return name === 'textarea' || name === 'input' || frame.querySelector('form, input') !== null;
  };
  // Focus given back to this frame (the page side takes it back from a page
  // that took it) returns to the field the reader was in, caret and all.
  let lastFocused: HTMLElement | null = null;
  doc.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLElement && event.target !== doc.body)
      lastFocused = event.target;
  });
  win.addEventListener('focus', () => {
    const active = doc.activeElement;
    if ((!active || active === doc.body) && lastFocused?.isConnected) lastFocused.focus();
  });

  // While an edit is under way, Tab stays in the card (as in any dialog that
  // holds an edit): focus leaving it for the page is then never the reader's
  // keyboard, and the page side can take it back (card-controller.ts).
  doc.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab' || !typing()) return;
    const stops = [
      ...frame.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href]'),
    ].filter((el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
    const first = stops[0];
    const last = stops.at(-1);
    if (!first || !last) return;
    if (!event.shiftKey && doc.activeElement === last) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && doc.activeElement === first) {
      event.preventDefault();
      last.focus();
    }
  });
  doc.addEventListener('focusin', () => channel.post({ kind: 'typing', typing: typing() }));
  doc.addEventListener('focusout', () =>
    // Focus moves on after focusout: read where it went once it has.
    setTimeout(() => channel.post({ kind: 'typing', typing: typing() })),
  );
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeCard();
  });
}
