/**
 * Reads the page's text while the parser is still inserting it, so that at
 * DOMContentLoaded only the tail is left to read and the marks can be drawn
 * in that one short task, before the first frame (issue 14). Reading at
 * DOMContentLoaded in slices let the page's own first style and layout run
 * between them, and the first frame was painted without marks.
 *
 * The parser only adds nodes after the place the walk has reached (and
 * appends to the last text node, which the collector takes up: see
 * `TextCollector.runGrowing`). Anything else (a page script inserting before
 * that place, changing or removing text already read, setting `hidden` or
 * `contenteditable` on an element already passed, the parser fostering text
 * out of a table) makes what was read unreliable: the read-ahead is dropped
 * and the scan at DOMContentLoaded reads the whole page, as without it.
 */
import { JoinedMatches, type PageMatches } from '../core/page-match';
import { TextCollector, type CollectOptions } from './text-index';
import { timed } from './task-timing';
import { sliceTimer, yieldToMain } from './yield';

/**
 * After a batch of the parser's insertions, checking its records and
 * reading what it added take up to this long together, in the parser's
 * task (a page script inserting a whole tree at once could add more): the
 * rest waits for a task of its own, in slices of SLICE_MS. The text read
 * is matched after, in the same task, so the task runs somewhat longer;
 * with 40 ms for the reading alone, after the check, the bench's longest
 * tasks of ours were these, 50 to 74 ms on bbc-1, breitbart, gmw and
 * lemonde-1 (issue 14, goal 2: no task over 50 ms). Falling behind the
 * parser leaves more to read at DOMContentLoaded, in slices between which
 * the page paints.
 */
const CATCH_UP_MS = 30;
const SLICE_MS = 8;
/**
 * The closed text matched at a time. Text read before the way of matching
 * was known (the table not yet there) waits, and was then matched at once
 * in the slice that found it known: 35 to 74 ms on gmw and lemonde-1.
 * Matching goes on, a piece at a time, while the slice has time left, and
 * the rest in tasks of their own.
 */
const MATCH_CHARS = 8_000;

/** What was read ahead, and the matches of its first `matchedTo` characters. */
export interface ReadAheadResult {
  collector: TextCollector;
  found: JoinedMatches;
  matchedTo: number;
}

export class ReadAhead {
  private collector: TextCollector | null = null;
  private readonly found = new JoinedMatches();
  /** The text matched so far: characters, and the collector's part where the rest starts. */
  private matchedTo = 0;
  private matchedPart = 0;
  private readonly observer: MutationObserver;
  private scheduled = false;
  private valid = true;
  /** Test builds: whether the walk has reached the end of what was parsed once. */
  private caughtUpOnce = false;

  /** A request to the background is under way: what closes meanwhile goes with the next. */
  private asking = false;

  /** Our time in the task under way, for the catch-up's share of it. */
  private readonly budget = new TaskBudget();

