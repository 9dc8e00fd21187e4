/**
 * Import a pack file (validated before anything is written) and export all
 * notes as a pack.
 */
import { useState } from 'preact/hooks';
import { describeIssue } from '../core/pack';
import { send } from '../messaging/client';
import { downloadText } from './download';
import { importPackText, type ImportProgress, type ImportVerdict } from './import-client';

type Status =
  | { kind: 'idle' }
  | { kind: 'working'; file: string; progress: ImportProgress | null }
  | (ImportVerdict & { file: string });

const MAX_SHOWN_ISSUES = 20;
const PHASE_LABEL = {
  sending: 'Reading',
  checking: 'Checking',
  writing: 'Writing',
} as const;

export function ImportExport() {
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

  const onExport = async () => {
    const { text } = await send('packExport', {});
    downloadText(`backstory-notes-${new Date().toISOString().slice(0, 10)}.json`, text);
  };

  return (
    <section class="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import and export</h2>
      <div class="row">
        <label class="button">
          Import
          <input
            type="file"
            accept=".json,application/json"
            class="visually-hidden"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
        <button type="button" onClick={() => void onExport()}>
          Export
        </button>
        <span class="hint">Pack files (format v1, JSON).</span>
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
            {status.file} was not imported: nothing was written. {status.total} problem
            {status.total === 1 ? '' : 's'}:
          </p>
          <ul>
            {status.issues.slice(0, MAX_SHOWN_ISSUES).map((issue, i) => (
              <li key={i}>{describeIssue(issue)}</li>
            ))}
          </ul>
          {status.total > MAX_SHOWN_ISSUES && <p>…and {status.total - MAX_SHOWN_ISSUES} more.</p>}
        </div>
      );
    case 'failed':
      return (
        <p role="alert" class="error" data-testid="import-error">
          {status.file} was not imported: {status.message} Nothing was written.
        </p>
      );
    case 'done':
      return (
        <div role="status" data-testid="import-result">
          <p>
            Imported {status.file}: added {status.added}{' '}
            {status.added === 1 ? 'entity' : 'entities'}
            {status.kept > 0 ? `; ${status.kept} already present, kept as they were` : ''}.
          </p>
          {status.added > 0 && (
            <ul class="added">
              {status.addedNames.map((name, i) => (
                <li key={i}>{name}</li>
              ))}
              {status.added > status.addedNames.length && (
                <li>…and {status.added - status.addedNames.length} more</li>
              )}
            </ul>
          )}
        </div>
      );
  }
}

function ImportProgressView({ file, progress }: { file: string; progress: ImportProgress | null }) {
  const phase = progress?.phase ?? 'sending';
  // Checking has no count to show: the bar is indeterminate then.
  const measured = progress && progress.total > 0;
  const detail =
    progress?.phase === 'writing'
      ? ` ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} entities`
      : '';
  return (
    <div role="status" data-testid="import-progress">
      <p>
        {PHASE_LABEL[phase]} {file}…{detail}
      </p>
      <progress
        aria-label={`Import of ${file}`}
        {...(measured ? { max: progress.total, value: progress.done } : {})}
      />
    </div>
  );
}
