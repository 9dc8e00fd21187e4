/**
 * After a delete: what went, and a button that brings it back. It stays
 * until the reader dismisses it or deletes again: the trash keeps the
 * entities for 30 days either way.
 */
import { t } from '../i18n';

export interface Undo {
  batch: string;
  deleted: number;
  /** The first few names, to say what went. */
  names: string[];
}

export function UndoBar({
  undo,
  onUndo,
  onDismiss,
}: {
  undo: Undo;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  const names = undo.names.map((n) => `“${n}”`).join(', ');
  return (
    <div class="undo row" role="status" data-testid="undo-bar">
      <span>
        {undo.deleted === 1
          ? t('deletedOne', names)
          : t('deletedMany', undo.deleted, names + (undo.deleted > undo.names.length ? ', …' : ''))}
      </span>
      <button type="button" class="primary" onClick={onUndo}>
        {t('undo')}
      </button>
      <button type="button" onClick={onDismiss} aria-label={t('dismiss')}>
        ×
      </button>
    </div>
  );
}
