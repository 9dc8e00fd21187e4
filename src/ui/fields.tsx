/**
 * The fields every note editor shares (the manager's editor, the card's edit
 * form, the new-note card): the same labels, hints and buttons everywhere.
 */
import type { Ref } from 'preact';
import { KINDS, type Kind } from '../core/entity';
import { t } from '../i18n';

type Set = (value: string) => void;

/** A comma-separated list: aliases or tags. */
export function ListField({
  label,
  value,
  onChange,
}: {
  label: 'editorAliases' | 'editorTags';
  value: string;
  onChange: Set;
}) {
  return (
    <label>
      {t(label)} <span class="hint">{t('hintOnePerLine')}</span>
      <textarea rows={2} value={value} onInput={(e) => onChange(e.currentTarget.value)} />
    </label>
  );
}

export function NoteField({
  value,
  onChange,
  rows,
  inputRef,
}: {
  value: string;
  onChange: Set;
  rows: number;
  inputRef?: Ref<HTMLTextAreaElement>;
}) {
  return (
    <label>
      {t('editorNote')} <span class="hint">{t('hintMarkdown')}</span>
      <textarea
        ref={inputRef}
        rows={rows}
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    </label>
  );
}

/** One option per kind, named in the reader's language. */
export function KindOptions() {
  return (
    <>
      {KINDS.map((k) => (
        <option key={k} value={k}>
          {t(`kind_${k}`)}
        </option>
      ))}
    </>
  );
}

export function KindField({ value, onChange }: { value: Kind; onChange: (k: Kind) => void }) {
  return (
    <label>
      {t('editorKind')}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as Kind)}>
        <KindOptions />
      </select>
    </label>
  );
}

/** The editor's error, if any, then Save and Cancel. */
export function SaveRow({
  error,
  saving = false,
  onCancel,
}: {
  error: string | null;
  saving?: boolean;
  onCancel: () => void;
}) {
  return (
    <>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={saving}>
          {t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </>
  );
}
