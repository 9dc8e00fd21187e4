/**
 * Pack subscriptions: a pack read from a URL the reader chose, kept fresh on
 * a schedule (core/subscription-schedule.ts), fetched only with conditional
 * requests (background/pack-fetch.ts), and merged into the reader's notes
 * field by field against the last copy fetched (core/subscription-merge.ts).
 * The types every part shares live here; ARCHITECTURE.md, "Subscriptions",
 * tells the whole story.
 */
import { CONTENT_FIELDS, type Entity } from './entity';
import type { PackEntity, PackFeed } from './pack';

/** The validators of the copy held, sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/**
 * Why a check changed nothing, as data: the manager words each for the reader
 * (messages.json `subError_<code>`), so the record stays in any language.
 */
export type SubscriptionError =
  /** The server answered with this status (404, 500, a 429 or 503 with its wait). */
  | { code: 'status'; status: number }
  /** The request failed while the browser says it is online (DNS, refused, TLS, CORS). */
  | { code: 'network' }
  /** 200 with no body. */
  | { code: 'empty' }
  /** A web page (an error or login page served with 200), not a pack. */
  | { code: 'html' }
  /** Not JSON, or JSON that is not a Backstory pack (wrong `format`, no `entities`). */
  | { code: 'notPack'; detail: string }
  /** Larger than the cap, counted while it arrived: the rest was never read. */
  | { code: 'tooLarge'; limitMb: number }
  /** The body ended before its Content-Length, or the connection broke during it. */
  | { code: 'truncated' }
  /** The server sent the request on to another origin the reader has not allowed. */
  | { code: 'redirect'; origin: string }
  /** The reader's permission for the pack's origin is gone (removed in the browser). */
  | { code: 'permission'; origin: string }
  /** A subscribed pack needs a stable `id` per entity: this many had none. */
  | { code: 'noIds'; count: number }
  /** Two entities share this id. */
  | { code: 'duplicateId'; id: string }
  /** The pack's `sha256` does not match its entities. */
  | { code: 'sha256' }
  /** The pack's `updated` is older than the copy held: a stale mirror, not applied. */
  | { code: 'older'; updated: string; held: string }
  /** Every entry is invalid (the first problem, worded). */
  | { code: 'invalid'; count: number; first: string }
  /** The write itself failed (quota, a closed database). */
  | { code: 'write'; detail: string };

/** An update held because it would remove most of the pack (the reader applies or keeps). */
export interface HeldUpdate {
  /** SHA-256 of the held body: Apply takes exactly that answer, nothing newer unseen. */
  sha256: string;
  removed: number;
  total: number;
  at: number;
  /** The held answer's validators: "Keep current" records them, so the same answer is not held again. */
  validators?: Validators;
}

/** One subscription, as stored (table `subscriptions`). */
export interface Subscription extends PackFeed {
  id: string;
  /** As the reader gave it; unique. */
  url: string;
  /** The origin its entities carry (a pack title made unique), fixed at subscribing. */
  origin: string;
  title: string;
  description: string;
  /** The pack's `updated` of the copy held. */
  updated?: string;
  entityCount: number;
  validators: Validators;
  /** SHA-256 (hex) of the last body accepted: shown in the details. */
  bodySha256?: string;
  addedAt: number;
  /** Last answer that was good (a pack applied, or 304): the copy is that fresh. */
  lastSuccess?: number;
  /** Last time the notes changed from this pack. */
  lastUpdate?: number;
  lastCheck?: number;
  /** When the schedule checks it next (ms); paused ones are skipped. */
  nextCheck: number;
  lastError?: { error: SubscriptionError; at: number };
  /** Consecutive failures (the back-off doubles with each); 0 after a good answer. */
  failures: number;
  /** The first of the current run of failures: the popup's dot after 7 days. */
  failingSince?: number;
  paused: boolean;
  held?: HeldUpdate;
  /** Entries left out of the copy held for being invalid (kept as they were). */
  leftOut?: { count: number; first: string };
}

/**
 * One entity of a subscribed pack (table `subEntries`): the copy last
 * fetched (the base of the three-way merge), which stored entity it is,
 * and, while the reader and the pack changed the same field, the pack's
 * version waiting for the reader's choice.
 */
export interface SubEntry {
  subscription: string;
  /** The entity's id in the pack. */
  packId: string;
  /** The stored entity it became (the pack's id, or the reader's note it met at subscribing). */
  entityId: string;
  base: PackEntity;
  conflict?: { theirs: PackEntity; fields: MergeField[]; at: number };
}

/**
 * The fields a subscription merges: what a note says, and its unknown
 * fields as one more (a pack may change them too); the id is the pack's,
 * origin and times are the reader's copy's own.
 */
export const MERGE_FIELDS = [...CONTENT_FIELDS, 'extra'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** What one entity's three-way merge gives (core/subscription-merge.ts). */
export interface EntityMerge {
  /** The stored entity after the merge (the reader's own where they changed a field). */
  merged: Entity;
  /** Whether `merged` differs from the stored entity. */
  changed: boolean;
  /** Fields both the reader and the pack changed, differently: the reader's value stays. */
  conflicts: MergeField[];
}

/** A subscription as the manager shows it. */
export type SubscriptionView = Subscription & { conflicts: number };

/** One note the reader and the pack both changed: the reader's version beside the pack's. */
export interface SubscriptionConflict {
  packId: string;
  mine: Entity;
  theirs: PackEntity;
  fields: MergeField[];
}

/** What one check of a subscription did, for the manager to say. */
export type CheckSummary = { id: string } & (
  | {
      kind: 'applied';
      added: number;
      updated: number;
      removed: number;
      /** Removed from the pack after the reader edited them: kept as the reader's own. */
      keptAsOwn: string[];
      conflicts: number;
      unchanged: number;
    }
  | { kind: 'notModified' }
  | { kind: 'held'; removed: number; total: number }
  | { kind: 'failed'; error: SubscriptionError }
  | { kind: 'offline' }
  /** Unsubscribed meanwhile. */
  | { kind: 'gone' }
);
