/**
 * The settings as stored, kept up to date when they change elsewhere (the
 * popup's site switch, another manager tab), and a way to change them
 * through the background, the only writer.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readSettings, SETTINGS_KEY, type Settings, type SettingsPatch } from '../core/settings';
import { send } from '../messaging/client';

export interface SettingsView {
  /** Null until read. */
  settings: Settings | null;
  /** Saves a change; resolves with the settings saved, rejects with a message to show. */
  save: (patch: SettingsPatch) => Promise<Settings>;
}

export function useSettings(): SettingsView {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void browser.storage.local.get(SETTINGS_KEY).then((stored) => {
      if (live) setSettings(readSettings(stored[SETTINGS_KEY]));
    });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes)
        setSettings(readSettings(changes[SETTINGS_KEY]?.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  const save = async (patch: SettingsPatch) => {
    const saved = await send('settingsSet', patch);
    setSettings(saved);
    return saved;
  };
  return { settings, save };
}
