/**
 * Settings: first-mention mode and the hover delay. Saved through the
 * background; open pages apply them at once.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  readSettings,
  SETTINGS_KEY,
  THEMES,
  type Theme,
  type Settings as SettingsValue,
  type SettingsPatch,
} from '../core/settings';
import { send } from '../messaging/client';
import { t, type MessageKey } from '../i18n';

const THEME_LABEL: Record<Theme, MessageKey> = {
  auto: 'themeAuto',
  light: 'themeLight',
  dark: 'themeDark',
};

export function Settings() {
  const [settings, setSettings] = useState<SettingsValue | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void browser.storage.local
      .get(SETTINGS_KEY)
      .then((stored) => setSettings(readSettings(stored[SETTINGS_KEY])));
  }, []);

  const save = (patch: SettingsPatch) => {
    send('settingsSet', patch).then(
      (next) => {
        setSettings(next);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };

  if (!settings) return null;
  return (
    <section class="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settingsTitle')}</h2>
      <label class="row">
        <input
          type="checkbox"
          checked={settings.firstMentionOnly}
          onChange={(e) => save({ firstMentionOnly: e.currentTarget.checked })}
        />
        {t('settingFirstMention')}
      </label>
      <label class="row">
        {t('settingHoverDelayBefore')}
        <input
          type="number"
          min={0}
          max={2000}
          step={50}
          value={settings.hoverDelay}
          style={{ width: '6em' }}
          onChange={(e) => {
            const value = Number(e.currentTarget.value);
            if (Number.isInteger(value) && value >= 0 && value <= 2000) save({ hoverDelay: value });
            else setError(t('settingHoverDelayInvalid'));
          }}
        />
        {t('settingHoverDelayAfter')}
      </label>
      <label class="row">
        {t('settingTheme')}
        <select
          value={settings.theme}
          onChange={(e) => save({ theme: e.currentTarget.value as Theme })}
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(THEME_LABEL[theme])}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
