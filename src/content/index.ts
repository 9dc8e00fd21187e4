/**
 * The page side: while the page loads, warm the dictionary up and read the
 * settings; once the document is parsed, mark it (PageMarker) and show the
 * card on hover. Marks again when notes or settings change.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { siteAllowed, type Settings } from '../core/settings';
import { send } from '../messaging/client';
import { watchSignals } from '../messaging/signals';
import {
  ComposeNameRequestSchema,
  isCommandMessage,
  isSelectionRequest,
  isShowEntityRequest,
  isSummaryRequest,
  PageTextRequestSchema,
  type PageSummary,
  type PageTextReply,
} from '../messaging/tab-protocol';
import { isOwnUi } from './card-host';
import { startHoverCard } from './card-controller';
import { MarkColors } from './mark-colors';
import { MarkLayer, mentionCounts } from './marks';
import { MarkNaming } from './mark-naming';
import type { EarlyAsks } from './early-asks';
import { Matching } from './matching';
import { whenText } from './frame-text';
import { PageMarker } from './page-marker';
import { mentionRange } from './name-anchor';
import { readPageText } from './page-text';
import { randomToken } from './random-token';
import { pageSource, readSelection } from './selection';
import { styleShadowRoot, unstyleShadowRoots } from './shadow-styles';
import { lookSoon } from './extension-gone';
import { Timer } from './timers';
import { whenHeard, type Listen } from './window-events';

/** Marks settle in bursts (a scan, then hidden ones dropped): the badge waits them out. */
const BADGE_DELAY_MS = 250;

export interface ContentOptions {
  doc: Document;
  /** The reader's events, heard on the window before the page's listeners (window-events.ts). */
  listen: Listen;
  signal: AbortSignal;
  shadowMode: ShadowRootMode;
  /** The first questions, asked already as the script started (early-asks.ts); else asked here. */
  asked?: EarlyAsks;
}

/** Heard on the window (window-events.ts): the page cannot stop it before Backstory hears it. */
function domReady(doc: Document, listen: Listen): Promise<void> {
  const ready = () => doc.readyState !== 'loading';
  return ready() ? Promise.resolve() : whenHeard(listen, 'DOMContentLoaded', ready);
}

/**
 * The site a frame belongs to, for the site rules: its host, or for an
 * about:blank or srcdoc frame (no host of its own) the host of the page
 * that made it, whose origin it shares.
 */
