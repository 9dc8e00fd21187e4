/**
 * Where the note came from: pages recorded by "Add note for …". Shown as
 * text with a link; the reader may remove one.
 */
import { isWebUrl, type Source } from '../../core/entity';
import { t } from '../../i18n';

export function SourcesField({
  sources,
  onChange,
}: {
  sources: Source[];
  onChange: (sources: Source[]) => void;
}) {
  return (
    <fieldset class="sources">
      <legend>{t('editorSources')}</legend>
      {sources.length === 0 && <p class="hint">{t('noSources')}</p>}
      <ul>
        {sources.map((s, i) => (
          <li key={i}>
            {isWebUrl(s.url) ? (
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title || s.url}
              </a>
            ) : (
              <span>{s.title || s.url}</span>
            )}
            {s.quote && <q>{s.quote}</q>}
            <button type="button" onClick={() => onChange(sources.filter((_, j) => j !== i))}>
              {t('sourceRemove')}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
