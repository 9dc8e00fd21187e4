/**
 * One earlier version of a note as the manager lists it. The database keeps
 * them (`src/db/history.ts`) and the protocol carries them (`historyList`),
 * so the type lives here, where both may import it.
 */
import type { Entity } from './entity';

export interface HistoryVersion {
  /** Pass to `historyRestore` to bring this version back. */
  seq: number;
  /** When a save, an import or a change of tags replaced it. */
  replacedAt: number;
  entity: Entity;
}
