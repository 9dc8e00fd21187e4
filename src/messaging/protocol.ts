/**
 * The one message protocol between Backstory's contexts. Every message is
 * listed here with the schema its receiver validates and the type of its
 * reply, and with the least sender class that may send it (the background
 * judges the class from what the browser guarantees, src/background/router.ts):
 * `content`, a content script, gets dictionary data, page matches and the
 * settings only;
 * `card`, the card's frame (an extension page in an iframe), may also read
 * and save the entity it shows, create a note, search names and open the
 * manager; `extension`, the extension's own pages (options, popup, demo),
 * may send everything.
 *
 * Replies travel as `{ ok: true, value } | { ok: false, error }`: thrown
 * errors do not survive structured cloning everywhere.
 */
import * as v from 'valibot';
import {
  CASE_RULES,
  isUnicodeText,
  isWebUrl,
  KINDS,
  type CaseRule,
  type Entity,
  type Kind,
} from '../core/entity';
import type { DictionaryStatus } from '../core/dictionary';
import { ENTITY_IDS_MAX, type TabDictionary } from '../core/tab-dictionary';
import type { PageMatches } from '../core/page-match';
import { SORTS } from '../core/search';
import type { HistoryVersion } from '../core/history';
import type { TrashBatch } from '../core/trash';
import type { LastExport } from '../core/last-export';
import { SettingsPatchSchema, type Settings } from '../core/settings';
import { LIMITS, NAMES_LIMITS } from '../core/limits';
import type { PageNames } from '../core/page-names';
import { MATCH_REQUEST_MAX_CHARS } from '../core/match-pieces';
import type { CheckSummary, SubscriptionConflict, SubscriptionView } from '../core/subscription';
import type { WikiFill, WikiRefreshed } from '../core/wiki-fill';
import type { Candidate } from '../core/wikidata';
import { Id } from './id';

// The pack format's limits (core/pack.ts LIMITS) and its text (isUnicodeText): what imports
// can be saved again, and what is saved can be exported and imported again.
const Text = v.pipe(v.string(), v.check(isUnicodeText));
const upTo = (max: number) => v.pipe(Text, v.maxLength(max));
const WebUrl = v.pipe(upTo(LIMITS.url), v.check(isWebUrl, 'must be an http(s) URL'));
const SourceSchema = v.object({
  url: WebUrl,
  title: v.optional(upTo(LIMITS.sourceTitle)),
  quote: v.optional(upTo(LIMITS.quote)),
  at: v.optional(upTo(LIMITS.at)),
  /** The licence of text taken from it ("CC BY-SA 4.0" for a Wikipedia summary): kept with the text. */
  license: v.optional(upTo(LIMITS.sourceLicense)),
});

/*
 * Case rules by form, checked in place: valibot's record gives back a copy
 * without keys such as "constructor" or "__proto__" (see core/pack.ts), so a
 * note named "constructor" lost its case rule at every save.
 */
const CaseRules = v.custom<Record<string, CaseRule>>(
  (input) =>
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    Object.entries(input).every(
      ([form, rule]) =>
        form.length <= LIMITS.alias &&
        isUnicodeText(form) &&
        (CASE_RULES as readonly unknown[]).includes(rule),
    ),
  'must give each form "exact" or "any"',
);

const EntityDraftSchema = v.object({
  id: v.optional(Id),
  name: v.pipe(Text, v.trim(), v.minLength(1, 'A name is needed.'), v.maxLength(LIMITS.name)),
  aliases: v.array(upTo(LIMITS.alias)),
  kind: v.picklist(KINDS),
  note: upTo(LIMITS.note),
  tags: v.array(upTo(LIMITS.tag)),
  /** The manager's editor replaces links, sources and case rules; other editors leave them. */
  links: v.optional(v.array(v.object({ title: upTo(LIMITS.linkTitle), url: WebUrl }))),
  sources: v.optional(v.array(SourceSchema)),
  matchCase: v.optional(CaseRules),
  addSource: v.optional(SourceSchema),
  /** The `updatedAt` the editor started from: a note changed since is not overwritten. */
  baseUpdatedAt: v.optional(v.number()),
  /** `id` is the editor's own for a new note, the same at every try (db/entities.ts). */
  fresh: v.optional(v.literal(true)),
});

