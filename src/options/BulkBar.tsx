/**
 * Work on the selected entities: select every match, add or remove a tag,
 * delete (undoable).
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { splitList } from '../ui/lists';

export interface BulkBarProps {
  count: number;
  total: number;
  onSelectAll: () => void;
  onClear: () => void;
  onTag: (add: string[], remove: string[]) => void;
  onDelete: () => void;
}

export function BulkBar({ count, total, onSelectAll, onClear, onTag, onDelete }: BulkBarProps) {
  const [tags, setTags] = useState('');
  const apply = (add: boolean) => {
    const list = splitList(tags);
    if (!list.length) return;
    onTag(add ? list : [], add ? [] : list);
    setTags('');
  };
  return (
    <div class="bulk row" role="region" aria-label={t('bulkLabel')}>
      <span data-testid="selected-count">{t('selectedCount', count)}</span>
      {/* Shown whatever is selected: the selection may hold notes outside this search. */}
      {total > 0 && (
        <button type="button" onClick={onSelectAll}>
          {t('selectAllMatching', total)}
        </button>
      )}
      {count > 0 && (
        <>
          <button type="button" onClick={onClear}>
            {t('selectNone')}
          </button>
          <label>
            <span class="visually-hidden">{t('bulkTagsLabel')}</span>
            <input
              value={tags}
              placeholder={t('bulkTagsPlaceholder')}
              onInput={(e) => setTags(e.currentTarget.value)}
            />
          </label>
          <button type="button" onClick={() => apply(true)}>
            {t('bulkAddTag')}
          </button>
          <button type="button" onClick={() => apply(false)}>
            {t('bulkRemoveTag')}
          </button>
          <button type="button" class="danger" onClick={onDelete}>
            {t('bulkDelete', count)}
          </button>
        </>
      )}
    </div>
  );
}
