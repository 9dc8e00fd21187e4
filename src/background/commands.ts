/**
 * Keyboard commands: the browser tells the background, which passes the
 * command to the top frame of the tab it was pressed in, or, for the names
 * without a note, opens the popup on that list.
 */
import { browser } from 'wxt/browser';
import { COMMANDS, type Command, type CommandMessage } from '../messaging/tab-protocol';

/** Opens the popup with focus on its names without a note. */
export const NAMES_COMMAND = 'names-without-notes';

export async function runCommand(command: string, tabId?: number): Promise<void> {
  if (command === NAMES_COMMAND) return openNamesPopup(tabId);
  if (!(COMMANDS as readonly string[]).includes(command)) return;
  const id = tabId ?? (await activeTabId());
  if (id === undefined) return;
  const message: CommandMessage = { type: 'backstory-command', command: command as Command };
  // Pages Backstory does not run in (the browser's own) have no one to answer.
  await browser.tabs.sendMessage(id, message, { frameId: 0 }).catch(() => undefined);
}

async function activeTabId(): Promise<number | undefined> {
  return (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
}

/**
 * The popup, opened on its list of names without a note (`?view=names`).
 * A command cannot name the page a popup opens, so the popup's page is
 * changed for this one opening and put back. `openPopup` is Chrome's from
 * version 127 and Firefox's while it handles the reader's action (a
 * command is one): it is called before anything is awaited. Where it is
 * missing or refused, the same page opens in a small window of its own,
 * for the same tab.
 */
export async function openNamesPopup(tabId?: number): Promise<void> {
  // Chrome's MV3 `action` is Firefox MV2's `browserAction`.
  const action = browser.action ?? browser.browserAction;
  const manifest = browser.runtime.getManifest() as {
    action?: { default_popup?: string };
    browser_action?: { default_popup?: string };
  };
  const popup = (manifest.action ?? manifest.browser_action)?.default_popup ?? 'popup.html';
  const changed = action.setPopup({ popup: `${popup}?view=names` });
  const opened = (action as { openPopup?: () => Promise<unknown> }).openPopup?.();
  try {
    await changed;
    if (!opened) throw new Error('openPopup is missing');
    await opened;
  } catch {
    const id = tabId ?? (await activeTabId());
    if (id === undefined) return;
    await browser.windows.create({
      url: browser.runtime.getURL(`/popup.html?view=names&tab=${id}`),
      type: 'popup',
      width: 380,
      height: 600,
    });
  } finally {
    await action.setPopup({ popup });
  }
}

export function listenForCommands(): void {
  browser.commands.onCommand.addListener((command, tab) => void runCommand(command, tab?.id));
  // Test builds: the end-to-end tests run the same handler, since headless
  // browsers have no keyboard shortcuts.
  if (__BACKSTORY_E2E__) {
    (globalThis as { backstoryRunCommand?: typeof runCommand }).backstoryRunCommand = runCommand;
  }
}
