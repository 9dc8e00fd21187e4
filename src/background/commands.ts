/**
 * Keyboard commands: the browser tells the background, which passes the
 * command to the top frame of the tab it was pressed in.
 */
import { browser } from 'wxt/browser';
import { COMMANDS, type Command, type CommandMessage } from '../messaging/tab-protocol';

export async function runCommand(command: string, tabId?: number): Promise<void> {
  if (!(COMMANDS as readonly string[]).includes(command)) return;
  const id = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  if (id === undefined) return;
  const message: CommandMessage = { type: 'backstory-command', command: command as Command };
  // Pages Backstory does not run in (the browser's own) have no one to answer.
  await browser.tabs.sendMessage(id, message, { frameId: 0 }).catch(() => undefined);
}

export function listenForCommands(): void {
  browser.commands.onCommand.addListener((command, tab) => void runCommand(command, tab?.id));
  // Test builds: the end-to-end tests run the same handler, since headless
  // browsers have no keyboard shortcuts.
  if (__BACKSTORY_E2E__) {
    (globalThis as { backstoryRunCommand?: typeof runCommand }).backstoryRunCommand = runCommand;
  }
}