function siteHost(doc: Document): string {
  const host = doc.location?.hostname;
  if (host) return host;
  const origin = doc.defaultView?.origin;
  if (!origin || origin === 'null') return '';
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

export async function startContent({
  doc,
  listen,
  signal,
  shadowMode,
  asked,
}: ContentOptions): Promise<void> {
  // The requests go out at document_start; the background loads the compiled
  // dictionary meanwhile, and a small one is compiled here before the page is
  // parsed.
  const view = doc.defaultView;
  const inTopFrame = view !== null && view === view.top;
  // Another frame (most are ads and widgets without text) starts once it shows text
  // (frame-text.ts): it asked nothing early, and reads nothing before its DOMContentLoaded.
  if (!inTopFrame) {
    await domReady(doc, listen);
    if (!(await whenText(doc, signal))) return;
  }
  const matching = new Matching(inTopFrame, asked?.table ?? undefined, asked?.tableAskedAt);
  const [info, initialSettings] = await Promise.all([
    asked?.info ?? send('dictionaryInfo', {}),
    asked?.settings ?? send('settingsGet', {}),
  ]);
  if (signal.aborted) return;
  let settings = initialSettings;
  let dictionarySize = info.size;
  const host = siteHost(doc);
  // A site switched off in the popup or the manager, or left off the
  // only-list, gets no scans and no marks.
  let enabled = siteAllowed(host, settings);

  const layer = new MarkLayer();
  signal.addEventListener('abort', () => layer.destroy());
  const naming = new MarkNaming(layer, matching);
  const colors = new MarkColors(doc);
  colors.set(settings.kindColors);
  signal.addEventListener('abort', () => {
    colors.destroy();
    unstyleShadowRoots();
  });
  const marker = new PageMarker({
    doc,
    listen,
    signal,
    layer,
    match: (text, wanted) => matching.match(text, wanted),
    readAheadMatcher: (wanted) => matching.settledMatcher(wanted),
    firstMentionOnly: () => settings.firstMentionOnly,
    isOwnUi,
    onShadowRoot: (root) => {
      styleShadowRoot(root);
      colors.adoptInto(root);
    },
    onMarksChanged: () => {
      colors.check();
      void naming.named();
      badgeTimer.start(BADGE_DELAY_MS, reportBadge);
    },
  });
  // The text is read while the page is parsed, where it will be marked.
  if (enabled && dictionarySize > 0) marker.readAhead();
  await Promise.all([matching.ready(), domReady(doc, listen)]);
  if (signal.aborted) return;
  // Tests wait for this to know the script has read its settings and decided whether to run
  // here (a page switched off must stay unmarked, which no amount of waiting could show).
  if (__BACKSTORY_E2E__) performance.mark('backstory-ready', { detail: { enabled } });

  // The toolbar badge: how many entities the page mentions (the top frame speaks for the tab).
  const badgeTimer = new Timer(signal);
  const reportBadge = (): void => {
    if (inTopFrame)
      send('badgeSet', { count: enabled ? mentionCounts(layer).length : 0 }).catch(lookSoon);
  };
  const scan = (): void => {
    // With no notes at all there is nothing to look for.
    if (enabled && dictionarySize > 0) void marker.fullScan();
  };
  if (enabled) marker.start();
  scan();
  const applySettings = (next: Settings): void => {
    const rescan = next.firstMentionOnly !== settings.firstMentionOnly;
    settings = next;
    colors.set(settings.kindColors);
    const nextEnabled = siteAllowed(host, settings);
    if (nextEnabled !== enabled) {
      enabled = nextEnabled;
      if (enabled) {
        marker.start();
        scan();
      } else {
        marker.stop();
        layer.set([]);
        reportBadge();
      }
    } else if (rescan) scan();
    // Tests wait for this to know the settings were asked for again and applied.
    if (__BACKSTORY_E2E__) performance.mark('backstory-settings', { detail: { enabled } });
  };
  // storage.local only says that something changed (content scripts can write
  // it): the settings and the dictionary are asked of the background.
  let settingsAsked = 0;
  watchSignals((changed) => {
    if (changed.has('settings')) {
      // Replies may cross: only the latest question's answer counts.
      const asked = ++settingsAsked;
      void send('settingsGet', {}).then((next) => {
        if (!signal.aborted && asked === settingsAsked) applySettings(next);
      });
    }
    if (changed.has('dictionary')) {
      matching.refresh();
      void send('dictionaryInfo', {}).then((latest) => {
        dictionarySize = latest.size;
        if (!signal.aborted) scan();
      });
    }
  }, signal);

  const card = startHoverCard({
    doc,
    listen,
    layer,
    signal,
    shadowMode,
    showDelay: () => settings.hoverDelay,
    naming,
  });

  /** This document's id for the popup's names (tab-protocol.ts `PageId`). */
  const pageId = randomToken();

  /**
   * The page's text for the popup's names without a note, read now (the
   * reader opened the list); nothing is read on a site switched off.
   */
  const pageText = async (): Promise<PageTextReply> => {
    if (!enabled) return { status: 'off' };
    const { text, truncated } = await readPageText(doc, { isOwnUi }, signal);
    const lang = doc.documentElement.lang.slice(0, 100);
    return { status: 'text', text, truncated, lang, page: pageId };
  };

  // Keyboard commands (passed on by the background) and the popup's questions.
  const onTabMessage = (
    message: unknown,
  ): Promise<PageSummary | PageTextReply | boolean> | undefined => {
    if (isCommandMessage(message)) {
      if (message.command === 'toggle-marks') layer.setShown(!layer.shown);
      else card.step(message.command === 'next-mention' ? 1 : -1);
    } else if (isShowEntityRequest(message)) {
      // The popup names the entity by its id: marks not yet named would not be found.
      void naming.named().then(() => card.showEntity(message.id));
    } else if (isSelectionRequest(message)) {
      const selection = readSelection(doc);
      if (selection) card.compose(message, selection);
    } else if (isSummaryRequest(message)) {
      // A mark still unnamed (the notes changed meanwhile: a rescan follows) is left out.
      return naming.named().then(() => ({
        host,
        enabled,
        entities: mentionCounts(layer).filter((e) => !naming.isUnnamed(e.id)),
      }));
    } else if (v.is(PageTextRequestSchema, message)) {
      return pageText();
    } else if (v.is(ComposeNameRequestSchema, message)) {
      // A name from the popup's list: the card opens as a new note beside its first mention,
      // on the document the name was read from only (its quote and address belong together).
      if (!enabled || message.page !== pageId) return Promise.resolve(false);
      const { name, kind, aliases, quote } = message;
      card.compose(
        { action: 'add-note', text: name, kind, aliases },
        { range: mentionRange(doc, name, { isOwnUi }), source: pageSource(doc, quote) },
      );
      return Promise.resolve(true);
    }
    return undefined;
  };
  // webextension-polyfill sends a returned promise's value as the reply.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener(onTabMessage);
  signal.addEventListener('abort', () =>
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    browser.runtime.onMessage.removeListener(onTabMessage),
  );
}
