/**
 * One colour input per kind, each beside a sample drawn as pages draw a mark
 * of that kind, and a reset to the default colour. A colour is saved when
 * the picker closes (`change`), not at every step of a drag.
 */
import { KINDS } from '../core/entity';
import {
  kindColor,
  markStyle,
  withKindColor,
  type KindColors as Colors,
} from '../core/kind-colors';
import { t } from '../i18n';

export function KindColors({
  colors,
  onChange,
}: {
  colors: Colors;
  onChange: (next: Colors) => void;
}) {
  return (
    <fieldset class="kind-colors">
      <legend>{t('settingKindColors')}</legend>
      <p class="hint" id="kind-colors-hint">
        {t('settingKindColorsHint')}
      </p>
      {KINDS.map((kind) => {
        const color = kindColor(colors, kind);
        const { background, underline } = markStyle(color);
        const id = `kind-color-${kind}`;
        return (
          <div class="row" key={kind}>
            <label for={id} class="kind-name">
              {t(`kind_${kind}`)}
            </label>
            <input
              id={id}
              type="color"
              value={color}
              aria-describedby="kind-colors-hint"
              onChange={(e) => onChange(withKindColor(colors, kind, e.currentTarget.value))}
            />
            <span
              class="mark-sample"
              aria-hidden="true"
              style={{ backgroundColor: background, textDecoration: `underline 2px ${underline}` }}
            >
              {t('settingKindColorSample')}
            </span>
            <button
              type="button"
              disabled={!colors[kind]}
              aria-label={t('settingKindColorResetLabel', t(`kind_${kind}`))}
              onClick={() => onChange(withKindColor(colors, kind, null))}
            >
              {t('settingKindColorReset')}
            </button>
          </div>
        );
      })}
    </fieldset>
  );
}
