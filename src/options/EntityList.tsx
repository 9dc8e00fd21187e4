/**
 * The list of entities, with edit and delete.
 */
import type { Entity } from '../core/entity';
import { send } from '../messaging/client';

export interface EntityListProps {
  entities: readonly Entity[];
  onEdit: (entity: Entity) => void;
}

export function EntityList({ entities, onEdit }: EntityListProps) {
  const onDelete = async (entity: Entity) => {
    // Undo arrives with the full manager; until then, ask first.
    if (!window.confirm(`Delete the note for “${entity.name}”?`)) return;
    await send('entityDelete', { id: entity.id });
  };
  if (entities.length === 0) return <p class="hint">No notes yet: add one, or import a pack.</p>;
  return (
    <ul class="entities" aria-label="Entities">
      {entities.map((e) => (
        <li key={e.id} data-entity-id={e.id}>
          <div class="entity-head">
            <strong class="entity-name">{e.name}</strong>
            <span class={`kind kind-${e.kind}`}>{e.kind}</span>
            {e.origin !== 'local' && <span class="origin">{e.origin}</span>}
            <span class="actions">
              <button type="button" onClick={() => onEdit(e)} aria-label={`Edit ${e.name}`}>
                Edit
              </button>
              <button
                type="button"
                onClick={() => void onDelete(e)}
                aria-label={`Delete ${e.name}`}
              >
                Delete
              </button>
            </span>
          </div>
          {e.aliases.length > 0 && <div class="aliases">also: {e.aliases.join(', ')}</div>}
          {e.tags.length > 0 && <div class="tags">{e.tags.map((t) => `#${t}`).join(' ')}</div>}
        </li>
      ))}
    </ul>
  );
}
