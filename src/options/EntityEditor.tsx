/**
 * Add or edit one entity: name, aliases, kind, note, tags.
 */
import { useState } from 'preact/hooks';
import type { Entity, Kind } from '../core/entity';
import { send } from '../messaging/client';
import { KindField, ListField, NoteField, SaveRow } from '../ui/fields';
import { splitList } from '../ui/lists';
import { t } from '../i18n';

export interface EntityEditorProps {
  /** The entity to edit, or null to add a new one. */
  entity: Entity | null;
  onDone: () => void;
  /** Deletes the entity (undoable from the list). */
  onDelete: (entity: Entity) => void;
}

export function EntityEditor({ entity, onDone, onDelete }: EntityEditorProps) {
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
      <ListField label="editorAliases" value={aliases} onChange={setAliases} />
      <KindField value={kind} onChange={setKind} />
      <NoteField value={note} onChange={setNote} rows={6} />
      <ListField label="editorTags" value={tags} onChange={setTags} />
      <SaveRow error={error} onCancel={onDone} />
      {entity && (
        <button type="button" class="danger" onClick={() => onDelete(entity)}>
          {t('editorDelete')}
        </button>
      )}
    </form>
  );
}
