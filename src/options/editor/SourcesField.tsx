/**
 * Where the note came from: pages recorded by "Add note for …", articles
 * a look-up took the note from. Shown as text with a link, the licence of
 * text taken from it and when it was taken; the reader may remove one.
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
            {s.license && <span class="hint"> ({s.license})</span>}
            <Taken at={s.at} />
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

/** When the source's text was taken, as a date the reader reads; nothing for a time that is none. */
function Taken({ at }: { at: string | undefined }) {
  const time = at === undefined ? NaN : Date.parse(at);
  if (Number.isNaN(time)) return null;
  return (
    <span class="hint">
      {' '}
      <time dateTime={at}>
        {t(
          'sourceTaken',
          new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
        )}
      </time>
    </span>
  );
}
