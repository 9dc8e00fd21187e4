/**
 * The entities matching the manager's query: one row each, with a checkbox
 * for bulk work and an edit button. Rows are virtual (VirtualList).
 */
import type { Entity } from '../core/entity';
import { t } from '../i18n';
import { VirtualList } from './VirtualList';

export const ROW_HEIGHT = 64;

export interface EntityListProps {
  total: number;
  at: (index: number) => Entity | undefined;
  selected: ReadonlySet<string>;
  onToggle: (entity: Entity, on: boolean) => void;
  onEdit: (entity: Entity) => void;
}

export function EntityList({ total, at, selected, onToggle, onEdit }: EntityListProps) {
  if (total === 0) return <p class="hint">{t('noMatches')}</p>;
  return (
    <VirtualList
      count={total}
      rowHeight={ROW_HEIGHT}
      label={t('entitiesLabel')}
      keyOf={(i) => at(i)?.id ?? `loading-${i}`}
      renderRow={(i) => {
        const e = at(i);
        if (!e) return <span class="hint">{t('loading')}</span>;
        return (
          <div class="entity-row" data-entity-id={e.id}>
            <input
              type="checkbox"
              checked={selected.has(e.id)}
              onChange={(ev) => onToggle(e, ev.currentTarget.checked)}
              aria-label={t('selectNamed', e.name)}
            />
            <div class="entity-text">
              <div class="entity-head">
                <strong class="entity-name">{e.name}</strong>
                <span class={`kind kind-${e.kind}`}>{t(`kind_${e.kind}`)}</span>
                {e.origin !== 'local' && <span class="origin">{e.origin}</span>}
              </div>
              <div class="entity-more">
                {e.aliases.length > 0 && (
                  <span class="aliases">{t('alsoKnownAs', e.aliases.join(', '))}</span>
                )}
                {e.tags.length > 0 && (
                  <span class="tags">{e.tags.map((tag) => `#${tag}`).join(' ')}</span>
                )}
              </div>
            </div>
            <button type="button" onClick={() => onEdit(e)} aria-label={t('editNamed', e.name)}>
              {t('edit')}
            </button>
          </div>
        );
      }}
    />
  );
}
