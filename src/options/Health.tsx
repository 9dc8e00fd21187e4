/**
 * How the notes are kept: how many, the space they take
 * (`navigator.storage.estimate`), whether the browser may evict them (the
 * `unlimitedStorage` permission), and a reminder to export a copy when the
 * last full export is old or never happened. Live: it follows changes to
 * the notes and exports made from any page.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { LastExport } from '../core/last-export';
import { t } from '../i18n';
import { send } from '../messaging/client';
import { watchSignals } from '../messaging/signals';
import { LeftOutNotice, MarkedRow, useDictionaryStatus } from './DictionaryHealth';

/** After this long without a full export, the manager reminds the reader to make one. */
export const EXPORT_REMINDER_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

const megabytes = (bytes: number) =>
  (bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 });

/** Whether to remind, and how: never exported, or not for `days` days. */
export function exportReminder(
  total: number,
  last: LastExport | null,
  now = Date.now(),
): { never: true } | { days: number } | null {
  if (total === 0) return null;
  if (!last) return { never: true };
  const days = Math.floor((now - last.at) / DAY);
  return days >= EXPORT_REMINDER_DAYS ? { days } : null;
}

export function Health({ total, generation }: { total: number | null; generation: number }) {
  const [usage, setUsage] = useState<StorageEstimate | null>(null);
  const [unlimited, setUnlimited] = useState<boolean | null>(null);
  const [last, setLast] = useState<LastExport | null>(null);
  const dictionary = useDictionaryStatus(generation);

  // Storage use changes with the notes: measured again whenever they change.
  useEffect(() => {
    void navigator.storage?.estimate().then(setUsage, () => setUsage(null));
  }, [generation]);

  useEffect(() => {
    void browser.permissions
      .contains({ permissions: ['unlimitedStorage'] })
      .then(setUnlimited, () => setUnlimited(null));
    // Asked of the background, and again when an export anywhere signals it.
    const stop = new AbortController();
    let asked = 0;
    const load = () => {
      const question = ++asked;
      void send('lastExportGet', {}).then((record) => {
        if (!stop.signal.aborted && question === asked) setLast(record);
      });
    };
    load();
    watchSignals((changed) => {
      if (changed.has('export')) load();
    }, stop.signal);
    return () => stop.abort();
  }, []);

  const reminder = total === null ? null : exportReminder(total, last);
  return (
    <section class="panel" aria-labelledby="health-title" data-testid="health">
      <h2 id="health-title">{t('healthTitle')}</h2>
      <dl class="health">
        <dt>{t('healthNotes')}</dt>
        <dd data-testid="health-count">{total === null ? '…' : total.toLocaleString()}</dd>
        <dt>{t('healthStorage')}</dt>
        <dd data-testid="health-storage">
          {usage?.usage === undefined
            ? t('healthUnknown')
            : t('healthStorageUsed', megabytes(usage.usage))}
        </dd>
        <dt>{t('healthEviction')}</dt>
        <dd data-testid="health-unlimited">
          {unlimited === null
            ? t('healthUnknown')
            : t(unlimited ? 'healthUnlimitedYes' : 'healthUnlimitedNo')}
        </dd>
        <MarkedRow status={dictionary} />
        <dt>{t('healthLastExport')}</dt>
        <dd data-testid="health-last-export">
          {last
            ? t('healthExportedOn', new Date(last.at).toLocaleDateString(), last.count)
            : t('healthNeverExported')}
        </dd>
      </dl>
      <LeftOutNotice status={dictionary} />
      {reminder && (
        <p class="reminder" role="note" data-testid="export-reminder">
          {'never' in reminder ? t('reminderNever') : t('reminderDays', reminder.days)}
        </p>
      )}
    </section>
  );
}
