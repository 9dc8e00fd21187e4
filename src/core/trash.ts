/**
 * One delete as the trash lists it. The database builds it (`src/db/bulk.ts`)
 * and the protocol carries it to the manager (`trashList`), so it lives here,
 * where both may import it.
 */
export interface TrashBatch {
  batch: string;
  deletedAt: number;
  count: number;
  /** The first few names, to say what went. */
  names: string[];
}
