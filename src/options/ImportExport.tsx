/**
 * Import a pack file (validated before anything is written) and export all
 * notes as a pack.
 */
import { useState } from 'preact/hooks';
import type { Entity } from '../core/entity';
import { describeIssue, parsePack, type PackIssue } from '../core/pack';
import { send } from '../messaging/client';
import { downloadText } from './download';

type Status =
  | { kind: 'idle' }
  | { kind: 'working'; file: string }
  | { kind: 'invalid'; file: string; issues: PackIssue[] }
  | { kind: 'failed'; file: string; message: string }
  | { kind: 'done'; file: string; added: Entity[]; kept: number };

const MAX_SHOWN_ISSUES = 20;

export function ImportExport() {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus({ kind: 'working', file: file.name });
    const parsed = parsePack(await file.text());
    if (!parsed.ok) {
      setStatus({ kind: 'invalid', file: file.name, issues: parsed.issues });
      return;
    }
    try {
      const { added, kept } = await send('packImport', { entities: parsed.pack.entities });
      setStatus({ kind: 'done', file: file.name, added, kept });
    } catch (e) {
      setStatus({
        kind: 'failed',
        file: file.name,
        message: e instanceof Error ? e.message : String(e),
      });
    }
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
      return <p role="status">Reading {status.file}…</p>;
    case 'invalid':
      return (
        <div role="alert" class="error" data-testid="import-error">
          <p>
            {status.file} was not imported: nothing was written. {status.issues.length} problem
            {status.issues.length === 1 ? '' : 's'}:
          </p>
          <ul>
            {status.issues.slice(0, MAX_SHOWN_ISSUES).map((issue, i) => (
              <li key={i}>{describeIssue(issue)}</li>
            ))}
          </ul>
          {status.issues.length > MAX_SHOWN_ISSUES && (
            <p>…and {status.issues.length - MAX_SHOWN_ISSUES} more.</p>
          )}
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
            Imported {status.file}: added {status.added.length}{' '}
            {status.added.length === 1 ? 'entity' : 'entities'}
            {status.kept > 0 ? `; ${status.kept} already present, kept as they were` : ''}.
          </p>
          {status.added.length > 0 && (
            <ul class="added">
              {status.added.slice(0, 200).map((e) => (
                <li key={e.id}>{e.name}</li>
              ))}
              {status.added.length > 200 && <li>…and {status.added.length - 200} more</li>}
            </ul>
          )}
        </div>
      );
  }
}
