/**
 * Settings: first-mention mode, the hover delay, the card's theme, the
 * colours of the marks per kind and the site rules. Saved through the
 * background; open pages apply them at once (src/messaging/signals.ts).
 */
import { useState } from 'preact/hooks';
import { THEMES, type Theme, type SettingsPatch } from '../core/settings';
import { t, type MessageKey } from '../i18n';
import { KindColors } from './KindColors';
import { SiteRules } from './SiteRules';
import { useSettings } from './use-settings';
import { errorText } from '../ui/error-text';

const THEME_LABEL: Record<Theme, MessageKey> = {
  auto: 'themeAuto',
  light: 'themeLight',
  dark: 'themeDark',
};

export function Settings() {
  const { settings, save: saveSettings } = useSettings();
  const [error, setError] = useState<string | null>(null);

  const save = (patch: SettingsPatch) => {
    saveSettings(patch).then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    );
  };

  if (!settings) return null;
  return (
    <section class="panel settings" aria-labelledby="settings-title">
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
      <KindColors colors={settings.kindColors} onChange={(kindColors) => save({ kindColors })} />
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <SiteRules settings={settings} onSave={saveSettings} />
    </section>
  );
}
