/**
 * The background end of the export channel (see messaging/export-channel.ts):
 * reads the notes a page at a time, writes them as a pack or CSV piece by
 * piece, and sends a piece each time the manager asks for one. Nothing is
 * held but the page being written, whatever the size of the collection.
 *
 * The file is one moment's copy of the notes: the dictionary version (which
 * every change of an entity raises, in the change's own transaction) is read
 * before the first page and after the last, and an export during which it
 * moved is refused rather than saved half old, half new.
 */
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { csvHead, csvRows } from '../core/csv';
import type { Entity } from '../core/entity';
import { BACKUP_TITLE, PackWriter } from '../core/pack';
import type { SearchQuery } from '../core/search';
import type { BackstoryDb } from '../db/schema';
import { readDictionaryVersion } from '../db/state';
import { t } from '../i18n';
import {
  EXPORT_PAGE,
  EXPORT_PIECE_CHARS,
  ExportUpSchema,
  type ExportDown,
  type ExportFormat,
} from '../messaging/export-channel';
import { failureText } from './failure';

export interface ExportPortDeps {
  db: BackstoryDb;
  /** The ids a query matches, in the manager's order. */
  ids: (query: SearchQuery) => Promise<string[]>;
  /** Called once a backup (every note, as a pack) was saved: the backup reminder counts it. */
  recordExport: (count: number) => Promise<void>;
  /** Notes read at a time, and the characters that make a piece (tests write small ones). */
  pageSize?: number;
  pieceChars?: number;
}

/** Raised when a note changed between the first page and the last. */
class ChangedDuringExport extends Error {}

/** An export's writer: the same three steps for a pack and for CSV. */
interface Writer {
  head(): string;
  entries(entities: readonly Entity[]): string;
  tail(): string;
}

function writerFor(format: ExportFormat, query: SearchQuery | undefined): Writer {
  if (format === 'csv') return { head: csvHead, entries: csvRows, tail: () => '' };
  const now = new Date();
  // The whole collection as a pack is a backup (origins and times kept, an id and
  // date of its own); a part of it is a pack to share.
  return query
    ? new PackWriter('Backstory notes', now)
    : new PackWriter(BACKUP_TITLE, now, { id: crypto.randomUUID(), exportedAt: now.toISOString() });
}

/** A piece of the file, and whether it is the last. */
interface Piece {
  text: string;
  done: number;
  last: boolean;
}

/** Where a piece of at most `chars` characters of `text` ends: never between the halves of a pair. */
function pieceEnd(text: string, chars: number): number {
  const code = text.charCodeAt(chars - 1);
  // The manager encodes each piece on its own: a half alone would be written as U+FFFD.
  if (chars >= text.length || code < 0xd800 || code > 0xdbff) return chars;
  return chars > 1 ? chars - 1 : chars + 1;
}

async function* pieces(
  db: BackstoryDb,
  ids: readonly string[],
  writer: Writer,
  versionBefore: number,
  { pageSize, pieceChars }: { pageSize: number; pieceChars: number },
): AsyncGenerator<Piece> {
  let text = writer.head();
  let done = 0;
  for (let start = 0; start < ids.length; start += pageSize) {
    const page = await db.entities.bulkGet(ids.slice(start, start + pageSize));
    // A note deleted since the ids were read: the version check below refuses the file.
    const found = page.filter((e) => e !== undefined);
    text += writer.entries(found);
    done += found.length;
    while (text.length >= pieceChars) {
      const end = pieceEnd(text, pieceChars);
      yield { text: text.slice(0, end), done, last: false };
      text = text.slice(end);
    }
  }
  if ((await readDictionaryVersion(db)) !== versionBefore) throw new ChangedDuringExport();
  yield { text: text + writer.tail(), done, last: true };
}

export function serveExport(
  port: Runtime.Port,
  {
    db,
    ids: idsOf,
    recordExport,
    pageSize = EXPORT_PAGE,
    pieceChars = EXPORT_PIECE_CHARS,
  }: ExportPortDeps,
): void {
  let source: AsyncGenerator<Piece> | null = null;
  let started = false;
  let total = 0;
  let chars = 0;
  /** A piece is being written: the manager must wait for it before asking again. */
  let writing = false;
  /** Whether the file is a backup; set when the last piece was sent. */
  let backup = false;
  let complete = false;
  let finished = false;

  const post = (message: ExportDown) => {
    try {
      port.postMessage(message);
    } catch {
      // The manager was closed: there is no one to tell.
    }
  };
  const finish = (message?: ExportDown) => {
    finished = true;
    void source?.return(undefined);
    source = null;
    if (message) post(message);
  };

  port.onDisconnect.addListener(() => finish());

  const sendNext = async () => {
    if (!source) return;
    writing = true;
    try {
      const next = await source.next();
      if (finished || next.done) return;
      const { text, done, last } = next.value;
      chars += text.length;
      post({ kind: 'piece', text, done, total, last });
      if (last) {
        source = null;
        complete = true;
        post({ kind: 'end', count: total, chars });
      }
    } catch (error) {
      finish({
        kind: 'failed',
        message:
          error instanceof ChangedDuringExport ? t('errorExportChanged') : failureText(error),
      });
    } finally {
      writing = false;
    }
  };

  const start = async (format: ExportFormat, query: SearchQuery | undefined) => {
    writing = true;
    try {
      // Read before the ids: a change after this point is seen by the check at the end.
      const versionBefore = await readDictionaryVersion(db);
      const ids = query ? await idsOf(query) : await db.entities.toCollection().primaryKeys();
      if (finished) return;
      total = ids.length;
      source = pieces(db, ids, writerFor(format, query), versionBefore, { pageSize, pieceChars });
      backup = !query && format === 'pack';
    } catch (error) {
      finish({ kind: 'failed', message: failureText(error) });
      return;
    } finally {
      writing = false;
    }
    await sendNext();
  };

  port.onMessage.addListener((raw: unknown) => {
    if (finished) return;
    const parsed = v.safeParse(ExportUpSchema, raw);
    const message = parsed.success ? parsed.output : null;
    if (message?.kind === 'cancel') {
      finish({ kind: 'cancelled' });
    } else if (message?.kind === 'start' && !started) {
      started = true;
      void start(message.format, message.query);
    } else if (message?.kind === 'next' && source && !writing) {
      void sendNext();
    } else if (message?.kind === 'saved' && complete) {
      finish();
      // Only a file that restores everything counts for the manager's backup reminder.
      const recorded = backup ? recordExport(total) : Promise.resolve();
      void recorded
        .catch((error: unknown) => console.error('Backstory: the export was not recorded', error))
        .finally(() => port.disconnect());
    } else {
      finish({ kind: 'failed', message: t('errorUnknownExportMessage') });
    }
  });
}
