/**
 * The background end of the import channel (see messaging/import-channel.ts):
 * collects the slices of a file, validates it, sends the preview, and on
 * the reader's word writes the valid part in one transaction, reporting
 * progress. Only Backstory's own pages may open the channel.
 */
import type { Runtime } from 'webextension-polyfill';
import { parseCsv } from '../core/csv';
import { decodedPieces, encodingName, FILE_ENCODINGS, NotTextError } from '../core/encoding';
import type { Entity } from '../core/entity';
import { countPlan, originOf } from '../core/import-plan';
import type { PackEntity, PackIssue, PackParseResult } from '../core/pack';
import { PackStream } from '../core/pack-stream';
import { applyImport, planImport, type ImportSource } from '../db/import';
import type { BackstoryDb } from '../db/schema';
import { subscribe } from '../db/subscriptions';
import { LIMITS } from '../core/limits';
import { isWebUrl } from '../core/entity';
import type { Subscription } from '../core/subscription';
import { checkUpdate } from '../core/subscription-merge';
import { nextAfterSuccess } from '../core/subscription-schedule';
import { subscriptionErrorText } from '../messaging/subscription-words';
import type { FetchOutcome } from './pack-fetch';
import { t } from '../i18n';
import type { SearchService } from './search-service';
import type { VersionedWrite } from './state-service';
import { failureText } from './failure';
import {
  ADDED_NAMES_SHOWN,
  CONFLICTS_SENT,
  IMPORT_FORMATS,
  IMPORT_SLICE_CHARS,
  ISSUES_SENT,
  MAX_PACK_CHARS,
  type FeedView,
  type ImportDown,
  type ImportFormat,
  type ImportUp,
} from '../messaging/import-channel';

export interface ImportPortDeps {
  db: BackstoryDb;
  /** Runs the import's transaction with the dictionary version's bump in it. */
  write: VersionedWrite;
  /** Kept in step with what the import writes, so the manager's next search needs no rebuild. */
  search?: SearchService;
  /** Fetches a pack to subscribe to (background/pack-fetch.ts, with the reader's permissions). */
  fetchFeed?: (url: string) => Promise<FetchOutcome>;
  now?: () => number;
  random?: () => number;
}