  /**
   * `matcher` says how text is matched once that is known (matching.ts): in
   * the tab with a small dictionary, else by the background, one request at a
   * time. The text read is matched as it is read, up to the last block edge
   * (matches never cross one).
   */
  constructor(
    private readonly doc: Document,
    private readonly options: CollectOptions,
    private readonly signal: AbortSignal,
    private readonly matcher: (
      wanted: () => boolean,
    ) => ((text: string) => PageMatches | Promise<PageMatches>) | null,
  ) {
    // The parser's insertions come as records too, at the end of each of its
    // tasks: the new text is read there, so the walk keeps up with the parser
    // and DOMContentLoaded finds little or nothing left to read. Also when a
    // slice is already scheduled: on a loading page that slice's task runs
    // only after the parser's next task, one slice of 8 ms for each of the
    // parser's, and skipping the catch-up until then left much of the text
    // to DOMContentLoaded (wikipedia-2 at 100,000 entities: 40% unread, read
    // there in slices between which the first frame could paint, and most
    // of it unmatched, matched there in 48 ms; since, 0.1 and 8 ms). The
    // callback runs at every microtask checkpoint of a task (after each of
    // the parser's inline scripts, at each await of a page script), so the
    // 30 ms are the task's, shared by all of them.
    this.observer = new MutationObserver((records) => {
      const start = performance.now();
      // Timed as ours: the bench counts it in our main-thread time.
      timed(() => this.check(records), 'ra-check');
      if (this.valid && !this.signal.aborted) {
        const left = this.budget.left(CATCH_UP_MS) - (performance.now() - start);
        if (left >= SLICE_MS) this.slice(left);
        else this.schedule();
      }
      this.budget.spend(performance.now() - start);
    });
    this.observer.observe(doc, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['hidden', 'contenteditable'],
    });
    signal.addEventListener('abort', () => this.drop());
    this.schedule();
  }

  /**
   * What was read, ready to be finished by a full scan, or null when it
   * cannot be trusted (or nothing was read). Ends the read-ahead either way.
   */
  take(): ReadAheadResult | null {
    if (this.valid) this.check(this.observer.takeRecords());
    const collector = this.valid ? this.collector : null;
    const { found, matchedTo } = this;
    this.drop();
    return collector && { collector, found, matchedTo };
  }

  private drop(): void {
    this.valid = false;
    this.collector = null;
    this.observer.disconnect();
  }

  /** More than a slice was left: the rest in a task of its own. */
  private schedule(): void {
    if (this.scheduled || !this.valid) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      if (this.valid && !this.signal.aborted) this.slice(SLICE_MS);
    }, 0);
  }

  private slice(ms: number): void {
    const body = this.doc.body;
    if (!body) return;
    this.collector ??= new TextCollector([body], this.options);
    const timeUp = sliceTimer(ms);
    const caughtUp = timed(() => this.collector!.runGrowing(timeUp), 'ra-read');
    const matchedAll = timed(() => this.matchClosed(timeUp), 'ra-match');
    // Test builds say when the walk first reached the end of what was parsed
    // (e2e/read-ahead.spec.ts holds the rest of its page until then).
    if (__BACKSTORY_E2E__ && caughtUp && !this.caughtUpOnce) {
      this.caughtUpOnce = true;
      performance.mark('backstory-read-ahead-caught-up');
    }
    if (!caughtUp || !matchedAll) this.schedule();
  }

  /**
   * Matches the closed text not matched yet, a piece at a time until
   * `timeUp` (at least one piece); false when a piece is left for a later
   * task.
   */
  private matchClosed(timeUp: () => boolean): boolean {
    const collector = this.collector;
    if (this.asking || !collector) return true;
    const match = this.matcher(() => this.valid && !this.signal.aborted);
    if (!match) return true;
    for (;;) {
      const { text, next, more } = collector.closedSince(this.matchedPart, MATCH_CHARS);
      if (!text) return true;
      const from = this.matchedTo;
      const settle = (found: PageMatches): void => {
        this.found.add(found, from);
        this.matchedTo = from + text.length;
        this.matchedPart = next;
      };
      const result = match(text);
      if (result instanceof Promise) {
        this.ask(result, settle);
        return true;
      }
      settle(result);
      if (!more) return true;
      if (timeUp()) return false;
    }
  }

  /** The background matches a piece: what closes meanwhile goes with the next question. */
  private ask(result: Promise<PageMatches>, settle: (found: PageMatches) => void): void {
    this.asking = true;
    result.then(
      (found) => {
        this.asking = false;
        // Taken meanwhile: the full scan matches this text itself.
        if (!this.valid) return;
        settle(found);
        if (!timed(() => this.matchClosed(sliceTimer(SLICE_MS)), 'ra-answer')) this.schedule();
      },
      () => {
        // The full scan matches this text again.
        this.asking = false;
      },
    );
  }

  /** Drops the read-ahead unless every change lies beyond the place the walk has reached. */
  private check(records: MutationRecord[]): void {
    const frontier = this.collector?.frontier;
    // Nothing read yet: any change is read with the rest.
    if (!frontier || !this.valid) return;
    const last = this.collector!.lastRead;
    const ahead = new Ahead(frontier);
    for (const record of records) {
      // The text read last (the parser appending to it) is read again as it is.
      if (record.type === 'characterData' && record.target === last) continue;
      if (!ahead.holds(record)) {
        // Test builds say when a change to text already read made it unreliable.
        if (__BACKSTORY_E2E__) performance.mark('backstory-read-ahead-dropped');
        this.drop();
        return;
      }
    }
  }
}

/**
 * Whether changes lie beyond the place the walk has reached, for one batch
 * of records (the DOM does not change while it is asked). The parser's
 * records come by the thousand, one per node it inserts, and reading a
 * record's `addedNodes` makes a NodeList for it, and
 * `compareDocumentPosition` walks both nodes' ancestors: on bbc-1 that was
 * tens of milliseconds while the page loaded. So a record is placed by its
 * `target` and `previousSibling` alone: the nodes it added or removed lie
 * in `target` right after `previousSibling`. And the parser appends: a node
 * whose parent or previous sibling is known to follow the frontier follows
 * it too (it lies inside that parent, or after that sibling's subtree).
 */
class Ahead {
  private readonly known = new Set<Node>();
  /** The frontier and its ancestors: the nodes whose subtree the walk is in. */
  private readonly around = new Set<Node>();

  constructor(private readonly frontier: Node) {
    for (let n: Node | null = frontier; n; n = n.parentNode) this.around.add(n);
  }

  /** Whether a change touches only what the walk has not reached. */
  holds(record: MutationRecord): boolean {
    const { target } = record;
    if (this.follows(target)) return true;
    // Text or attributes of a node the walk has passed, or is in (its own
    // attributes were read when the walk reached it).
    if (record.type !== 'childList' || !this.around.has(target)) return false;
    // Children of the node the walk stands on are not read yet.
    if (target === this.frontier) return true;
    // Children added or removed in an element the walk is in: ahead when they
    // lie after the child the walk is in (or after a node that follows it).
    const before = record.previousSibling;
    if (!before || before.parentNode !== target) return false;
    return this.around.has(before) || this.follows(before);
  }

  /** Whether `node` follows the frontier in document order (inside it counts: not read yet). */
  private follows(node: Node): boolean {
    const { known, around } = this;
    if (known.has(node)) return true;
    if (around.has(node)) return false;
    const parent = node.parentNode;
    const before = node.previousSibling;
    const follows =
      (parent !== null && known.has(parent)) ||
      (before !== null && (known.has(before) || around.has(before))) ||
      (this.frontier.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    if (follows) known.add(node);
    return follows;
  }
}

/**
 * The time spent in the task under way, by all the calls it holds: the
 * next task (yieldToMain's) starts the count again.
 */
class TaskBudget {
  private spent = 0;
  private waiting = false;

  /** What is left of `total` in this task. */
  left(total: number): number {
    return total - this.spent;
  }

  spend(ms: number): void {
    this.spent += ms;
    if (this.waiting) return;
    this.waiting = true;
    void yieldToMain().then(() => {
      this.spent = 0;
      this.waiting = false;
    });
  }
}
