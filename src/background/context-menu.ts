/**
 * The context menu on a text selection: "Add note for “…”" and "Add “…” as
 * a name for…". The click goes to the frame where the text was selected,
 * whose content script opens the card as an editor there.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import {
  SELECTION_ACTIONS,
  type SelectionAction,
  type SelectionRequest,
} from '../messaging/tab-protocol';

export async function runSelectionAction(
  action: string,
  text: string,
  tabId?: number,
  frameId = 0,
): Promise<void> {
  if (!(SELECTION_ACTIONS as readonly string[]).includes(action) || !text.trim()) return;
  const id = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  if (id === undefined) return;
  const message: SelectionRequest = {
    type: 'backstory-selection',
    action: action as SelectionAction,
    text: text.trim().slice(0, 200),
  };
  await browser.tabs.sendMessage(id, message, { frameId }).catch(() => undefined);
}

const SUBSCRIBE_ITEM = 'subscribe-pack';

/**
 * "Subscribe to this pack" opens the manager with the link's address in its
 * subscribe field. The reader's click on Subscribe there asks for the
 * origin's permission and shows the preview: one place where a subscription
 * starts, and a permission prompt the reader sees beside what it is for.
 */
export async function openSubscribe(url: string): Promise<void> {
  await browser.tabs.create({
    url: `${browser.runtime.getURL('/options.html')}#subscribe=${encodeURIComponent(url)}`,
  });
}

/** Menus are made again at every start: simpler than knowing which browsers keep them. */
export function installContextMenu(): void {
  void browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({
      id: 'add-note',
      title: t('menuAddNote'),
      contexts: ['selection'],
    });
    browser.contextMenus.create({
      id: 'add-alias',
      title: t('menuAddAlias'),
      contexts: ['selection'],
    });
    browser.contextMenus.create({
      id: SUBSCRIBE_ITEM,
      title: t('menuSubscribe'),
      contexts: ['link'],
      // Links to a .json file, with or without a query.
      targetUrlPatterns: ['*://*/*.json', '*://*/*.json?*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SUBSCRIBE_ITEM) {
      if (info.linkUrl) void openSubscribe(info.linkUrl);
      return;
    }
    void runSelectionAction(
      String(info.menuItemId),
      info.selectionText ?? '',
      tab?.id,
      info.frameId ?? 0,
    );
  });
  // Test builds: the end-to-end tests run the same handler (menus cannot be clicked headless).
  if (__BACKSTORY_E2E__) {
    (globalThis as { backstoryMenuAction?: typeof runSelectionAction }).backstoryMenuAction =
      runSelectionAction;
    (globalThis as { backstorySubscribeMenu?: typeof openSubscribe }).backstorySubscribeMenu =
      openSubscribe;
  }
}