export function serveImport(
  port: Runtime.Port,
  {
    db,
    write: writeVersioned,
    search,
    fetchFeed,
    now = Date.now,
    random = Math.random,
  }: ImportPortDeps,
): void {
  /** The file so far: a pack parsed as it arrives, a CSV file's slices kept to be joined. */
  let format: ImportFormat | null = null;
  let stream: PackStream | null = null;
  const slices: string[] = [];
  let chars = 0;
  /** What the file holds, once checked: waiting for the reader's accept or cancel. */
  let pending: {
    entities: PackEntity[];
    source: ImportSource;
    /** The conflicts the preview showed: the stored note's id and the version shown. */
    conflicts: Map<string, number>;
    /** Subscribing: the subscription the accept creates with the import. */
    subscription?: Subscription;
  } | null = null;
  /** The file is being checked: only a cancel (or a ping) may come now. */
  let checking = false;
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
    stream = null;
    pending = null;
    post({ kind: 'failed', message });
  };

  // A manager closed before accepting leaves nothing behind.
  port.onDisconnect.addListener(() => {
    slices.length = 0;
    stream = null;
    pending = null;
    finished = true;
  });

  port.onMessage.addListener((raw: unknown) => {
    if (finished) return;
    const message = raw as ImportUp;
    if (message?.kind === 'ping') return;
    if (checking) {
      if (message?.kind === 'cancel') {
        finished = true;
        post({ kind: 'cancelled' });
      } else {
        fail(t('errorUnknownImportMessage'));
      }
    } else if (pending) {
      if (
        message?.kind === 'accept' &&
        (message.all === 'mine' || message.all === 'theirs') &&
        Array.isArray(message.except)
      ) {
        const { entities, source, conflicts, subscription } = pending;
        pending = null;
        finished = true;
        const except = new Set(message.except);
        // Only conflicts the reader saw in the preview can take the file's version,
        // and only as the preview showed them: a note changed since (another tab)
        // is a new conflict, and stays.
        const theirs = ({ id, updatedAt }: Entity) =>
          conflicts.get(id) === updatedAt && (message.all === 'theirs') !== except.has(id);
        void write(entities, source, theirs, subscription);
      } else if (message?.kind === 'cancel') {
        finished = true;
        pending = null;
        post({ kind: 'cancelled' });
      } else {
        fail(t('errorUnknownImportMessage'));
      }
    } else if (
      message?.kind === 'subscribe' &&
      format === null &&
      fetchFeed &&
      typeof message.url === 'string'
    ) {
      format = 'pack';
      checking = true;
      void checkFeed(message.url, fetchFeed).finally(() => {
        checking = false;
      });
    } else if (
      message?.kind === 'file' &&
      format === null &&
      IMPORT_FORMATS.includes(message.format) &&
      typeof message.name === 'string' &&
      FILE_ENCODINGS.includes(message.encoding)
    ) {
      // Serialized as JSON, a File arrives as {}: the manager sends its text instead.
      if (!(message.file instanceof Blob)) {
        post({ kind: 'sendText' });
        return;
      }
      format = message.format;
      checking = true;
      void readFile(message.file, message.format, message.name, message.encoding).finally(() => {
        checking = false;
      });
    } else if (
      message?.kind === 'slice' &&
      typeof message.text === 'string' &&
      IMPORT_FORMATS.includes(message.format) &&
      (format === null || message.format === format)
    ) {
      chars += message.text.length;
      if (chars > MAX_PACK_CHARS) {
        fail(t('errorFileTooLarge', MAX_PACK_CHARS / 1_000_000));
        return;
      }
      format = message.format;
      if (format === 'pack') (stream ??= new PackStream()).write(message.text);
      else slices.push(message.text);
      post({ kind: 'received', chars });
    } else if (
      message?.kind === 'end' &&
      typeof message.chars === 'number' &&
      IMPORT_FORMATS.includes(message.format) &&
      (format === null || message.format === format) &&
      typeof message.name === 'string'
    ) {
      if (message.chars !== chars) {
        fail(t('errorSlicesLost', chars, message.chars));
        return;
      }
      checking = true;
      const read = message.format === 'pack' ? (stream ?? new PackStream()) : slices.splice(0);
      stream = null;
      void check(read, message.format, message.name).finally(() => {
        checking = false;
      });
    } else {
      fail(t('errorUnknownImportMessage'));
    }
  });

  /**
   * Reads the file the manager sent, as the slices would have come: decoded
   * (src/core/encoding.ts), counted against MAX_PACK_CHARS, and a pack parsed
   * a slice at a time, each in its own task, then checked and previewed.
   */
  const readFile = async (
    file: Blob,
    format: ImportFormat,
    name: string,
    encoding: (typeof FILE_ENCODINGS)[number],
  ) => {
    const pack = format === 'pack' ? new PackStream() : null;
    const texts: string[] = [];
    let shown = 0;
    try {
      post({ kind: 'progress', phase: 'reading', done: 0, total: file.size });
      // Leaving the loop (cancelled, refused) lets the file go.
      for await (const { text, bytes } of decodedPieces(file, encoding, IMPORT_SLICE_CHARS)) {
        if (finished) return;
        chars += text.length;
        if (chars > MAX_PACK_CHARS) return fail(t('errorFileTooLarge', MAX_PACK_CHARS / 1_000_000));
        if (pack) pack.write(text);
        else texts.push(text);
        // Progress a few dozen times, not for every piece.
        if (bytes - shown >= file.size / 50) {
          shown = bytes;
          post({ kind: 'progress', phase: 'reading', done: bytes, total: file.size });
        }
      }
    } catch (error) {
      return fail(
        error instanceof NotTextError
          ? t('importNotText', name, encodingName(error.encoding))
          : failureText(error),
      );
    }
    if (finished) return;
    await check(pack ?? texts, format, name);
  };

  const parse = (read: PackStream | string[]): PackParseResult => {
    if (read instanceof PackStream) return read.end();
    // A CSV file has no title: its name becomes the origin.
    const csv = parseCsv(read.join(''));
    return csv.ok
      ? { ok: true, pack: { title: '', description: '', entities: csv.entities } }
      : { ok: false, issues: csv.issues, valid: csv.valid };
  };

  const check = async (read: PackStream | string[], format: ImportFormat, name: string) => {
    post({ kind: 'progress', phase: 'checking', done: 0, total: 0 });
    try {
      const parsed = parse(read);
      const issues = parsed.ok ? [] : parsed.issues;
      const entities = parsed.ok ? parsed.pack.entities : parsed.valid;
      if (entities.length === 0) {
        finished = true;
        post({
          kind: 'invalid',
          format,
          issues: issues.slice(0, ISSUES_SENT),
          total: issues.length,
        });
        return;
      }
      const origin = originOf(parsed.ok ? parsed.pack.title : (parsed.title ?? ''), name);
      const source = { origin, carried: format === 'csv' ? 'basic' : 'all' } as const;
      await preview(format, entities, source, issues);
    } catch (error) {
      fail(failureText(error));
    }
  };

  /** Plans the import of the valid entities and shows the preview, then waits for the reader. */
  const preview = async (
    format: ImportFormat,
    entities: PackEntity[],
    source: ImportSource,
    issues: PackIssue[],
    subscription?: Subscription,
    feed?: FeedView,
  ) => {
    {
      const { origin } = source;
      const plan = await planImport(db, entities, source);
      // Cancelled, or the manager closed, while the file was being checked.
      if (finished) return;
      const conflicts = plan.filter((item) => item.kind === 'conflict');
      pending = {
        entities,
        source,
        conflicts: new Map(conflicts.map((c) => [c.existing!.id, c.existing!.updatedAt])),
        ...(subscription ? { subscription } : {}),
      };
      // The check is over once the preview is out: the reader's answer may come at once.
      checking = false;
      post({
        kind: 'preview',
        format,
        origin,
        counts: countPlan(plan),
        conflicts: conflicts.slice(0, CONFLICTS_SENT).map(({ incoming, existing }) => ({
          id: existing!.id,
          mine: {
            name: existing!.name,
            kind: existing!.kind,
            aliases: existing!.aliases,
            tags: existing!.tags,
            note: existing!.note,
            updatedAt: existing!.updatedAt,
            origin: existing!.origin,
          },
          theirs: {
            name: incoming.name,
            kind: incoming.kind,
            aliases: incoming.aliases,
            tags: incoming.tags,
            note: incoming.note,
          },
        })),
        issues: issues.slice(0, ISSUES_SENT),
        issueTotal: issues.length,
        ...(feed ? { feed } : {}),
      });
    }
  };

  /**
   * Subscribing: fetches the pack, holds it to what an update must be
   * (ids on every entity, its sha256), and previews it like a file. The
   * subscription is made with the import, at the reader's accept.
   */
  const checkFeed = async (url: string, fetch: (url: string) => Promise<FetchOutcome>) => {
    try {
      if (url.length > LIMITS.url || !isWebUrl(url)) return fail(t('subscribeBadUrl'));
      if (await db.subscriptions.where('url').equals(url).count())
        return fail(t('subscribeAlready'));
      post({ kind: 'progress', phase: 'fetching', done: 0, total: 0 });
      const outcome = await fetch(url);
      if (finished) return;
      if (outcome.kind === 'offline') return fail(t('subResultOffline', url));
      // A 304 cannot come: the first request carries no validators.
      if (outcome.kind !== 'fetched')
        return fail(
          outcome.kind === 'failed' ? subscriptionErrorText(outcome.error) : t('subError_empty'),
        );
      post({ kind: 'progress', phase: 'checking', done: 0, total: 0 });
      const checked = checkUpdate(outcome.parsed, outcome.entitiesSha256);
      if (!checked.ok) return fail(subscriptionErrorText(checked.error));
      const { pack } = checked;
      const issues = outcome.parsed.ok ? [] : outcome.parsed.issues;
      const origin = await uniqueOrigin(pack.title, url);
      const at = now();
      const subscription: Subscription = {
        id: crypto.randomUUID(),
        url,
        origin,
        title: pack.title,
        description: pack.description,
        ...(pack.updated ? { updated: pack.updated } : {}),
        ...(pack.expires ? { expires: pack.expires } : {}),
        ...(pack.homepage ? { homepage: pack.homepage } : {}),
        ...(pack.license ? { license: pack.license } : {}),
        ...(pack.revision ? { revision: pack.revision } : {}),
        ...(pack.sha256 ? { sha256: pack.sha256 } : {}),
        ...(checked.leftOut ? { leftOut: checked.leftOut } : {}),
        entityCount: pack.entities.length,
        validators: outcome.validators,
        bodySha256: outcome.bodySha256,
        addedAt: at,
        lastSuccess: at,
        lastUpdate: at,
        lastCheck: at,
        nextCheck: nextAfterSuccess(at, pack.expires, random),
        failures: 0,
        paused: false,
      };
      await preview('pack', pack.entities, { origin, carried: 'all' }, issues, subscription, {
        url,
        title: pack.title,
        description: pack.description,
        ...(pack.homepage ? { homepage: pack.homepage } : {}),
        ...(pack.license ? { license: pack.license } : {}),
        ...(pack.revision ? { revision: pack.revision } : {}),
        entries: pack.entities.length + issues.filter((i) => i.entry !== undefined).length,
      });
    } catch (error) {
      fail(failureText(error));
    }
  };

  /**
   * The origin a subscription's notes carry: the pack's title (or the URL's
   * file name), with its host when another subscription has that origin, so
   * the filter by origin and the card tell two packs apart.
   */
  const uniqueOrigin = async (title: string, url: string): Promise<string> => {
    const { host, pathname } = new URL(url);
    const base = originOf(title, decodeURIComponent(pathname.split('/').pop() || host));
    const taken = new Set((await db.subscriptions.toArray()).map((s) => s.origin));
    if (!taken.has(base)) return base;
    for (let n = 1; ; n++) {
      const candidate = originOf(n === 1 ? `${base} (${host})` : `${base} (${host}, ${n})`, '');
      if (!taken.has(candidate)) return candidate;
    }
  };

  const write = async (
    entities: PackEntity[],
    source: ImportSource,
    takeTheirs: (existing: Entity) => boolean,
    subscription?: Subscription,
  ) => {
    const onProgress = (done: number, total: number) =>
      post({ kind: 'progress', phase: 'writing', done, total });
    try {
      const { result, before, after } = await writeVersioned(
        () =>
          subscription
            ? subscribe(db, { subscription, entities, takeTheirs, now: now(), onProgress })
            : applyImport(db, entities, { ...source, takeTheirs, onProgress }),
        (r) => r.added.length + r.updated.length > 0,
      );
      if (after !== before)
        search?.advance(before, after, { saved: [...result.added, ...result.updated] });
      post({
        kind: 'done',
        added: result.added.length,
        updated: result.updated.length,
        kept: result.kept,
        addedNames: result.added.slice(0, ADDED_NAMES_SHOWN).map((e) => e.name),
      });
    } catch (error) {
      post({ kind: 'failed', message: failureText(error) });
    }
  };
}
