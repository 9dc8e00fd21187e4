/**
 * The page side: fetch the match index from the background, find the
 * mentions once the document is parsed, draw them, and show the card on
 * hover. Re-marks the page when the dictionary changes.
 */
import { browser } from 'wxt/browser';
import type { MatchEntry } from '../core/entity';
import { compile, type CompiledMatcher, type FormInput } from '../core/matcher';
import { send } from '../messaging/client';
import { DICTIONARY_VERSION_KEY } from '../messaging/keys';
import { HOST_TAG } from './card-host';
import { startHoverCard } from './hover-card';
import { findMarks, MarkLayer } from './marks';
import { collectText } from './text-index';

export interface ContentOptions {
  doc: Document;
  signal: AbortSignal;
  shadowMode: ShadowRootMode;
}

interface Dictionary {
  entries: MatchEntry[];
  matcher: CompiledMatcher;
}

async function loadDictionary(): Promise<Dictionary> {
  const { entries } = await send('matchIndexGet', {});
  const forms: FormInput[] = [];
  entries.forEach((entry, entity) => {
    for (const text of entry.forms) forms.push({ text, entity });
  });
  return { entries, matcher: compile(forms) };
}

function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) =>
    doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
  );
}

export async function startContent({ doc, signal, shadowMode }: ContentOptions): Promise<void> {
  // Ask for the dictionary while the page is still loading.
  let dictionary = await Promise.all([loadDictionary(), domReady(doc)]).then(([d]) => d);
  if (signal.aborted) return;

  const layer = new MarkLayer();
  signal.addEventListener('abort', () => layer.destroy());
  const isOwnUi = (el: Element) => el.localName === HOST_TAG;
  const markPage = (): void => {
    if (!doc.body) return;
    layer.set(
      findMarks(collectText(doc.body, { isOwnUi }), dictionary.matcher, dictionary.entries),
    );
  };
  markPage();
  // Until its style sheets load, a page may have no layout boxes yet, and
  // text without a box counts as hidden (Firefox, seen on corpus pages): look
  // again once everything has loaded.
  if (doc.readyState !== 'complete') {
    doc.defaultView?.addEventListener('load', markPage, { once: true, signal });
  }

  const onStorage = (changes: Record<string, unknown>, area: string): void => {
    if (area !== 'local' || !(DICTIONARY_VERSION_KEY in changes)) return;
    void loadDictionary().then((next) => {
      if (signal.aborted) return;
      dictionary = next;
      markPage();
    });
  };
  browser.storage.onChanged.addListener(onStorage);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage));

  startHoverCard({
    doc,
    layer,
    signal,
    shadowMode,
    fetchEntity: (id) => send('entityGet', { id }),
  });
}
