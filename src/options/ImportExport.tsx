/**
 * Import a pack file (validated before anything is written) and export all
 * notes as a pack.
 */
import { useState } from 'preact/hooks';
import type { SearchQuery } from '../core/search';
import { describeIssue } from './describe-issue';
import { send } from '../messaging/client';
import { downloadText } from './download';
import { importPackText, type ImportProgress, type ImportVerdict } from './import-client';
import { t } from '../i18n';

type Status =
  | { kind: 'idle' }
  | { kind: 'working'; file: string; progress: ImportProgress | null }
  | (ImportVerdict & { file: string });

const MAX_SHOWN_ISSUES = 20;

export function ImportExport({ query }: { query: SearchQuery }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus({ kind: 'working', file: file.name, progress: null });
    let verdict: ImportVerdict;
    try {
      // Validation and writing happen in the background; this page only
      // passes the text along, so it never stalls on a large pack.
      verdict = await importPackText(await file.text(), (progress) =>
        setStatus({ kind: 'working', file: file.name, progress }),
      );
    } catch (e) {
      verdict = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    setStatus({ ...verdict, file: file.name });
  };

  const filtered = query.text.trim() !== '' || query.kind || query.tag || query.origin;
  const onExport = async (only: boolean) => {
    const { text } = await send('packExport', only ? { query } : {});
    downloadText(`backstory-notes-${new Date().toISOString().slice(0, 10)}.json`, text);
  };

  return (
    <section class="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('importExportTitle')}</h2>
      <div class="row">
        <label class="button">
          {t('import')}
          <input
            type="file"
            accept=".json,application/json"
            class="visually-hidden"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
        <button type="button" onClick={() => void onExport(false)}>
          {t('export')}
        </button>
        {filtered && (
          <button type="button" onClick={() => void onExport(true)}>
            {t('exportMatching')}
          </button>
        )}
        <span class="hint">{t('packHint')}</span>
      </div>
      <ImportStatus status={status} />
    </section>
  );
}

function ImportStatus({ status }: { status: Status }) {
  switch (status.kind) {
    case 'idle':
      return null;
    case 'working':
      return <ImportProgressView file={status.file} progress={status.progress} />;
    case 'invalid':
      return (
        <div role="alert" class="error" data-testid="import-error">
          <p>
            {t(
              'importInvalid',
              status.file,
              status.total,
              t(status.total === 1 ? 'problemOne' : 'problemMany'),
            )}
          </p>
          <ul>
            {status.issues.slice(0, MAX_SHOWN_ISSUES).map((issue, i) => (
              <li key={i}>{describeIssue(issue)}</li>
            ))}
          </ul>
          {status.total > MAX_SHOWN_ISSUES && (
            <p>{t('andMore', status.total - MAX_SHOWN_ISSUES)}</p>
          )}
        </div>
      );
    case 'failed':
      return (
        <p role="alert" class="error" data-testid="import-error">
          {t('importFailed', status.file, status.message)}
        </p>
      );
    case 'done': {
      const unit = t(status.added === 1 ? 'entityOne' : 'entityMany');
      return (
        <div role="status" data-testid="import-result">
          <p>
            {status.kept > 0
              ? t('importDoneKept', status.file, status.added, unit, status.kept)
              : t('importDone', status.file, status.added, unit)}
          </p>
          {status.added > 0 && (
            <ul class="added">
              {status.addedNames.map((name, i) => (
                <li key={i}>{name}</li>
              ))}
              {status.added > status.addedNames.length && (
                <li>{t('andMore', status.added - status.addedNames.length)}</li>
              )}
            </ul>
          )}
        </div>
      );
    }
  }
}

function ImportProgressView({ file, progress }: { file: string; progress: ImportProgress | null }) {
  const phase = progress?.phase ?? 'sending';
  // Checking has no count to show: the bar is indeterminate then.
  const measured = progress && progress.total > 0;
  const text =
    progress?.phase === 'writing'
      ? t('importWriting', file, progress.done, progress.total)
      : t(phase === 'checking' ? 'importChecking' : 'importReading', file);
  return (
    <div role="status" data-testid="import-progress">
      <p>{text}</p>
      <progress
        aria-label={t('importProgressLabel', file)}
        {...(measured ? { max: progress.total, value: progress.done } : {})}
      />
    </div>
  );
}
