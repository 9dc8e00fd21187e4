/**
 * The background end of the import channel (see messaging/import-channel.ts):
 * collects the slices of a pack file, validates the whole pack, then writes it
 * in one transaction, reporting progress. Only Backstory's own pages may open
 * the channel.
 */
import type { Runtime } from 'webextension-polyfill';
import { parsePack } from '../core/pack';
import { importEntities } from '../db/entities';
import type { BackstoryDb } from '../db/schema';
import { t } from '../i18n';
import { failureText } from '../messaging/failure';
import {
  ADDED_NAMES_SHOWN,
  ISSUES_SENT,
  MAX_PACK_CHARS,
  type ImportDown,
  type ImportUp,
} from '../messaging/import-channel';

export interface ImportPortDeps {
  db: BackstoryDb;
  changed: () => Promise<number>;
}

export function serveImport(port: Runtime.Port, { db, changed }: ImportPortDeps): void {
  const slices: string[] = [];
  let chars = 0;
  let finished = false;
  const post = (message: ImportDown) => {
    try {
      port.postMessage(message);
    } catch {
      // The manager was closed; the import itself still completes or fails as one.
    }
  };
  const fail = (message: string) => {
    finished = true;
    slices.length = 0;
    post({ kind: 'failed', message });
  };

  // A manager closed before the last slice leaves nothing behind.
  port.onDisconnect.addListener(() => {
    if (!finished) slices.length = 0;
    finished = true;
  });

  port.onMessage.addListener((raw: unknown) => {
    if (finished) return;
    const message = raw as ImportUp;
    if (message?.kind === 'slice' && typeof message.text === 'string') {
      chars += message.text.length;
      if (chars > MAX_PACK_CHARS) {
        fail(t('errorFileTooLarge', MAX_PACK_CHARS / 1_000_000));
        return;
      }
      slices.push(message.text);
      post({ kind: 'received', chars });
    } else if (message?.kind === 'end' && typeof message.chars === 'number') {
      finished = true;
      if (message.chars !== chars) {
        fail(t('errorSlicesLost', chars, message.chars));
        return;
      }
      void finish(slices.splice(0).join(''));
    } else {
      fail(t('errorUnknownImportMessage'));
    }
  });

  const finish = async (text: string) => {
    post({ kind: 'progress', phase: 'checking', done: 0, total: 0 });
    const parsed = parsePack(text);
    if (!parsed.ok) {
      post({
        kind: 'invalid',
        issues: parsed.issues.slice(0, ISSUES_SENT),
        total: parsed.issues.length,
      });
      return;
    }
    try {
      const outcome = await importEntities(
        db,
        parsed.pack.entities,
        'local',
        Date.now(),
        (done, total) => post({ kind: 'progress', phase: 'writing', done, total }),
      );
      if (outcome.added.length) await changed();
      post({
        kind: 'done',
        added: outcome.added.length,
        kept: outcome.kept,
        addedNames: outcome.added.slice(0, ADDED_NAMES_SHOWN).map((e) => e.name),
      });
    } catch (error) {
      post({ kind: 'failed', message: failureText(error) });
    }
  };
}
