/**
 * The background's message handlers: a table from message type to function,
 * over the database. Every change to entities ends with `changed()`, which
 * tells open pages to refresh their marks.
 */
import { toMatchEntry } from '../core/entity';
import { writePack } from '../core/pack';
import { deleteEntity, getEntity, importEntities, listEntities, saveEntity } from '../db/entities';
import type { BackstoryDb } from '../db/schema';
import type { Handlers } from './router';

export interface HandlerDeps {
  db: BackstoryDb;
  /** Called after entities changed; returns the new dictionary version. */
  changed: () => Promise<number>;
  /** The current dictionary version. */
  version: () => Promise<number>;
}

export function createHandlers({ db, changed, version }: HandlerDeps): Handlers {
  return {
    async matchIndexGet() {
      const [entities, v] = await Promise.all([listEntities(db), version()]);
      return { entries: entities.map(toMatchEntry), version: v };
    },
    async entityGet({ id }) {
      return (await getEntity(db, id)) ?? null;
    },
    async entitiesList() {
      return listEntities(db);
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
    async packImport({ entities }) {
      const outcome = await importEntities(db, entities, 'local');
      if (outcome.added.length) await changed();
      return outcome;
    },
    async packExport() {
      const entities = await listEntities(db);
      return { text: writePack('Backstory notes', entities), count: entities.length };
    },
  };
}
