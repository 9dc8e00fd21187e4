/**
 * Add or edit one entity: name, aliases, kind, note, tags.
 */
import { useState } from 'preact/hooks';
import { KINDS, type Entity, type Kind } from '../core/entity';
import { send } from '../messaging/client';
import { splitList } from '../ui/lists';
import { t } from '../ui/i18n';

export interface EntityEditorProps {
  /** The entity to edit, or null to add a new one. */
  entity: Entity | null;
  onDone: () => void;
}

export function EntityEditor({ entity, onDone }: EntityEditorProps) {
  const [name, setName] = useState(entity?.name ?? '');
  const [aliases, setAliases] = useState(entity?.aliases.join(', ') ?? '');
  const [kind, setKind] = useState<Kind>(entity?.kind ?? 'person');
  const [note, setNote] = useState(entity?.note ?? '');
  const [tags, setTags] = useState(entity?.tags.join(', ') ?? '');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('nameNeeded'));
      return;
    }
    try {
      await send('entitySave', {
        ...(entity ? { id: entity.id } : {}),
        name,
        aliases: splitList(aliases),
        kind,
        note,
        tags: splitList(tags),
      });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      class="editor"
      onSubmit={(e) => void onSubmit(e)}
      aria-label={entity ? t('editNamed', entity.name) : t('editorNew')}
    >
      <label>
        {t('editorName')}
        <input
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          required
          maxLength={200}
        />
      </label>
      <label>
        {t('editorAliases')} <span class="hint">{t('hintCommaSeparated')}</span>
        <input value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
      </label>
      <label>
        {t('editorKind')}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind_${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('editorNote')} <span class="hint">{t('hintMarkdown')}</span>
        <textarea rows={6} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <label>
        {t('editorTags')} <span class="hint">{t('hintCommaSeparated')}</span>
        <input value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary">
          {t('save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
