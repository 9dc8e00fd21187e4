/**
 * The toolbar popup: this site on or off, the entities the page mentions
 * (click: scroll to the first mention and open its card), the names it
 * mentions without a note (PageNames.tsx), a quick way to add a note, and
 * the way to the manager. `?view=names` (the keyboard command) puts focus
 * on the first of those names.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { KINDS, type Kind } from '../core/entity';
import { kindColorProperties } from '../core/kind-colors';
import { domainRuleFor, onlyListed, siteAllowed, withSite, type Settings } from '../core/settings';
import { send } from '../messaging/client';
import { failingLong } from '../core/subscription-schedule';
import { t } from '../i18n';
import { readActiveTab, resetPopupPage, showInTab, type ActiveTab } from './active-tab';
import { PageNames } from './PageNames';
import { errorText } from '../ui/error-text';

export function App() {
  const namesView = new URLSearchParams(location.search).get('view') === 'names';
  const [tab, setTab] = useState<ActiveTab | null | undefined>(undefined);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failing, setFailing] = useState(false);

  useEffect(() => {
    // Opened by the names command, which changed the toolbar's popup page for this one
    // opening: put back here too, in case the worker stopped before it could.
    if (namesView) void resetPopupPage();
    void readActiveTab().then(setTab, () => setTab(null));
    void send('settingsGet', {}).then(setSettings);
    // A quiet dot, not an alarm: one failure is ordinary; a week of them needs the reader.
    void send('subscriptionsList', {}).then(
      (subs) => setFailing(failingLong(subs, Date.now())),
      () => undefined,
    );
  }, []);

  const openManager = async () => {
    await browser.runtime.openOptionsPage();
    window.close();
  };

  return (
    // The kinds' colours, as the reader set them: the list's marks use them.
    <main style={settings ? kindColorProperties(settings.kindColors) : undefined}>
      <header>
        <h1>{t('extName')}</h1>
        <button type="button" class="link" onClick={() => void openManager()}>
          {t('popupOpenManager')}
          {failing && (
            <span
              class="dot"
              data-testid="subscription-failing"
              role="img"
              aria-label={t('popupSubscriptionFailing')}
              title={t('popupSubscriptionFailing')}
            />
          )}
        </button>
      </header>
      {tab === undefined ? null : tab === null ? (
        <p class="hint">{t('popupNotHere')}</p>
      ) : (
        <>
          {settings && <SiteSwitch tab={tab} settings={settings} onChange={setSettings} />}
          {settings && siteAllowed(tab.host, settings) && <Mentions tab={tab} />}
          {settings && siteAllowed(tab.host, settings) && tab.enabled && (
            <PageNames tabId={tab.tabId} focus={namesView} />
          )}
        </>
      )}
      <QuickAdd />
    </main>
  );
}

function SiteSwitch({
  tab,
  settings,
  onChange,
}: {
  tab: ActiveTab;
  settings: Settings;
  onChange: (s: Settings) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const domainRule = domainRuleFor(tab.host, settings);
  const on = siteAllowed(tab.host, settings);
  // Off for want of a place on the only-list: switching on adds the host there (see withSite).
  const notListed =
    !on && !domainRule && settings.onlySites.length > 0 && !onlyListed(tab.host, settings);
  const toggle = (next: boolean) => {
    send('settingsSet', withSite(settings, tab.host, next)).then(
      (saved) => {
        onChange(saved);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  return (
    <section class="site">
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          disabled={Boolean(domainRule)}
          onChange={(e) => toggle(e.currentTarget.checked)}
        />
        {t('popupOnThisSite', tab.host)}
      </label>
      {domainRule && <p class="hint">{t('popupDomainRule', domainRule)}</p>}
      {notListed && <p class="hint">{t('popupNotOnOnlyList', tab.host)}</p>}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}

function Mentions({ tab }: { tab: ActiveTab }) {
  // Just switched back on: the page is marking again; the list shows next time.
  if (!tab.enabled) return null;
  if (!tab.mentioned.length) return <p class="hint">{t('popupNothingMentioned')}</p>;
  const show = async (id: string) => {
    await showInTab(tab.tabId, id);
    window.close();
  };
  return (
    <section aria-labelledby="mentioned-title">
      <h2 id="mentioned-title">{t('popupMentioned')}</h2>
      <ul class="mentioned">
        {tab.mentioned.map((e) => (
          <li key={e.id}>
            <button type="button" class={`entity kind-${e.kind}`} onClick={() => void show(e.id)}>
              <span class="name">{e.name}</span>
              <span class="count" aria-label={t('popupMentionCount', e.count)}>
                {e.count}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function QuickAdd() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('person');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  /** The note's id, the same at every try until it is added (db/entities.ts `fresh`). */
  const [freshId, setFreshId] = useState(() => crypto.randomUUID());
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setMessage({ error: true, text: t('nameNeeded') });
      return;
    }
    try {
      const saved = await send('entitySave', {
        id: freshId,
        fresh: true,
        name,
        aliases: [],
        kind,
        note: '',
        tags: [],
      });
      setMessage({ error: false, text: t('popupAdded', saved.name) });
      setName('');
      setFreshId(crypto.randomUUID());
    } catch (e) {
      setMessage({ error: true, text: errorText(e) });
    }
  };
  return (
    <form class="quick-add" aria-label={t('popupQuickAdd')} onSubmit={(e) => void submit(e)}>
      <h2>{t('popupQuickAdd')}</h2>
      <div class="row">
        <input
          aria-label={t('editorName')}
          placeholder={t('popupNamePlaceholder')}
          value={name}
          maxLength={200}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <select
          aria-label={t('editorKind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as Kind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind_${k}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="primary">
          {t('popupAdd')}
        </button>
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'hint'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
