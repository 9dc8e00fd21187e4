/**
 * The background's message handlers: a table from message type to function,
 * over the database. Every change to entities ends with `changed()`, which
 * tells open pages to mark again.
 */
import { matchPageText } from '../core/page-match';
import { writePack } from '../core/pack';
import type { Settings, SettingsPatch } from '../core/settings';
import {
  allEntities,
  deleteEntity,
  getEntity,
  listEntities,
  saveEntity,
  searchByName,
} from '../db/entities';
import type { BackstoryDb } from '../db/schema';
import type { DictionaryService } from './dictionary-service';
import type { Handlers } from './router';

export interface HandlerDeps {
  db: BackstoryDb;
  dictionary: DictionaryService;
  /** Called after entities changed; returns the new dictionary version. */
  changed: () => Promise<number>;
  updateSettings: (patch: SettingsPatch) => Promise<Settings>;
  openTab: (url: string) => Promise<void>;
  setBadge: (tabId: number, count: number) => Promise<void>;
}

export function createHandlers({
  db,
  dictionary,
  changed,
  updateSettings,
  openTab,
  setBadge,
}: HandlerDeps): Handlers {
  return {
    async dictionaryInfo() {
      const { entities, version } = await dictionary.get();
      return { size: entities.length, version };
    },
    async dictionarySource() {
      return dictionary.getSource();
    },
    async pageMatch({ text }) {
      const { matcher, entities } = await dictionary.get();
      return matchPageText(matcher, entities, text);
    },
    async entityGet({ id }) {
      return (await getEntity(db, id)) ?? null;
    },
    async entitiesList({ offset, limit }) {
      return listEntities(db, offset, limit);
    },
    async entitySave(draft) {
      const entity = await saveEntity(db, draft);
      await changed();
      return entity;
    },
    async entityDelete({ id }) {
      const deleted = await deleteEntity(db, id);
      if (deleted) await changed();
      return { deleted };
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
    async packExport() {
      const entities = await allEntities(db);
      return { text: writePack('Backstory notes', entities), count: entities.length };
    },
    settingsSet: updateSettings,
  };
}
