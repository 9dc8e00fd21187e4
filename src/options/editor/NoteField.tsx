/**
 * The note, written in Markdown, with a preview rendered exactly as the card
 * renders it (src/ui/Markdown.tsx: never through innerHTML).
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Markdown } from '../../ui/Markdown';

export function NoteField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (note: string) => void;
  error?: string;
}) {
  const [preview, setPreview] = useState(false);
  return (
    <div class="note-field">
      <div class="row">
        <span id="note-label">{t('editorNote')}</span>
        <span class="hint">{t('hintMarkdown')}</span>
        <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
          {t('noteWrite')}
        </button>
        <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
          {t('notePreview')}
        </button>
      </div>
      {preview ? (
        <div class="note-preview" data-testid="note-preview">
          {value.trim() ? <Markdown source={value} /> : <p class="hint">{t('notePreviewEmpty')}</p>}
        </div>
      ) : (
        <textarea
          rows={8}
          value={value}
          aria-labelledby="note-label"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'note-error' : undefined}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
      {error && (
        <p id="note-error" class="error field-error">
          {error}
        </p>
      )}
    </div>
  );
}
