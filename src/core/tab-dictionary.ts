/**
 * What a tab is given to match its own page (issue 14; ARCHITECTURE.md,
 * "Where matching runs"): the current dictionary's form table
 * (form-table.ts) as its one buffer, built by the worker once per version, and
 * the entities' ids when they are few. The table holds hashes and kinds,
 * no names, so a tab can draw every mark with its colour in the task that
 * reads the text. With many entities (their ids would cost the tab more
 * heap than the table) a mark's entity is known by its index until the tab
 * asks the worker for the ids its marks need (`entityIds`).
 *
 * The reply is checked where it arrives (`readTabDictionary`): a table that
 * is not sound, or ids that do not fit it, leave the tab asking the worker
 * to match, as it does without a table.
 */
import * as v from 'valibot';
import { readFormTable } from './form-table-codec';
import type { FormTable } from './form-table';

export interface TabDictionary {
  version: number;
  /** The form table's buffer (form-table.ts). */
  table: ArrayBuffer;
  /** Every entity's id, by index, when there are at most TAB_IDS_MAX; else null. */
  ids: string[] | null;
}

/** Up to this many entities, their ids come with the table (2,000 UUIDs: about 80 KB). */
export const TAB_IDS_MAX = 2_000;
/** And up to this many characters of ids in all (an imported pack may bring long ids). */
export const TAB_IDS_MAX_CHARS = 120_000;
/**
 * A larger table stays in the worker, which then matches every page. The
 * bench's 100,000 entities take 0.81 MB (10.1 bytes a form), so this is
 * about 400,000 forms of such names; the tab's heap holds the table.
 */
export const TAB_TABLE_MAX_BYTES = 4 * 1024 * 1024;

/** The most entities one `entityIds` asks for: a tab with more marks' entities asks in parts. */
export const ENTITY_IDS_MAX = 10_000;

export interface TabTable {
  version: number;
  table: FormTable;
  ids: string[] | null;
}

const Shape = v.object({
  version: v.pipe(v.number(), v.safeInteger()),
  table: v.unknown(),
  ids: v.nullable(v.array(v.string())),
});

/** The tab's side of a reply: the decoded, checked table, or null when it is not sound. */
export function readTabDictionary(reply: unknown): TabTable | null {
  if (!v.is(Shape, reply)) return null;
  const table = readFormTable(reply.table);
  if (!table) return null;
  const { ids } = reply;
  if (ids && (ids.length !== table.entities || ids.some((id) => !id))) return null;
  return { version: reply.version, table, ids };
}
