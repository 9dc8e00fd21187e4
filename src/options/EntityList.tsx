/**
 * The list of entities, with edit and delete.
 */
import type { Entity } from '../core/entity';
import { send } from '../messaging/client';
import { t } from '../i18n';

export interface EntityListProps {
  entities: readonly Entity[];
  onEdit: (entity: Entity) => void;
}

export function EntityList({ entities, onEdit }: EntityListProps) {
  const onDelete = async (entity: Entity) => {
    // Undo arrives with the full manager; until then, ask first.
    if (!window.confirm(t('deleteConfirm', entity.name))) return;
    await send('entityDelete', { id: entity.id });
  };
  if (entities.length === 0) return <p class="hint">{t('noNotes')}</p>;
  return (
    <ul class="entities" aria-label="Entities">
      {entities.map((e) => (
        <li key={e.id} data-entity-id={e.id}>
          <div class="entity-head">
            <strong class="entity-name">{e.name}</strong>
            <span class={`kind kind-${e.kind}`}>{t(`kind_${e.kind}`)}</span>
            {e.origin !== 'local' && <span class="origin">{e.origin}</span>}
            <span class="actions">
              <button type="button" onClick={() => onEdit(e)} aria-label={t('editNamed', e.name)}>
                {t('edit')}
              </button>
              <button
                type="button"
                onClick={() => void onDelete(e)}
                aria-label={t('deleteNamed', e.name)}
              >
                {t('delete')}
              </button>
            </span>
          </div>
          {e.aliases.length > 0 && (
            <div class="aliases">{t('alsoKnownAs', e.aliases.join(', '))}</div>
          )}
          {e.tags.length > 0 && <div class="tags">{e.tags.map((t) => `#${t}`).join(' ')}</div>}
        </li>
      ))}
    </ul>
  );
}
