/**
 * The background's message handlers: a table from message type to function,
 * over the database. Every change to entities runs through `state.write`,
 * which raises the dictionary version in the same transaction and then
 * tells open pages to mark again.
 */
import { dictionaryStatus } from '../core/dictionary';
import { matchPageText } from '../core/page-match';
import type { Entity } from '../core/entity';
import { deleteEntities, listTrash, restoreBatch, tagEntities } from '../db/bulk';
import { listHistory, restoreVersion } from '../db/history';
import { getEntity, saveEntity, searchByName } from '../db/entities';
import type { BackstoryDb } from '../db/schema';
import {
  listConflicts,
  listSubscriptions,
  resolveConflict,
  setPaused,
  unsubscribe,
} from '../db/subscriptions';
import type { SubscriptionService } from './subscription-service';
import { findPageNames, type NamesDeps } from './names-service';
import { ReaderError } from '../core/reader-error';
import { t } from '../i18n';
import type { DictionaryService } from './dictionary-service';
import type { MatchScheduler } from './match-scheduler';
import type { Handlers } from './router';
import type { SearchService } from './search-service';
import type { StateService } from './state-service';
import type { WikiResult } from '../core/wiki-error';
import { wikiErrorText, wikiNoNoteText } from '../messaging/wiki-words';
import { createWikiClient, type WikiClient } from './wiki-client';

const MAX_TAG_FACETS = 300;
/** The notes left out of the dictionary that Health names; it counts the rest. */
const LEFT_OUT_NAMES = 100;

export interface HandlerDeps {
  db: BackstoryDb;
  dictionary: DictionaryService;
  /** Every tab's pageMatch waits its turn and its budget here. */
  matches: Pick<MatchScheduler, 'submit'>;
  search: SearchService;
  /** The settings, the last export and the dictionary version, and every write that changes them. */
  state: Pick<
    StateService,
    | 'settings'
    | 'updateSettings'
    | 'lastExport'
    | 'recordExport'
    | 'write'
    | 'ignoredNames'
    | 'changeIgnored'
    | 'clearIgnored'
  >;
  /** Asks a tab's top frame for its text (the popup's names without a note). */
  askTab?: NamesDeps['askTab'];
  openTab: (url: string) => Promise<void>;
  setBadge: (tabId: number, count: number) => Promise<void>;
  subscriptions?: SubscriptionService;
  /** Tells open managers the subscriptions changed. */
  announceSubscriptions?: () => void;
  /** The look-up's client (tests and e2e builds point it elsewhere); else made at the first look-up. */
  wiki?: () => WikiClient;
}

type Change = { saved?: readonly Entity[]; removed?: readonly string[] };

/** A look-up's value, or its failure in the reader's words (the protocol's error). */
function wikiValue<T>(result: WikiResult<T>): T {
  if (!result.ok) throw new ReaderError(wikiErrorText(result.error));
  return result.value;
}

