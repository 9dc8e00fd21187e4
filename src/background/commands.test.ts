/**
 * The names command opens the popup on its list, or, where the browser will
 * not open it, the same page in a window; the popup's own page is put back
 * either way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { NAMES_COMMAND, runCommand } from './commands';

type Mocked = {
  setPopup: ReturnType<typeof vi.fn>;
  openPopup?: ReturnType<typeof vi.fn>;
};

let action: Mocked;
let windowsCreate: ReturnType<typeof vi.fn>;
const saved: Record<string, unknown> = {};

beforeEach(() => {
  const popups: string[] = [];
  action = {
    setPopup: vi.fn(({ popup }: { popup: string }) => {
      popups.push(popup);
      return Promise.resolve();
    }),
    openPopup: vi.fn(() => Promise.resolve()),
  };
  windowsCreate = vi.fn(() => Promise.resolve({}));
  saved.action = browser.action;
  saved.windows = browser.windows;
  saved.getManifest = browser.runtime.getManifest;
  Object.assign(browser, { action, windows: { create: windowsCreate } });
  browser.runtime.getManifest = () =>
    ({
      manifest_version: 3,
      name: 'b',
      version: '1',
      action: { default_popup: 'popup.html' },
    }) as never;
});
afterEach(() => {
  Object.assign(browser, { action: saved.action, windows: saved.windows });
  browser.runtime.getManifest = saved.getManifest as typeof browser.runtime.getManifest;
});

describe('the names command', () => {
  it('opens the popup on the names, then puts its page back', async () => {
    await runCommand(NAMES_COMMAND, 4);
    expect(action.setPopup.mock.calls.map(([a]) => (a as { popup: string }).popup)).toEqual([
      'popup.html?view=names',
      'popup.html',
    ]);
    // Asked at once, before anything is awaited (Firefox allows it only while handling the key).
    expect(action.openPopup).toHaveBeenCalledTimes(1);
    expect(windowsCreate).not.toHaveBeenCalled();
  });

  it.each([
    ['refuses', () => (action.openPopup = vi.fn(() => Promise.reject(new Error('no window'))))],
    ['has no openPopup', () => delete action.openPopup],
  ])('opens a window for the tab where the browser %s', async (_, setup) => {
    setup();
    await runCommand(NAMES_COMMAND, 4);
    const [options] = windowsCreate.mock.calls[0] as [{ url: string; type: string }];
    expect(options.url).toMatch(/\/popup\.html\?view=names&tab=4$/);
    expect(options.type).toBe('popup');
    expect(action.setPopup).toHaveBeenLastCalledWith({ popup: 'popup.html' });
  });

  it('sends nothing to the tab (the popup asks for the names itself)', async () => {
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    await runCommand(NAMES_COMMAND, 4);
    expect(send).not.toHaveBeenCalled();
  });
});
