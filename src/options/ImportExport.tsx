/**
 * Import a pack file (validated before anything is written) and export all
 * notes as a pack.
 */
import { useState } from 'preact/hooks';
import { FILE_ENCODINGS, type FileEncoding } from '../core/encoding';
import type { SearchQuery } from '../core/search';
import { IssueList } from './IssueList';
import { downloadParts } from './download';
import { startExport, type ExportResult, type ExportSession } from './export-client';
import { startImport, type ImportProgress } from './import-client';
import { ImportPreview } from './ImportPreview';
import { t, type MessageKey } from '../i18n';
import { useImportSession, type ImportSessionView, type ImportState } from './use-import-session';

/** `onImported`: an import wrote notes; the list asks again without waiting for the signal. */
export function ImportExport({
  query,
  onImported,
}: {
  query: SearchQuery;
  onImported?: () => void;
}) {
  const importing = useImportSession((verdict) => {
    if (verdict.kind === 'done') onImported?.();
  });
  const { status } = importing;
  const [encoding, setEncoding] = useState<FileEncoding>('auto');

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const name = file.name;
    // Parsing, checking and writing happen in the background; this page
    // only passes the text along, so it never stalls on a large file.
    await importing.begin(name, (onProgress) => {
      const format = /\.csv$/i.test(name) || file.type === 'text/csv' ? 'csv' : 'pack';
      return startImport(file, format, name, onProgress, encoding);
    });
  };

  const filtered = query.text.trim() !== '' || query.kind || query.tag || query.origin;
  const [format, setFormat] = useState<'pack' | 'csv'>('pack');
  const [exporting, setExporting] = useState<ExportState>({ kind: 'idle' });
  const onExport = async (only: boolean) => {
    const session = startExport(format, only ? query : undefined, (done, total) =>
      setExporting({ kind: 'running', done, total, session }),
    );
    setExporting({ kind: 'running', done: 0, total: 0, session });
    const result = await session.result;
    if (result.kind !== 'file') {
      setExporting(result);
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    // The whole collection as a pack is a backup; a part, or CSV, is notes to share or edit.
    const what = !only && format === 'pack' ? 'backup' : 'notes';
    downloadParts(
      `backstory-${what}-${day}.${format === 'csv' ? 'csv' : 'json'}`,
      result.parts,
      format === 'csv' ? 'text/csv' : 'application/json',
    );
    session.saved();
    setExporting({ kind: 'saved', count: result.count });
  };
  const exportRunning = exporting.kind === 'running';

  return (
    <section class="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('importExportTitle')}</h2>
      <div class="row">
        <label class="button">
          {t('import')}
          <input
            type="file"
            accept=".json,application/json,.csv,text/csv"
            class="visually-hidden"
            disabled={status.kind === 'working' || status.kind === 'preview'}
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
        <button
          type="button"
          data-testid="export-all"
          disabled={exportRunning}
          onClick={() => void onExport(false)}
        >
          {t('export')}
        </button>
        {filtered && (
          <button type="button" disabled={exportRunning} onClick={() => void onExport(true)}>
            {t('exportMatching')}
          </button>
        )}
        <label>
          <span class="visually-hidden">{t('exportFormat')}</span>
          <select
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as 'pack' | 'csv')}
          >
            <option value="pack">{t('exportFormatPack')}</option>
            <option value="csv">{t('exportFormatCsv')}</option>
          </select>
        </label>
        <span class="hint">{t('packHint')}</span>
      </div>
      <div class="row">
        <label>
          {t('importEncoding')}{' '}
          <select
            value={encoding}
            onChange={(e) => setEncoding(e.currentTarget.value as FileEncoding)}
          >
            {FILE_ENCODINGS.map((choice) => (
              <option key={choice} value={choice}>
                {t(`encoding_${choice.replace(/-/g, '')}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ExportStatus state={exporting} />
      <CurrentImport importing={importing} />
    </section>
  );
}

/** The import under way: its preview while the reader decides, else its progress or verdict. */
export function CurrentImport({ importing }: { importing: ImportSessionView }) {
  const { status } = importing;
  return status.kind === 'preview' ? (
    <ImportPreview
      file={status.file}
      preview={status.preview}
      onAccept={(all, except) => void importing.accept(all, except)}
      onCancel={importing.cancel}
    />
  ) : (
    <ImportStatus status={status} />
  );
}

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number; session: ExportSession }
  | { kind: 'saved'; count: number }
  | Exclude<ExportResult, { kind: 'file' }>;

function ExportStatus({ state }: { state: ExportState }) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'running':
      return (
        <div role="status" data-testid="export-progress" class="row">
          <span>{t('exportProgress', state.done, state.total)}</span>
          <progress
            aria-label={t('exportProgress', state.done, state.total)}
            {...(state.total > 0 ? { max: state.total, value: state.done } : {})}
          />
          <button type="button" onClick={() => state.session.cancel()}>
            {t('exportCancel')}
          </button>
        </div>
      );
    case 'saved':
      return (
        <p role="status" data-testid="export-result">
          {t('exportSaved', state.count)}
        </p>
      );
    case 'cancelled':
      return (
        <p role="status" data-testid="export-result">
          {t('exportCancelled')}
        </p>
      );
    case 'failed':
      return (
        <p role="alert" class="error" data-testid="export-error">
          {t('exportFailed', state.message)}
        </p>
      );
  }
}

function ImportStatus({ status }: { status: Exclude<ImportState, { kind: 'preview' }> }) {
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
          <IssueList issues={status.issues} total={status.total} format={status.format} />
        </div>
      );
    case 'failed':
      return (
        <p role="alert" class="error" data-testid="import-error">
          {t('importFailed', status.file, status.message)}
        </p>
      );
    case 'cancelled':
      return (
        <p role="status" data-testid="import-result">
          {t('importCancelled', status.file)}
        </p>
      );
    case 'done':
      return (
        <div role="status" data-testid="import-result">
          <p>
            {status.added + status.updated === 0
              ? t('importNothing', status.file)
              : t('importDoneFull', status.file, status.added, status.updated, status.kept)}
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

function ImportProgressView({ file, progress }: { file: string; progress: ImportProgress | null }) {
  const phase = progress?.phase ?? 'sending';
  // Checking has no count to show: the bar is indeterminate then.
  const measured = progress && progress.total > 0;
  const text =
    progress?.phase === 'writing'
      ? t('importWriting', file, progress.done, progress.total)
      : phase === 'fetching'
        ? t('importFetching', file)
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
