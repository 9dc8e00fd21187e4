/**
 * One import on the manager's page, from the start to the verdict: a file
 * (ImportExport.tsx) or the first copy of a subscribed pack
 * (Subscriptions.tsx) both go through the import channel
 * (import-client.ts), show the same preview and wait for the reader's
 * accept or cancel.
 */
import { useState } from 'preact/hooks';
import { errorText } from '../ui/error-text';
import type { ImportPreview, ImportProgress, ImportSession, ImportVerdict } from './import-client';

/** Where an import stands; `file` names it to the reader (a file's name, a pack's address). */
export type ImportState =
  | { kind: 'idle' }
  | { kind: 'working'; file: string; progress: ImportProgress | null }
  | { kind: 'preview'; file: string; preview: ImportPreview; session: ImportSession }
  | (ImportVerdict & { file: string });

export interface ImportSessionView {
  status: ImportState;
  /** Starts an import named `file`: `start` opens its session, reporting progress as it goes. */
  begin: (
    file: string,
    start: (onProgress: (progress: ImportProgress) => void) => ImportSession,
  ) => Promise<void>;
  /** The reader's accept of the preview shown: conflicts go `all` ways, those in `except` the other. */
  accept: (all: 'mine' | 'theirs', except: string[]) => Promise<void>;
  /** The reader's cancel of the preview shown. */
  cancel: () => void;
}

/** `onVerdict` hears the end of each accepted import (a failure included), after it is shown. */
export function useImportSession(onVerdict?: (verdict: ImportVerdict) => void): ImportSessionView {
  const [status, setStatus] = useState<ImportState>({ kind: 'idle' });

  const begin: ImportSessionView['begin'] = async (file, start) => {
    setStatus({ kind: 'working', file, progress: null });
    try {
      const session = start((progress) => setStatus({ kind: 'working', file, progress }));
      const first = await session.preview;
      if (first.kind === 'preview') setStatus({ kind: 'preview', file, preview: first, session });
      else setStatus({ ...first, file });
    } catch (e) {
      setStatus({ kind: 'failed', message: errorText(e), file });
    }
  };

  const accept: ImportSessionView['accept'] = async (all, except) => {
    if (status.kind !== 'preview') return;
    const { session, file } = status;
    setStatus({ kind: 'working', file, progress: null });
    let verdict: ImportVerdict;
    try {
      verdict = await session.accept(all, except);
    } catch (e) {
      verdict = { kind: 'failed', message: errorText(e) };
    }
    setStatus({ ...verdict, file });
    onVerdict?.(verdict);
  };

  const cancel = () => {
    if (status.kind !== 'preview') return;
    status.session.cancel();
    setStatus({ kind: 'cancelled', file: status.file });
  };

  return { status, begin, accept, cancel };
}
