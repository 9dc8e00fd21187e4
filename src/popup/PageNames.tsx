/**
 * The popup's "names on this page without a note": found in the background
 * from the page's text when the popup opens (`namesFind`: nothing is read
 * before, nothing is sent anywhere), the most mentioned first, each with
 * the kind guessed, its count and the first sentence it is in. A click
 * opens the new-note card on the page, prefilled; Ignore leaves the name
 * out on every page until the reader lets it back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { NAMES_LIMITS } from '../core/limits';
import type { NameCandidate, PageNames as Answer } from '../core/page-names';
import { t } from '../i18n';
import { send } from '../messaging/client';
import { errorText } from '../ui/error-text';
import { composeInTab } from './active-tab';

/** Shown before "Show all": the popup is small, and the first ones are the most mentioned. */
const FIRST = 20;

type Found = Extract<Answer, { status: 'names' }>;

export function PageNames({ tabId, focus }: { tabId: number; focus: boolean }) {
  const [found, setFound] = useState<Found | 'off' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  /** The last name ignored, and where it stood, for Undo. */
  const [undo, setUndo] = useState<{ name: NameCandidate; at: number } | null>(null);
  const list = useRef<HTMLUListElement>(null);

  const load = () => {
    setError(null);
    send('namesFind', { tabId }).then(
      (answer) => setFound(answer.status === 'off' ? 'off' : answer),
      (e: unknown) => setError(errorText(e)),
    );
  };
  useEffect(load, [tabId]);
  // Opened by the keyboard command: straight to the first name.
  useEffect(() => {
    if (!focus || !found || found === 'off') return;
    const first = list.current?.querySelector('button');
    first?.scrollIntoView({ block: 'nearest' });
    first?.focus();
  }, [focus, found]);

  if (found === 'off') return null;
  const compose = async (name: NameCandidate) => {
    if (!found) return;
    try {
      await composeInTab(tabId, name, found.page);
      window.close();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const ignore = async (name: NameCandidate, ignored: boolean) => {
    if (!found) return;
    try {
      const { ignored: count } = await send('namesIgnore', { names: [name.name], ignored });
      const names = found.names.filter((n) => n !== name);
      if (ignored) setUndo({ name, at: found.names.indexOf(name) });
      else {
        names.splice(undo?.at ?? 0, 0, name);
        setUndo(null);
      }
      setFound({ ...found, names, total: found.total + (ignored ? -1 : 1), ignored: count });
    } catch (e) {
      setError(errorText(e));
    }
  };
  const letAllBack = async () => {
    try {
      await send('namesIgnoredClear', {});
      setUndo(null);
      load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const names = found?.names ?? [];
  const shown = all ? names : names.slice(0, FIRST);
  return (
    <section class="names" aria-labelledby="names-title" aria-busy={!found && !error}>
      <h2 id="names-title">{t('popupNamesTitle')}</h2>
      <p class="hint">{t('popupNamesHint')}</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {!found && !error && <p class="hint">{t('popupNamesLoading')}</p>}
      {found?.unsupported === 'noCapitals' && (
        <p class="hint" data-testid="names-unsupported">
          {t('popupNamesNoCapitals')}
        </p>
      )}
      {found && !found.unsupported && names.length === 0 && (
        <p class="hint">{t('popupNamesNone')}</p>
      )}
      {shown.length > 0 && (
        <ul class="names-list" ref={list}>
          {shown.map((n, i) => (
            <li key={n.name}>
              <button
                type="button"
                class={`entity kind-${n.kind}`}
                title={t('popupNamesAdd', n.name)}
                aria-describedby={`name-sentence-${i}`}
                onClick={() => void compose(n)}
              >
                <span class="name">{n.name}</span>
                <span class="kind-word">{t(`kind_${n.kind}`)}</span>
                <span class="count" aria-label={t('popupMentionCount', n.count)}>
                  {n.count}
                </span>
              </button>
              <button
                type="button"
                class="link ignore"
                aria-label={t('popupNamesIgnoreLabel', n.name)}
                onClick={() => void ignore(n, true)}
              >
                {t('popupNamesIgnore')}
              </button>
              <p class="sentence" id={`name-sentence-${i}`}>
                {n.sentence}
              </p>
            </li>
          ))}
        </ul>
      )}
      {!all && names.length > FIRST && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {t('popupNamesMore', names.length)}
        </button>
      )}
      {found && found.total > names.length && (
        <p class="hint">{t('popupNamesShownOf', names.length, found.total)}</p>
      )}
      {found?.truncated && <p class="hint">{t('popupNamesTruncated', NAMES_LIMITS.text)}</p>}
      {undo && (
        <p class="hint" role="status">
          {t('popupNamesIgnoredOne', undo.name.name)}{' '}
          <button type="button" class="link" onClick={() => void ignore(undo.name, false)}>
            {t('popupNamesUndo')}
          </button>
        </p>
      )}
      {found && found.ignored > 0 && (
        <p class="hint">
          {t('popupNamesIgnoredCount', found.ignored)}{' '}
          <button type="button" class="link" onClick={() => void letAllBack()}>
            {t('popupNamesUnignoreAll')}
          </button>
        </p>
      )}
    </section>
  );
}
