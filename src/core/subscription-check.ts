/**
 * Whether a subscription's new copy may be applied at all: the checks on
 * the whole answer, before any note is merged (core/subscription-merge.ts).
 * A subscribed pack needs a stable, unique id per entity (the merge finds
 * each note's earlier version by it); a pack that names its own SHA-256 must
 * match it; a copy older than the one held is a stale mirror. Entries that
 * are invalid on their own are left out, and their notes kept as they were.
 */
import { describeIssue, type Pack, type PackParseResult } from './pack';
import type { Subscription, SubscriptionError } from './subscription';

/** Entries of a copy left out for being invalid. */
export interface LeftOut {
  count: number;
  /** The first problem, worded. */
  first: string;
  /**
   * The ids they carry: their notes stay as they are, not removed. Absent
   * (unknown): no note is removed by this update.
   */
  ids?: readonly string[];
}

export type CheckedUpdate =
  { ok: true; pack: Pack; leftOut?: LeftOut } | { ok: false; error: SubscriptionError };

const fail = (error: SubscriptionError): CheckedUpdate => ({ ok: false, error });

/**
 * Checks a parsed copy. `entitiesSha256` is the SHA-256 of its entities as
 * the pack's `sha256` covers them (null when not computed: a pack that
 * names one then fails); `held` is the subscription as stored.
 */
export function checkUpdate(
  parsed: PackParseResult,
  entitiesSha256: string | null,
  held?: Pick<Subscription, 'updated'>,
): CheckedUpdate {
  let pack: Pack;
  let leftOut: LeftOut | undefined;
  /** An id the parser found repeated (and refused the repeat). */
  let repeated: string | undefined;
  if (parsed.ok) pack = parsed.pack;
  else {
    const [first] = parsed.issues;
    const worded = first ? describeIssue(first) : 'no entries';
    // The file itself is not a pack (the fetcher words most of these before parsing).
    if (!parsed.header) return fail({ code: 'notPack', detail: worded });
    const count = new Set(parsed.issues.map((i) => i.entry)).size;
    if (!parsed.valid.length) return fail({ code: 'invalid', count, first: worded });
    repeated = parsed.issues.find((i) => i.code === 'duplicateId')?.params[1];
    pack = { ...parsed.header, entities: parsed.valid };
    leftOut = { count, first: worded, ids: parsed.invalidIds ?? [] };
  }

  const noIds = pack.entities.filter((e) => e.id === undefined).length;
  if (noIds) return fail({ code: 'noIds', count: noIds });
  if (repeated !== undefined) return fail({ code: 'duplicateId', id: repeated });
  const ids = new Set<string>();
  for (const { id } of pack.entities) {
    // The parser refuses a repeated id already; a pack made elsewhere is checked all the same.
    if (ids.has(id!)) return fail({ code: 'duplicateId', id: id! });
    ids.add(id!);
  }
  if (pack.sha256 !== undefined && pack.sha256 !== entitiesSha256) return fail({ code: 'sha256' });
  const [updated, before] = [Date.parse(pack.updated ?? ''), Date.parse(held?.updated ?? '')];
  // Times that cannot be read are no reason to refuse: only a copy known to be older is.
  if (updated < before)
    return fail({ code: 'older', updated: pack.updated!, held: held!.updated! });
  return leftOut ? { ok: true, pack, leftOut } : { ok: true, pack };
}
