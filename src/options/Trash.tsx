/**
 * Recently deleted notes: every delete stays in the trash for 30 days and
 * can be brought back from here, after the undo bar is gone too.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { send } from '../messaging/client';
import type { Reply } from '../messaging/protocol';
import { errorText } from '../ui/error-text';

type TrashBatch = Reply<'trashList'>[number];

export function Trash({ generation }: { generation: number }) {
  const [batches, setBatches] = useState<TrashBatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Deletes and restores change the notes: the list follows.
  useEffect(() => {
    send('trashList', {}).then(setBatches, (e: unknown) => setError(errorText(e)));
  }, [generation]);

  if (!batches?.length && !error) return null;
  return (
    <section class="panel" aria-labelledby="trash-title" data-testid="trash">
      <h2 id="trash-title">{t('trashTitle')}</h2>
      <p class="hint">{t('trashHint')}</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <ul class="trash">
        {batches?.map((b) => (
          <li key={b.batch} class="row">
            <span>
              {t(
                'trashBatch',
                new Date(b.deletedAt).toLocaleString(),
                b.count,
                b.names.map((n) => `“${n}”`).join(', ') + (b.count > b.names.length ? ', …' : ''),
              )}
            </span>
            <button
              type="button"
              aria-label={t('trashRestoreNamed', b.names.join(', '))}
              onClick={() =>
                void send('entitiesRestore', { batch: b.batch }).then(
                  ({ blocked }) => setError(blocked ? t('restoreBlocked', blocked) : null),
                  (e: unknown) => setError(errorText(e)),
                )
              }
            >
              {t('trashRestore')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
