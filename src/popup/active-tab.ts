/**
 * The popup's view of the tab it was opened over: what the page mentions
 * (asked of the tab's content script) and the entities' names (asked of the
 * background).
 */
import { browser } from 'wxt/browser';
import type { Kind } from '../core/entity';
import { ReaderError } from '../core/reader-error';
import { t } from '../i18n';
import { send } from '../messaging/client';
import type { NameCandidate } from '../core/page-names';
import type {
  ComposeNameRequest,
  PageSummary,
  ShowEntityRequest,
  SummaryRequest,
} from '../messaging/tab-protocol';

export interface Mentioned {
  id: string;
  name: string;
  kind: Kind;
  count: number;
}

export interface ActiveTab {
  tabId: number;
  host: string;
  enabled: boolean;
  mentioned: Mentioned[];
}

/**
 * The tab the popup speaks for: the active tab of its window, or the one
 * named by `?tab=ID` (the popup opened as a page of its own, as the
 * end-to-end tests do).
 */
async function targetTabId(): Promise<number | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Null when Backstory does not run in the tab (the browser's own pages, the stores). */
export async function readActiveTab(): Promise<ActiveTab | null> {
  const tabId = await targetTabId();
  if (tabId === undefined) return null;
  const request: SummaryRequest = { type: 'backstory-summary' };
  const summary = (await browser.tabs
    .sendMessage(tabId, request, { frameId: 0 })
    .catch(() => null)) as PageSummary | null;
  if (!summary) return null;
  const named = new Map(
    (await send('entitiesNamed', { ids: summary.entities.map((e) => e.id) })).map((e) => [e.id, e]),
  );
  const mentioned = summary.entities.flatMap((e) => {
    const entity = named.get(e.id);
    return entity ? [{ ...entity, count: e.count }] : [];
  });
  return { tabId, host: summary.host, enabled: summary.enabled, mentioned };
}

export async function showInTab(tabId: number, id: string): Promise<void> {
  const request: ShowEntityRequest = { type: 'backstory-show-entity', id };
  await browser.tabs.sendMessage(tabId, request, { frameId: 0 });
}

/** Opens the new-note card on the tab's page for a name of the list, prefilled. */
export async function composeInTab(
  tabId: number,
  name: NameCandidate,
  page: string,
): Promise<void> {
  const request: ComposeNameRequest = {
    type: 'backstory-compose-name',
    name: name.name,
    kind: name.kind,
    aliases: name.aliases,
    quote: name.sentence,
    page,
  };
  const opened: unknown = await browser.tabs.sendMessage(tabId, request, { frameId: 0 });
  if (opened !== true) throw new ReaderError(t('namesPageChanged'));
}

/** The toolbar's popup page as the manifest names it (the names command changes it for a moment). */
export async function resetPopupPage(): Promise<void> {
  // Chrome's MV3 `action` is Firefox MV2's `browserAction`.
  const action = browser.action ?? browser.browserAction;
  await action.setPopup({ popup: 'popup.html' }).catch(() => undefined);
}
