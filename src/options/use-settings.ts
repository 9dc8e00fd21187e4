/**
 * The settings as the background keeps them, asked again when they change
 * elsewhere (the popup's site switch, another manager tab), and a way to
 * change them through the background, the only writer.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Settings, SettingsPatch } from '../core/settings';
import { send } from '../messaging/client';
import { watchSignals } from '../messaging/signals';

export interface SettingsView {
  /** Null until read. */
  settings: Settings | null;
  /** Saves a change; resolves with the settings saved, rejects with a message to show. */
  save: (patch: SettingsPatch) => Promise<Settings>;
}

export function useSettings(): SettingsView {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    const stop = new AbortController();
    let asked = 0;
    const load = () => {
      const question = ++asked;
      void send('settingsGet', {}).then((next) => {
        if (!stop.signal.aborted && question === asked) setSettings(next);
      });
    };
    load();
    watchSignals((changed) => {
      if (changed.has('settings')) load();
    }, stop.signal);
    return () => stop.abort();
  }, []);
  const save = async (patch: SettingsPatch) => {
    const saved = await send('settingsSet', patch);
    setSettings(saved);
    return saved;
  };
  return { settings, save };
}