/** What the manager's list shows: search words, filters and order. */
export const QuerySchema = v.object({
  text: v.pipe(v.string(), v.maxLength(500)),
  kind: v.optional(v.picklist(KINDS)),
  tag: v.optional(v.pipe(v.string(), v.maxLength(60))),
  origin: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.origin))),
  sort: v.optional(v.picklist(SORTS), 'name'),
});

/** Up to every entity there may be (the manager's "select all"). */
const Ids = v.pipe(v.array(Id), v.minLength(1), v.maxLength(1_000_000));
const TagList = v.array(v.pipe(v.string(), v.maxLength(60)));

/** A look-up's languages, as BCP 47 tags (core/wiki-fill.ts): the reader's, and the page's if known. */
const LanguageTag = v.pipe(v.string(), v.maxLength(35));
const LookupLanguagesSchema = v.object({
  reader: LanguageTag,
  page: v.optional(LanguageTag),
});

export const requests = {
  /** How many entities there are; also warms the dictionary up while the page loads. */
  dictionaryInfo: { from: 'content', schema: v.object({}) },
  /**
   * The dictionary as a tab matches it (core/tab-dictionary.ts): its form
   * table, no names; null when the table is too large to hand over.
   */
  tabDictionary: { from: 'content', schema: v.object({}) },
  /**
   * The ids of the entities at these indices of the dictionary of `version`
   * (a tab's marks found with a table that came without ids); null when the
   * dictionary has changed since.
   */
  entityIds: {
    from: 'content',
    schema: v.object({
      version: v.pipe(v.number(), v.safeInteger()),
      indices: v.pipe(
        v.array(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
        v.maxLength(ENTITY_IDS_MAX),
      ),
    }),
  },
  /**
   * The mentions in a page's text (segments joined by NUL), at most
   * 100,000 characters: a larger page sends its text in pieces
   * (core/match-pieces.ts). Each tab's requests share a budget and wait
   * their turn (background/match-scheduler.ts); a tab with too many waiting
   * gets its oldest refused with the code `superseded`, to be sent again.
   */
  pageMatch: {
    from: 'content',
    schema: v.object({ text: v.pipe(v.string(), v.maxLength(MATCH_REQUEST_MAX_CHARS)) }),
  },
  /** One entity with its note, for the card. */
  entityGet: { from: 'card', schema: v.object({ id: Id }) },
  /** One page of the entities matching a query (the manager's list), and how many match. */
  entitiesQuery: {
    from: 'extension',
    schema: v.object({
      query: QuerySchema,
      offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000)), 100),
    }),
  },
  /** The ids of every entity matching a query (selecting all of them). */
  entitiesQueryIds: { from: 'extension', schema: v.object({ query: QuerySchema }) },
  /** Every tag with its count, every origin, and how many entities there are (the filters). */
  entitiesFacets: { from: 'extension', schema: v.object({}) },
  /** Creates an entity, or updates the one with `id`. */
  entitySave: { from: 'card', schema: EntityDraftSchema },
  /** Deletes entities, keeping them in the trash; the reply's batch undoes it. */
  entitiesDelete: { from: 'extension', schema: v.object({ ids: Ids }) },
  /** The deletes still in the trash (kept 30 days), newest first. */
  trashList: { from: 'extension', schema: v.object({}) },
  /** Undoes a delete. */
  entitiesRestore: { from: 'extension', schema: v.object({ batch: Id }) },
  /** A note's earlier versions (every overwrite keeps one for 30 days), newest first. */
  historyList: { from: 'extension', schema: v.object({ id: Id }) },
  /** Puts an earlier version back, unless the note changed since the manager showed it. */
  historyRestore: {
    from: 'extension',
    schema: v.object({
      seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
      baseUpdatedAt: v.number(),
    }),
  },
  /** Adds and removes tags on many entities. */
  entitiesTag: {
    from: 'extension',
    schema: v.object({ ids: Ids, add: TagList, remove: TagList }),
  },
  /** How many entities the sender's page mentions, for the toolbar badge (top frames only). */
  badgeSet: {
    from: 'content',
    schema: v.object({ count: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  },
  /** Names and kinds of some entities (the popup's list of what a page mentions). */
  entitiesNamed: {
    from: 'extension',
    schema: v.object({ ids: v.pipe(v.array(Id), v.maxLength(10_000)) }),
  },
  /** Entities by the start of their name, for the card's alias picker. */
  entitiesSearch: {
    from: 'card',
    schema: v.object({
      query: v.pipe(v.string(), v.maxLength(200)),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 12),
    }),
  },
  /**
   * The names the page in tab `tabId` mentions that the reader has no note
   * for and did not ignore (the popup's list): the background asks the tab's
   * top frame for its text (tab-protocol.ts, at most NAMES_LIMITS.text
   * characters), finds the names itself, and answers here only. Extension
   * pages only: the answer says which names the reader ignored.
   */
  namesFind: {
    from: 'extension',
    schema: v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  },
  /** Leaves names out of that list from now on, on every page (or lets them back). */
  namesIgnore: {
    from: 'extension',
    schema: v.object({
      names: v.pipe(
        v.array(v.pipe(Text, v.minLength(1), v.maxLength(LIMITS.name))),
        v.minLength(1),
        v.maxLength(NAMES_LIMITS.shown),
      ),
      ignored: v.boolean(),
    }),
  },
  /**
   * "Look up": up to 7 Wikidata items for a name (background/wiki-client.ts),
   * searched in the page's language and described in the reader's. Sent only
   * after the reader's click; the card frame's composer may send it too (no
   * content script can). A failure answers in the reader's words.
   */
  wikiSearch: {
    from: 'card',
    schema: v.object({
      query: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(LIMITS.name)),
      languages: LookupLanguagesSchema,
    }),
  },
  /** The fields the reader's pick fills in, with the Wikipedia summary as the note; nothing is saved. */
  wikiFill: {
    from: 'card',
    schema: v.object({
      candidate: v.object({
        id: v.pipe(v.string(), v.regex(/^Q[1-9]\d{0,15}$/)),
        label: upTo(LIMITS.name),
      }),
      languages: LookupLanguagesSchema,
    }),
  },
  /**
   * "Refresh from Wikipedia" in the manager's editor: the summary of the
   * article a note was taken from, as it is now (asked of Wikipedia, not
   * the kept answer), and the prefill of its Wikidata item when the note
   * links one (core/wiki-refresh.ts). Sent only after the reader's click;
   * nothing is saved. An article that gives no note now (gone, a
   * disambiguation page) answers a failure in the reader's words.
   */
  wikiRefresh: {
    from: 'extension',
    schema: v.object({
      article: v.object({
        /** A Wikipedia's host name: en for en.wikipedia.org. */
        language: v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/)),
        title: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(255)),
      }),
      item: v.optional(
        v.object({
          id: v.pipe(v.string(), v.regex(/^Q[1-9]\d{0,11}$/)),
          /** The note's name: names an item that has no label in these languages. */
          label: v.optional(upTo(LIMITS.name)),
        }),
      ),
      languages: LookupLanguagesSchema,
    }),
  },
  /** Lets every ignored name back. */
  namesIgnoredClear: { from: 'extension', schema: v.object({}) },
  /** Opens the manager in a new tab, at this entity (from a card's "Open in manager"). */
  openManager: { from: 'card', schema: v.object({ id: Id }) },
  /**
   * The settings, as the background keeps them (content scripts need the
   * site rules and colours; nothing in them is note text). Pages ask again
   * when the settings signal changes (src/messaging/signals.ts).
   */
  settingsGet: { from: 'content', schema: v.object({}) },
  /** Changes some settings; open pages learn of it by the settings signal. */
  settingsSet: { from: 'extension', schema: SettingsPatchSchema },
  /** When the last full export was made, for the manager's backup reminder; null if never. */
  lastExportGet: { from: 'extension', schema: v.object({}) },
  /** The dictionary's size against its limits, and the notes left out (names: extension only). */
  dictionaryStatus: { from: 'extension', schema: v.object({}) },
  /*
   * Pack subscriptions (core/subscription.ts). Subscribing itself goes
   * through the import channel (its preview, then the reader's accept).
   */
  /** Every subscription with its state, and how many of its notes wait in conflict. */
  subscriptionsList: { from: 'extension', schema: v.object({}) },
  /** Checks one subscription now ("Update now"), or every one that is not paused. */
  subscriptionUpdate: { from: 'extension', schema: v.object({ id: v.optional(Id) }) },
  /** Stops or starts the schedule's checks of one subscription. */
  subscriptionPause: { from: 'extension', schema: v.object({ id: Id, paused: v.boolean() }) },
  /** Ends a subscription, keeping its notes as the reader's own, or deleting them (undoably). */
  subscriptionRemove: { from: 'extension', schema: v.object({ id: Id, keep: v.boolean() }) },
  /** An update held for removing most of the pack: apply exactly that answer, or keep the copy held. */
  subscriptionHeld: { from: 'extension', schema: v.object({ id: Id, apply: v.boolean() }) },
  /** The notes of a subscription that the reader and the pack both changed. */
  subscriptionConflicts: { from: 'extension', schema: v.object({ id: Id }) },
  /** Settles one such conflict. */
  subscriptionResolve: {
    from: 'extension',
    schema: v.object({ id: Id, packId: Id, take: v.picklist(['mine', 'theirs']) }),
  },
} as const;

