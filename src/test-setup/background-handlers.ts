/**
 * The background's handlers as src/background/index.ts wires them, over one
 * database, for the handler tests: the services built the same way, with
 * what a test replaces (a tab that answers, a look-up client) given in `more`.
 */
import { browser } from 'wxt/browser';
import { DictionaryService } from '../background/dictionary-service';
import { EntitySnapshot } from '../background/entity-snapshot';
import { createHandlers, type HandlerDeps } from '../background/handlers';
import { MatchScheduler } from '../background/match-scheduler';
import { SearchService } from '../background/search-service';
import { StateService } from '../background/state-service';
import type { BackstoryDb } from '../db/schema';

export function wiredHandlers(
  db: BackstoryDb,
  more: Partial<Pick<HandlerDeps, 'askTab' | 'wiki'>> = {},
) {
  const state = new StateService(db, browser.storage.local);
  const version = () => state.version();
  const snapshot = new EntitySnapshot(db);
  const handlers = createHandlers({
    db,
    dictionary: new DictionaryService(db, version, snapshot),
    matches: new MatchScheduler(),
    search: new SearchService(db, version, snapshot),
    state,
    openTab: () => Promise.resolve(),
    setBadge: () => Promise.resolve(),
    ...more,
  });
  return { state, handlers };
}
