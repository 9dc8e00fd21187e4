/**
 * A note's earlier versions, one click from its editor: every save, import
 * or change of tags kept the version it replaced for 30 days, and any of
 * them can come back. Restoring is itself an overwrite, so the version it
 * replaces joins the list and the restore can be undone the same way.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Entity } from '../core/entity';
import type { HistoryVersion } from '../core/history';
import { t } from '../i18n';
import { send } from '../messaging/client';
import { errorText } from '../ui/error-text';

/** Enough of an old note to tell versions apart; the restored note is whole. */
const PREVIEW_CHARS = 600;

export interface NoteHistoryProps {
  entity: Entity;
  /** The note as it is after a restore. */
  onRestored: (entity: Entity) => void;
  onClose: () => void;
}

export function NoteHistory({ entity, onRestored, onClose }: NoteHistoryProps) {
  const [versions, setVersions] = useState<HistoryVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    send('historyList', { id: entity.id }).then(setVersions, (e: unknown) =>
      setError(errorText(e)),
    );
  }, [entity.id, entity.updatedAt]);

  const restore = (version: HistoryVersion) =>
    void send('historyRestore', { seq: version.seq, baseUpdatedAt: entity.updatedAt }).then(
      onRestored,
      (e: unknown) => setError(errorText(e)),
    );

  return (
    <section class="history" aria-labelledby="history-title" data-testid="history">
      <div class="row">
        <h3 id="history-title">{t('historyTitle', entity.name)}</h3>
        <button type="button" onClick={onClose}>
          {t('historyClose')}
        </button>
      </div>
      <p class="hint">{t('historyHint')}</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {versions && !versions.length && <p>{t('historyEmpty')}</p>}
      <ol class="history-list">
        {versions?.map((version) => {
          const when = new Date(version.replacedAt).toLocaleString();
          const { name, note, aliases, tags } = version.entity;
          return (
            <li key={version.seq} data-testid="history-version">
              <p class="row">
                <strong>{t('historyReplaced', when)}</strong>
                <button
                  type="button"
                  aria-label={t('historyRestoreNamed', when)}
                  onClick={() => restore(version)}
                >
                  {t('historyRestore')}
                </button>
              </p>
              <p>
                {name}
                {aliases.length > 0 && ` (${aliases.join(' · ')})`}
                {tags.length > 0 && ` #${tags.join(' #')}`}
              </p>
              <p class="history-note">
                {note.length > PREVIEW_CHARS ? `${note.slice(0, PREVIEW_CHARS)}…` : note}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