export function createHandlers({
  db,
  dictionary,
  matches,
  search,
  state,
  openTab,
  setBadge,
  subscriptions,
  announceSubscriptions = () => undefined,
  askTab = () => Promise.reject(new Error('No tabs here.')),
  wiki,
}: HandlerDeps): Handlers {
  // One client for every look-up: it holds the one request in flight and the waits asked for.
  let wikiClient: WikiClient | undefined;
  const lookups = wiki ?? (() => (wikiClient ??= createWikiClient(db)));
  const service = () => {
    if (!subscriptions) throw new Error('Subscriptions are not available here.');
    return subscriptions;
  };
  /**
   * Runs a write with its version bump, and keeps the search index in step
   * with what the write reports.
   */
  const write = async <T>(run: () => Promise<T>, change: (result: T) => Change): Promise<T> => {
    let what: Change = {};
    const { result, before, after } = await state.write(run, (r) => {
      what = change(r);
      return Boolean(what.saved?.length || what.removed?.length);
    });
    // After the commit: the search index catching up must not turn a saved
    // change into a "failed" reply (it rebuilds from the database when behind).
    if (after !== before) {
      try {
        search.advance(before, after, what);
      } catch (error) {
        console.error('Backstory: the search index missed a change', error);
      }
    }
    return result;
  };

  return {
    async dictionaryInfo() {
      return dictionary.info();
    },
    async tabDictionary() {
      return dictionary.getForTab();
    },
    async entityIds({ version, indices }) {
      const { entities, version: current } = await dictionary.get();
      if (current !== version) return null;
      return indices.map((i) => entities.at(i)?.id ?? null);
    },
    async pageMatch({ text }, { tabId }) {
      const { matcher, entities } = await dictionary.get();
      // Frames of one tab share its budget (match-scheduler.ts).
      return matches.submit(tabId, text.length, () => matchPageText(matcher, entities, text));
    },
    async entityGet({ id }) {
      return (await getEntity(db, id)) ?? null;
    },
    async entitiesQuery({ query, offset, limit }) {
      const ids = await search.ids(query);
      const page = await db.entities.bulkGet(ids.slice(offset, offset + limit));
      return { total: ids.length, entities: page.filter((e) => e !== undefined) };
    },
    async entitiesQueryIds({ query }) {
      return search.ids(query);
    },
    async entitiesFacets() {
      const index = await search.get();
      const { tags, origins } = index.facets();
      // The most used tags: a select of thousands of options helps no one.
      return { total: index.size, tags: tags.slice(0, MAX_TAG_FACETS), origins };
    },
    async entitySave(draft) {
      return write(
        () => saveEntity(db, draft),
        (entity) => ({ saved: [entity] }),
      );
    },
    async entitiesDelete({ ids }) {
      const { batch, entities } = await write(
        () => deleteEntities(db, ids),
        (deleted) => ({ removed: deleted.entities.map((e) => e.id) }),
      );
      return { batch, deleted: entities.length, names: entities.slice(0, 3).map((e) => e.name) };
    },
    async entitiesRestore({ batch }) {
      const { restored, blocked } = await write(
        () => restoreBatch(db, batch),
        (back) => ({ saved: back.restored }),
      );
      return { restored: restored.length, blocked };
    },
    async trashList() {
      return listTrash(db);
    },
    async historyList({ id }) {
      return listHistory(db, id);
    },
    async historyRestore({ seq, baseUpdatedAt }) {
      return write(
        () => restoreVersion(db, seq, baseUpdatedAt),
        (entity) => ({ saved: [entity] }),
      );
    },
    async entitiesTag({ ids, add, remove }) {
      const tagged = await write(
        () => tagEntities(db, ids, add, remove),
        (changedEntities) => ({ saved: changedEntities }),
      );
      return { changed: tagged.length };
    },
    async openManager({ id }) {
      await openTab(`/options.html#entity=${encodeURIComponent(id)}`);
      return null;
    },
    async badgeSet({ count }, { tabId, frameId }) {
      // Frames inside the page keep their own counts; the top frame speaks for the tab.
      if (tabId !== undefined && frameId === 0) await setBadge(tabId, count);
      return null;
    },
    async entitiesSearch({ query, limit }) {
      return searchByName(db, query, limit);
    },
    async entitiesNamed({ ids }) {
      const found = await db.entities.bulkGet(ids);
      return found.flatMap((e) => (e ? [{ id: e.id, name: e.name, kind: e.kind }] : []));
    },
    namesFind: ({ tabId }) => findPageNames(tabId, { dictionary, state, askTab }),
    async namesIgnore({ names, ignored }) {
      const { count, full } = await state.changeIgnored(names, ignored);
      if (full) throw new ReaderError(t('namesIgnoredFull', count));
      return { ignored: count };
    },
    async namesIgnoredClear() {
      await state.clearIgnored();
      return null;
    },
    wikiSearch: async ({ query, languages }) => wikiValue(await lookups().search(query, languages)),
    wikiFill: async ({ candidate, languages }) =>
      wikiValue(await lookups().fill(candidate, languages)),
    wikiRefresh: async ({ article, item, languages }) => {
      const refreshed = wikiValue(await lookups().refresh(article, languages, item));
      // Without its note a refresh changes nothing: say why, as a failure.
      if ('noNote' in refreshed) throw new ReaderError(wikiNoNoteText(refreshed.noNote));
      return refreshed;
    },
    settingsGet: () => state.settings(),
    settingsSet: (patch) => state.updateSettings(patch),
    lastExportGet: () => state.lastExport(),
    async dictionaryStatus() {
      const compiled = await dictionary.get();
      const first = await db.entities.bulkGet(compiled.leftOut.slice(0, LEFT_OUT_NAMES));
      return {
        ...dictionaryStatus(compiled, dictionary.limits),
        leftOutNames: first.flatMap((e) => (e ? [{ id: e.id, name: e.name }] : [])),
      };
    },
    subscriptionsList: () => listSubscriptions(db),
    subscriptionUpdate: async ({ id }) =>
      id === undefined ? service().checkAll() : [await service().check(id)],
    async subscriptionPause({ id, paused }) {
      await setPaused(db, id, paused);
      announceSubscriptions();
      return null;
    },
    async subscriptionRemove({ id, keep }) {
      const done = await write(
        () => unsubscribe(db, id, keep, Date.now()),
        (r) => ({ saved: r.saved, removed: r.deletedIds }),
      );
      announceSubscriptions();
      return {
        kept: done.kept,
        removed: done.removed,
        ...(done.batch ? { batch: done.batch } : {}),
      };
    },
    subscriptionHeld: ({ id, apply }) =>
      apply ? service().check(id, true) : service().keepHeld(id),
    subscriptionConflicts: ({ id }) => listConflicts(db, id),
    async subscriptionResolve({ id, packId, take }) {
      await write(
        () => resolveConflict(db, id, packId, take, Date.now()),
        (entity) => ({ saved: entity ? [entity] : [] }),
      );
      announceSubscriptions();
      return null;
    },
  };
}
