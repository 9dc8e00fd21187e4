/**
 * Where this page's text is matched. The top frame is handed the
 * dictionary's form table when the content script starts
 * (core/tab-dictionary.ts) and scans its text with it, in the task that
 * reads the text, so the marks are drawn before the page's first paint, at
 * any dictionary size and with nothing to compile. Without a table (too
 * large, not sound, not built yet), and for text whose scan would run past
 * its budget (form-table-scan.ts), the text goes to the background
 * (`pageMatch`), in pieces of one request each (core/match-pieces.ts).
 * Frames other than the top one always ask the background: ad frames
 * should not each hold a copy of the table.
 */
import { foldCodes } from '../core/fold';
import type { FormTable } from '../core/form-table';
import { scanTable } from '../core/form-table-scan';
import { matchInPieces } from '../core/match-pieces';
import { pageMatchesOf, type PageMatches } from '../core/page-match';
import { readTabDictionary } from '../core/tab-dictionary';
import { BackgroundError, send } from '../messaging/client';
import { lookSoon } from './extension-gone';
import { TableEntities } from './table-entities';
import { timed } from './task-timing';

/** The first pause before sending a put-off piece again; doubled each time, up to RETRY_MAX_MS. */
const RETRY_MS = 250;
const RETRY_MAX_MS = 4_000;
const NOTHING: PageMatches = { entities: [], matches: [] };

/**
 * Asks the background to match one piece. A tab with more requests waiting
 * there than it holds gets the oldest refused as `superseded`
 * (background/match-scheduler.ts): that piece is sent again after a pause,
 * quietly, for as long as the scan still `wanted` it; once it is not,
 * nothing is found (the caller drops that answer anyway). Other failures
 * are the caller's.
 */
export async function askBackground(
  piece: string,
  wanted: () => boolean,
  ask: (text: string) => Promise<PageMatches> = (text) => send('pageMatch', { text }),
): Promise<PageMatches> {
  for (let pause = RETRY_MS; ; pause = Math.min(2 * pause, RETRY_MAX_MS)) {
    if (!wanted()) return NOTHING;
    try {
      return await ask(piece);
    } catch (error) {
      if (!(error instanceof BackgroundError && error.code === 'superseded')) {
        // Failed: perhaps because the extension is gone (extension-gone.ts).
        lookSoon();
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

interface InTab {
  table: FormTable;
  entities: TableEntities;
}

export class Matching {
  private local: InTab | null = null;
  private loading: Promise<void>;
  /** Whether `loading` has settled: the table is here, or known not to come. */
  private settled = false;
  /** Bumped by each fetch: an older fetch's reply, crossing a newer one, is dropped. */
  private fetches = 0;

  /**
   * `asked`: the table's answer when the script asked for it as it started
   * (early-asks.ts), at `askedAt`; the first fetch uses it instead of asking.
   */
  constructor(
    private readonly inTopFrame: boolean,
    asked?: Promise<unknown>,
    askedAt = 0,
  ) {
    this.loading = this.fetchLocal(asked, askedAt);
  }

  /** Settles once the table is here, or known not to be used. */
  ready(): Promise<void> {
    return this.loading;
  }

  /** Call when the notes changed: the next match uses the new dictionary. */
  refresh(): void {
    this.local = null;
    this.loading = this.fetchLocal();
  }

  /**
   * How text read while the page loads is matched, once that is known: here
   * (synchronously) with a table, else by the background, while `wanted`;
   * null while a table may still be on its way.
   */
  settledMatcher(
    wanted: () => boolean,
  ): ((text: string) => PageMatches | Promise<PageMatches>) | null {
    const local = this.local;
    if (local) return (text) => this.matchHere(local, text, wanted);
    if (!this.settled) return null;
    return (text) => this.matchThere(text, wanted);
  }

  /**
   * Matches `text`: synchronously when the table is here (the caller can
   * draw the marks in the same task), else through the background, while the
   * caller still `wanted` the answer (a newer scan makes an older one moot).
   */
  match(text: string, wanted: () => boolean = () => true): PageMatches | Promise<PageMatches> {
    const local = this.local;
    if (local) return this.matchHere(local, text, wanted);
    return this.loading.then(() =>
      this.local ? this.matchHere(this.local, text, wanted) : this.matchThere(text, wanted),
    );
  }

  /** Whether `id` is an entity's stand-in until the worker names it (table-entities.ts). */
  isUnnamed(id: string): boolean {
    return this.local?.entities.isUnnamed(id) ?? false;
  }

  /** The real ids of unnamed ones the worker could name. */
  name(ids: readonly string[]): Promise<Map<string, string>> {
    return this.local?.entities.name(ids) ?? Promise.resolve(new Map<string, string>());
  }

  private matchHere(
    local: InTab,
    text: string,
    wanted: () => boolean,
  ): PageMatches | Promise<PageMatches> {
    const found = scanTable(local.table, text, foldCodes(text));
    return found
      ? pageMatchesOf(found, (m) => local.entities.at(m.entity, m.kind))
      : this.matchThere(text, wanted);
  }

  private matchThere(text: string, wanted: () => boolean): Promise<PageMatches> {
    return matchInPieces(text, (piece) => askBackground(piece, wanted));
  }

  private async fetchLocal(early?: Promise<unknown>, earlyAt = 0): Promise<void> {
    const fetch = ++this.fetches;
    this.settled = false;
    try {
      if (!this.inTopFrame) return;
      // The background answers pageMatch too: matching there is the fallback.
      const asked = early ? earlyAt : __BACKSTORY_E2E__ ? performance.now() : 0;
      const reply = await (early ?? send('tabDictionary', {})).catch(() => null);
      // Checked here: a reply that is not a sound table is not used.
      const read = timed(() => readTabDictionary(reply), 'table-read');
      // Test builds time the table's way here and its checks, for the bench.
      if (__BACKSTORY_E2E__)
        performance.measure('backstory-table-read', {
          start: asked,
          detail: read ? read.table.buffer.byteLength : null,
        });
      if (!read || fetch !== this.fetches) return;
      const entities = new TableEntities(read.version, read.ids, (version, indices) =>
        send('entityIds', { version, indices }),
      );
      this.local = { table: read.table, entities };
    } finally {
      if (fetch === this.fetches) this.settled = true;
    }
  }
}