export type MessageType = keyof typeof requests;

/** Who sends, from least trusted to most: each class may send what the ones before it may. */
export const SENDER_CLASSES = ['content', 'card', 'extension'] as const;
export type SenderClass = (typeof SENDER_CLASSES)[number];

/** Whether a sender of class `sender` may send a message meant for `from` and above. */
export function mayAsk(sender: SenderClass, from: SenderClass): boolean {
  return SENDER_CLASSES.indexOf(sender) >= SENDER_CLASSES.indexOf(from);
}
export type Request<K extends MessageType> = v.InferInput<(typeof requests)[K]['schema']>;
export type ValidRequest<K extends MessageType> = v.InferOutput<(typeof requests)[K]['schema']>;

export interface Replies {
  dictionaryInfo: { size: number; version: number };
  tabDictionary: TabDictionary | null;
  entityIds: (string | null)[] | null;
  pageMatch: PageMatches;
  entityGet: Entity | null;
  entitiesQuery: { total: number; entities: Entity[] };
  entitiesQueryIds: string[];
  entitiesFacets: { total: number; tags: { tag: string; count: number }[]; origins: string[] };
  entitySave: Entity;
  entitiesDelete: { batch: string; deleted: number; names: string[] };
  entitiesRestore: { restored: number; blocked: number };
  trashList: TrashBatch[];
  historyList: HistoryVersion[];
  historyRestore: Entity;
  entitiesTag: { changed: number };
  openManager: null;
  badgeSet: null;
  entitiesSearch: Entity[];
  entitiesNamed: { id: string; name: string; kind: Kind }[];
  namesFind: PageNames;
  /** How many names are ignored now. */
  namesIgnore: { ignored: number };
  namesIgnoredClear: null;
  wikiSearch: Candidate[];
  wikiFill: WikiFill;
  wikiRefresh: WikiRefreshed;
  settingsGet: Settings;
  settingsSet: Settings;
  lastExportGet: LastExport | null;
  dictionaryStatus: DictionaryStatus;
  subscriptionsList: SubscriptionView[];
  subscriptionUpdate: CheckSummary[];
  subscriptionPause: null;
  subscriptionRemove: { kept: number; removed: number; batch?: string };
  subscriptionHeld: CheckSummary;
  subscriptionConflicts: SubscriptionConflict[];
  subscriptionResolve: null;
}

export type Reply<K extends MessageType> = Replies[K];
export type Envelope = { type: MessageType; payload: unknown };
/**
 * Refusals the sender acts on by itself, beside the words for a person:
 * `superseded`, a tab's oldest waiting `pageMatch` pushed out by its newer
 * ones (the content script asks again later).
 */
export type RefusalCode = 'superseded';
export type Result<T> = { ok: true; value: T } | { ok: false; error: string; code?: RefusalCode };

export const EnvelopeSchema = v.object({
  type: v.picklist(Object.keys(requests) as MessageType[]),
  payload: v.unknown(),
});
