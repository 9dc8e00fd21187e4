/**
 * The manager's subscriptions: subscribe to a pack by its address (the
 * origin's permission asked in the click, then the import preview), and for
 * each subscription its state (notes, last update, last and next check, last
 * error), Update now, Pause, Unsubscribe, a held update to apply or keep,
 * and the notes in conflict, side by side.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { originPattern } from '../core/origin-pattern';
import type { CheckSummary, SubscriptionConflict, SubscriptionView } from '../core/subscription';
import { t, type MessageKey } from '../i18n';
import { send } from '../messaging/client';
import { watchSignals } from '../messaging/signals';
import { subscriptionErrorText } from '../messaging/subscription-words';
import { errorText } from '../ui/error-text';
import { startSubscribe } from './import-client';
import { CurrentImport } from './ImportExport';
import { Version } from './ImportPreview';
import { permitSubscribe } from './subscribe-flow';
import { useImportSession } from './use-import-session';

/** The address the context menu's "Subscribe to this pack" opened the manager with. */
function linkedUrl(): string {
  const match = /^#subscribe=(.+)$/.exec(location.hash);
  if (!match) return '';
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return '';
  }
}

/**
 * Asks the reader for an origin's permission. It must be the click's first
 * asynchronous step: browsers grant optional permissions only while handling
 * the reader's gesture (https://developer.chrome.com/docs/extensions/reference/api/permissions#method-request).
 */
function askOrigin(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(url)] });
}

const when = (ms: number) => new Date(ms).toLocaleString();

