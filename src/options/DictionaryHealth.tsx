/**
 * The dictionary in the manager's Health: how much of what one dictionary
 * holds the notes' names take, and, past its limits (core/limits.ts), which
 * notes are not marked on pages and why. Nothing is lost: those notes are
 * kept and found by search; they are marked again once the others leave
 * room. Asked again whenever the notes change.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DictionaryStatus } from '../core/dictionary';
import { t } from '../i18n';
import { send } from '../messaging/client';

export function useDictionaryStatus(generation: number): DictionaryStatus | null {
  const [status, setStatus] = useState<DictionaryStatus | null>(null);
  useEffect(() => {
    let current = true;
    void send('dictionaryStatus', {}).then(
      (s) => current && setStatus(s),
      () => current && setStatus(null),
    );
    return () => {
      current = false;
    };
  }, [generation]);
  return status;
}

/** The share of the fuller limit, in whole percent (at least 1 when anything is there). */
export function limitShare(s: DictionaryStatus): number {
  const share = Math.max(s.units / s.limits.units, s.forms / s.limits.forms);
  return s.forms === 0 ? 0 : Math.max(1, Math.min(100, Math.round(share * 100)));
}

/** A row of Health's list: the notes marked, and the share of the limit they take. */
export function MarkedRow({ status }: { status: DictionaryStatus | null }) {
  return (
    <>
      <dt>{t('healthMarked')}</dt>
      <dd data-testid="health-marked">
        {status
          ? t('healthMarkedCount', status.entities, status.forms, limitShare(status))
          : t('healthUnknown')}
      </dd>
    </>
  );
}

/** Past the limits: how many notes are not marked, why, and the first of them by name. */
export function LeftOutNotice({ status }: { status: DictionaryStatus | null }) {
  if (!status?.leftOut) return null;
  const more = status.leftOut - status.leftOutNames.length;
  return (
    <div class="reminder" role="note" data-testid="health-left-out">
      <p>
        {t(
          'healthLeftOut',
          status.leftOut,
          status.limits.units.toLocaleString(),
          status.limits.forms.toLocaleString(),
        )}
      </p>
      <ul class="left-out">
        {status.leftOutNames.map((e) => (
          <li key={e.id}>{e.name}</li>
        ))}
      </ul>
      {more > 0 && <p>{t('healthLeftOutMore', more)}</p>}
    </div>
  );
}
