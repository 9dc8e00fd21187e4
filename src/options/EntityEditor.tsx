/**
 * Add or edit one entity: name, aliases, kind, note, tags.
 */
import { useState } from 'preact/hooks';
import { KINDS, type Entity, type Kind } from '../core/entity';
import { send } from '../messaging/client';

export interface EntityEditorProps {
  /** The entity to edit, or null to add a new one. */
  entity: Entity | null;
  onDone: () => void;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

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
      setError('A name is needed.');
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
      aria-label={entity ? `Edit ${entity.name}` : 'New entity'}
    >
      <label>
        Name
        <input
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          required
          maxLength={200}
        />
      </label>
      <label>
        Aliases <span class="hint">(comma-separated)</span>
        <input value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note <span class="hint">(Markdown)</span>
        <textarea rows={6} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <label>
        Tags <span class="hint">(comma-separated)</span>
        <input value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary">
          Save
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