export function Subscriptions({ generation }: { generation: number }) {
  const [url, setUrl] = useState(linkedUrl);
  const [notice, setNotice] = useState<string | null>(null);
  const [subs, setSubs] = useState<SubscriptionView[] | null>(null);
  const [results, setResults] = useState<string[]>([]);
  /** How many results were shown: tests wait for the next one (the same words may repeat). */
  const [reported, setReported] = useState(0);

  const refresh = () =>
    void send('subscriptionsList', {}).then(setSubs, (e: unknown) => setNotice(errorText(e)));
  useEffect(refresh, [generation]);
  const importing = useImportSession((verdict) => {
    if (verdict.kind === 'done') setUrl('');
    refresh();
  });
  const { status } = importing;
  useEffect(() => {
    const stop = new AbortController();
    watchSignals((changed) => {
      if (changed.has('subscriptions')) refresh();
    }, stop.signal);
    return () => stop.abort();
  }, []);

  const onSubscribe = (event: Event) => {
    event.preventDefault();
    const address = url.trim();
    setResults([]);
    setNotice(null);
    permitSubscribe(address, askOrigin).then(
      (refused) => {
        if (refused) setNotice(refused);
        else void importing.begin(address, (onProgress) => startSubscribe(address, onProgress));
      },
      (e: unknown) => setNotice(errorText(e)),
    );
  };

  const titleOf = (id: string) => {
    const sub = subs?.find((s) => s.id === id);
    return sub?.title || sub?.origin || sub?.url || id;
  };
  const show = (lines: string[]) => {
    setResults(lines);
    setReported((n) => n + 1);
  };
  const report = (summaries: CheckSummary[]) =>
    show(summaries.map((s) => summaryText(s, titleOf(s.id))));
  const act = (work: Promise<unknown>) =>
    work.then(
      () => refresh(),
      (e: unknown) => setNotice(errorText(e)),
    );

  const busy = status.kind === 'working' || status.kind === 'preview';
  return (
    <section class="panel" aria-labelledby="subscriptions-title" data-testid="subscriptions">
      <h2 id="subscriptions-title">{t('subscriptionsTitle')}</h2>
      <p class="hint">{t('subscriptionsIntro')}</p>
      <form class="row" onSubmit={onSubscribe}>
        <label>
          {t('subscribeUrlLabel')}{' '}
          <input
            type="url"
            data-testid="subscribe-url"
            value={url}
            size={50}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" data-testid="subscribe" disabled={busy}>
          {t('subscribe')}
        </button>
        {(subs?.length ?? 0) > 1 && (
          <button
            type="button"
            data-testid="subscriptions-update-all"
            onClick={() => void act(send('subscriptionUpdate', {}).then(report))}
          >
            {t('subUpdateAll')}
          </button>
        )}
      </form>
      {notice && (
        <p role="alert" class="error" data-testid="subscribe-notice">
          {notice}
        </p>
      )}
      <CurrentImport importing={importing} />
      {results.length > 0 && (
        <ul role="status" data-testid="subscription-results" data-reported={reported}>
          {results.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {subs && subs.length === 0 && <p class="hint">{t('subscriptionsNone')}</p>}
      <ul class="subscriptions">
        {subs?.map((sub) => (
          <SubscriptionItem
            key={sub.id}
            sub={sub}
            onUpdate={() => void act(send('subscriptionUpdate', { id: sub.id }).then(report))}
            onAllow={(origin) =>
              // In the click, as for subscribing; then the check runs again.
              void browser.permissions
                .request({ origins: [originPattern(origin)] })
                .then((granted) =>
                  granted
                    ? act(send('subscriptionUpdate', { id: sub.id }).then(report))
                    : setNotice(t('subscribePermissionDenied', origin)),
                )
            }
            onPause={(paused) => void act(send('subscriptionPause', { id: sub.id, paused }))}
            onRemove={(keep) =>
              void act(
                send('subscriptionRemove', { id: sub.id, keep }).then(({ kept, removed }) =>
                  show([t('subUnsubscribed', kept, removed)]),
                ),
              )
            }
            onHeld={(apply) =>
              void act(send('subscriptionHeld', { id: sub.id, apply }).then((s) => report([s])))
            }
          />
        ))}
      </ul>
    </section>
  );
}

function summaryText(s: CheckSummary, title: string): string {
  switch (s.kind) {
    case 'applied': {
      const line = t('subResultApplied', title, s.added, s.updated, s.removed);
      const kept = s.keptAsOwn.length ? ` ${t('subResultKeptAsOwn', s.keptAsOwn.join(', '))}` : '';
      const conflicts = s.conflicts ? ` ${t('subConflicts', s.conflicts)}` : '';
      return line + kept + conflicts;
    }
    case 'notModified':
      return t('subResultNotModified', title);
    case 'held':
      return t('subResultHeld', title, s.removed, s.total);
    case 'failed':
      return t('subResultFailed', title, subscriptionErrorText(s.error));
    case 'offline':
      return t('subResultOffline', title);
    case 'gone':
      return '';
  }
}

function SubscriptionItem({
  sub,
  onUpdate,
  onAllow,
  onPause,
  onRemove,
  onHeld,
}: {
  sub: SubscriptionView;
  onUpdate: () => void;
  onAllow: (origin: string) => void;
  onPause: (paused: boolean) => void;
  onRemove: (keep: boolean) => void;
  onHeld: (apply: boolean) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [showConflicts, setShowConflicts] = useState(false);
  const error = sub.lastError?.error;
  const blockedOrigin =
    error?.code === 'redirect' || error?.code === 'permission' ? error.origin : null;
  return (
    <li class="subscription" data-testid="subscription" data-url={sub.url}>
      <p>
        <strong>{sub.title || sub.origin}</strong>{' '}
        <span class="hint" data-testid="sub-url">
          {sub.url}
        </span>
      </p>
      <p class="hint" data-testid="sub-state">
        {[
          t('subNotes', sub.entityCount),
          sub.lastSuccess ? t('subUpdated', when(sub.lastSuccess)) : t('subNeverUpdated'),
          sub.lastCheck ? t('subChecked', when(sub.lastCheck)) : '',
          sub.paused ? t('subPaused') : t('subNext', when(sub.nextCheck)),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {error && (
        <p class="error" data-testid="sub-error">
          {t('subLastError', subscriptionErrorText(error))}{' '}
          {blockedOrigin && (
            <button type="button" data-testid="sub-allow" onClick={() => onAllow(blockedOrigin)}>
              {t('subAllow', blockedOrigin)}
            </button>
          )}
        </p>
      )}
      {sub.leftOut && (
        <p class="hint" data-testid="sub-left-out">
          {t('subLeftOut', sub.leftOut.count, sub.leftOut.first)}
        </p>
      )}
      {sub.held && (
        <div role="alert" class="held" data-testid="sub-held">
          <p>{t('subHeld', sub.held.removed, sub.held.total)}</p>
          <button type="button" data-testid="sub-held-apply" onClick={() => onHeld(true)}>
            {t('subHeldApply')}
          </button>{' '}
          <button type="button" data-testid="sub-held-keep" onClick={() => onHeld(false)}>
            {t('subHeldKeep')}
          </button>
        </div>
      )}
      {sub.conflicts > 0 && (
        <div data-testid="sub-conflicts">
          <p>{t('subConflicts', sub.conflicts)}</p>
          {showConflicts ? (
            <Conflicts id={sub.id} />
          ) : (
            <button
              type="button"
              data-testid="sub-conflicts-show"
              onClick={() => setShowConflicts(true)}
            >
              {t('subConflictsShow')}
            </button>
          )}
        </div>
      )}
      <details>
        <summary>{t('subDetails')}</summary>
        {sub.description && <p class="note-text">{sub.description}</p>}
        {sub.license && <p>{t('previewFeedLicense', sub.license)}</p>}
        {sub.revision && <p>{t('subRevision', sub.revision)}</p>}
        {sub.homepage && (
          <p>
            <a href={sub.homepage} target="_blank" rel="noopener noreferrer">
              {sub.homepage}
            </a>
          </p>
        )}
        {sub.bodySha256 && <p data-testid="sub-sha">{t('subSha', sub.bodySha256)}</p>}
      </details>
      <div class="row">
        <button type="button" data-testid="sub-update" onClick={onUpdate}>
          {t('subUpdateNow')}
        </button>
        <button type="button" data-testid="sub-pause" onClick={() => onPause(!sub.paused)}>
          {t(sub.paused ? 'subResume' : 'subPause')}
        </button>
        {confirming ? (
          <>
            <button type="button" data-testid="sub-remove-keep" onClick={() => onRemove(true)}>
              {t('subUnsubKeep')}
            </button>
            <button type="button" data-testid="sub-remove-delete" onClick={() => onRemove(false)}>
              {t('subUnsubRemove')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('subUnsubCancel')}
            </button>
          </>
        ) : (
          <button type="button" data-testid="sub-remove" onClick={() => setConfirming(true)}>
            {t('subUnsubscribe')}
          </button>
        )}
      </div>
    </li>
  );
}

/** A subscription's conflicts: the reader's version beside the pack's, settled one by one. */
function Conflicts({ id }: { id: string }) {
  const [list, setList] = useState<SubscriptionConflict[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    void send('subscriptionConflicts', { id }).then(setList, (e: unknown) =>
      setError(errorText(e)),
    );
  useEffect(load, [id]);
  const resolve = (packId: string, take: 'mine' | 'theirs') =>
    void send('subscriptionResolve', { id, packId, take }).then(load, (e: unknown) =>
      setError(errorText(e)),
    );
  return (
    <ul class="conflicts">
      {error && <li class="error">{error}</li>}
      {list?.map((c) => (
        <li key={c.packId} class="conflict" data-pack-id={c.packId}>
          <p class="hint">
            {t(
              'subConflictFields',
              c.fields.map((f) => t(`fieldName_${f}` as MessageKey)).join(', '),
            )}
          </p>
          <div class="versions">
            <div>
              <div class="hint">{t('conflictMine')}</div>
              <Version {...c.mine} label={`${t('conflictMine')}: ${c.mine.name}`} />
            </div>
            <div>
              <div class="hint">{t('conflictTheirs')}</div>
              <Version {...c.theirs} label={`${t('conflictTheirs')}: ${c.theirs.name}`} />
            </div>
          </div>
          <button
            type="button"
            data-testid="sub-resolve-mine"
            onClick={() => resolve(c.packId, 'mine')}
          >
            {t('subResolveMine')}
          </button>{' '}
          <button
            type="button"
            data-testid="sub-resolve-theirs"
            onClick={() => resolve(c.packId, 'theirs')}
          >
            {t('subResolveTheirs')}
          </button>
        </li>
      ))}
    </ul>
  );
}
