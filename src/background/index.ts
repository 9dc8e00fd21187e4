/**
 * Wires the background: database, compiled dictionary, message router,
 * settings, first run. Listeners are registered synchronously so a service
 * worker woken by a message or an install event finds them.
 */
import { browser } from 'wxt/browser';
import { purgeTrash } from '../db/bulk';
import { purgeHistory } from '../db/history';
import { purgeWikiCache } from '../db/wiki-cache';
import { openDb } from '../db/schema';
import { DictionaryService } from './dictionary-service';
import { EntitySnapshot } from './entity-snapshot';
import { EXPORT_PORT } from '../messaging/export-channel';
import { IMPORT_PORT } from '../messaging/import-channel';
import { installBenchHooks } from './bench-hooks';
import { e2eWikiClient } from './wiki-e2e';
import { listenForCommands } from './commands';
import { installContextMenu } from './context-menu';
import { createHandlers } from './handlers';
import { serveExport } from './export-port';
import { serveImport } from './import-port';
import { MatchScheduler } from './match-scheduler';
import { SearchService } from './search-service';
import { SCHEDULE_ALARM, ALARM_PERIOD_MINUTES } from '../core/subscription-schedule';
import { fetchPack } from './pack-fetch';
import { originPattern } from '../core/origin-pattern';
import { SubscriptionService } from './subscription-service';
import { StateService } from './state-service';
import { createCardRelay, isCardPort } from './card-relay';
import { classifySender, route } from './router';
import { installStarterPack, openWelcome } from './starter';

export function startBackground(): void {
  const db = openDb();
  // The settings, the last export and the dictionary version: true in the
  // database, signalled to pages through storage.local. After a change the
  // dictionary is compiled, and the tabs' table built, at once, so the
  // pages' requests find both ready.
  const state = new StateService(db, browser.storage.local, () => dictionary.warm());
  const version = () => state.version();
  const snapshot = new EntitySnapshot(db);
  const search = new SearchService(db, version, snapshot);
  const dictionary = new DictionaryService(db, version, snapshot, (v) => search.nameablesAt(v));
  const openTab = async (path: string) => {
    await browser.tabs.create({ url: browser.runtime.getURL(path as '/options.html') });
  };
  // Chrome's MV3 `action` is Firefox MV2's `browserAction`.
  const action = browser.action ?? browser.browserAction;
  const setBadge = async (tabId: number, count: number) => {
    await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    await action.setBadgeBackgroundColor({ tabId, color: '#8a5a00' });
  };
  // Test builds count each tab's requests, for the e2e test and the bench.
  const matches = new MatchScheduler({ keepStats: __BACKSTORY_E2E__ });
  // A tab closed or moved to another page: what its documents left waiting is of no use.
  browser.tabs.onRemoved.addListener((tabId) => matches.drop(tabId));
  browser.tabs.onUpdated.addListener((tabId, { status }) => {
    if (status === 'loading') matches.drop(tabId);
  });
  // Subscriptions: only the origins the reader allowed are read (optional host permissions).
  const allowed = (origin: string) =>
    browser.permissions.contains({ origins: [originPattern(origin)] });
  const online = () => navigator.onLine;
  const subscriptions = new SubscriptionService({
    db,
    write: state.write,
    search,
    allowed,
    online,
    announce: state.announceSubscriptions,
  });
  installSchedule(subscriptions);
  const handlers = createHandlers({
    db,
    dictionary,
    matches,
    search,
    state,
    openTab,
    setBadge,
    subscriptions,
    announceSubscriptions: state.announceSubscriptions,
    // The popup's names without a note: only the top frame's text is read.
    askTab: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
    // Test builds look up in the test's stand-ins, once it names them.
    ...(__BACKSTORY_E2E__ ? { wiki: e2eWikiClient(db) } : {}),
  });
  const extensionOrigin = browser.runtime.getURL('/');

  // webextension-polyfill sends the promise's value as the reply.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender) =>
    route(handlers, message, classifySender(sender, browser.runtime.id, extensionOrigin), {
      tabId: sender.tab?.id,
      frameId: sender.frameId,
    }),
  );

  const relayCard = createCardRelay();
  browser.runtime.onConnect.addListener((port) => {
    const sender = port.sender
      ? classifySender(port.sender, browser.runtime.id, extensionOrigin)
      : null;
    if (isCardPort(port.name)) return relayCard(port, sender);
    // Imports and exports carry every note: Backstory's own pages only.
    if (port.name === IMPORT_PORT && sender === 'extension') {
      serveImport(port, {
        db,
        write: state.write,
        search,
        fetchFeed: (url) => fetchPack(url, { allowed, online }),
      });
    } else if (port.name === EXPORT_PORT && sender === 'extension') {
      serveExport(port, {
        db,
        ids: (query) => search.ids(query),
        recordExport: (count) => state.recordExport(count),
      });
    } else {
      port.disconnect();
    }
  });

  listenForCommands();
  installContextMenu();
  // The benchmark times the dictionary's reload here; user builds leave it out.
  if (__BACKSTORY_E2E__) installBenchHooks(db, matches, dictionary);
  // Read (and, the first time, moved over from storage.local) before the first page asks.
  void state.version().catch(() => undefined);
  // Deletes and replaced versions older than the 30 days they are kept, and look-up
  // answers past their day or week, go when the worker starts; failing costs
  // nothing (they go next time).
  void purgeTrash(db).catch(() => undefined);
  void purgeHistory(db).catch(() => undefined);
  void purgeWikiCache(db, Date.now()).catch(() => undefined);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    // The welcome opens whatever becomes of the starter notes: a reader
    // who never sees it has no way in. A failure is logged, not hidden.
    void installStarterPack(db, state.write)
      .catch((error: unknown) =>
        console.error('Backstory: the starter notes were not installed', error),
      )
      .finally(() => void openWelcome());
  });
}

/**
 * One hourly alarm checks which subscriptions are due. Chrome may lose
 * alarms when the browser restarts (https://developer.chrome.com/docs/extensions/reference/api/alarms),
 * so it is made at every start of the worker, but only when missing:
 * making it again would restart its hour at every wake, and a worker woken
 * every few minutes would never reach it.
 */
function installSchedule(subscriptions: SubscriptionService): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SCHEDULE_ALARM) void subscriptions.runDue().catch(() => undefined);
  });
  void browser.alarms.get(SCHEDULE_ALARM).then((existing) => {
    if (!existing)
      void browser.alarms.create(SCHEDULE_ALARM, {
        delayInMinutes: 1,
        periodInMinutes: ALARM_PERIOD_MINUTES,
      });
  });
}
