/**
 * Keeps the marks of one document right: a full scan when the page is
 * ready (and when notes or settings change), and small rescans of just the
 * blocks that changed when the page adds or edits text later (live blogs,
 * infinite scroll, single-page apps). One MutationObserver, whose callback
 * only queues; the work runs batched, in slices.
 */
import { JoinedMatches, type PageMatches } from '../core/page-match';
import { buildMarks, textNodesOf, type Mark, type MarkLayer } from './marks';
import {
  collectText,
  isBlock,
  isInSkipped,
  isLaidOut,
  TextCollector,
  type CollectOptions,
  type TextIndex,
} from './text-index';
import { ReadAhead } from './read-ahead';
import { afterNextPaint, PrePaint } from './pre-paint';
import { pageStyleTimed, timed } from './task-timing';
import { VisibilityCheck } from './visibility';
import { Timer } from './timers';
import { sliceTimer, yieldToMain } from './yield';
import { whenHeard, type Listen } from './window-events';

export interface PageMarkerOptions {
  doc: Document;
  /** The window's events, heard before the page's listeners (window-events.ts). */
  listen: Listen;
  signal: AbortSignal;
  layer: MarkLayer;
  /**
   * Synchronous when the dictionary is in the tab, else a round trip to the
   * background, which may wait while `wanted` says the answer is still of use.
   */
  match: (text: string, wanted: () => boolean) => PageMatches | Promise<PageMatches>;
  /**
   * How text read while the page loads is matched as it comes, once that is
   * known (null until then): synchronously in the tab, or by the background,
   * while the read-ahead still `wanted` the answer.
   */
  readAheadMatcher?: (
    wanted: () => boolean,
  ) => ((text: string) => PageMatches | Promise<PageMatches>) | null;
  firstMentionOnly: () => boolean;
  /** Whether an element is Backstory's own UI. */
  isOwnUi: (el: Element) => boolean;
  /** Called for each open shadow root met, so its marks can be styled there. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Called after every change to the marks. */
  onMarksChanged?: () => void;
}

/** More changed blocks than this in one batch: scan the whole page instead. */
const MAX_BLOCKS_PER_BATCH = 200;
/**
 * More mutation records than this waiting (a page rewriting its text while
 * a rescan waits for the background): they are dropped and the next rescan
 * reads the whole page, so the queue cannot grow without bound.
 */
const MAX_QUEUED_RECORDS = 10_000;
const BATCH_DELAY_MS = 50;
/** Reading the page runs in slices of this long. */
const SLICE_MS = 16;

export class PageMarker {
  private readonly observer: MutationObserver;
  private observed = new WeakSet<Node>();
  private readonly queue: MutationRecord[] = [];
  /** Records were dropped from the queue: the next rescan reads the whole page. */
  private readAll = false;
  private readonly flushTimer: Timer;
  private scanning: Promise<void> | null = null;
  /** Bumped by every full scan, so a slower, older one drops its result. */
  private generation = 0;
  private scannedUrl = '';
  /** Rescans under way (test builds report when the marker is idle). */
  private flushing = 0;
  private readonly collect: CollectOptions;
  /** The page's text read while it was parsed, for the first full scan. */
  private ahead: ReadAhead | null = null;
  /** Where marks are decided and registered: the next frame, after the page's own layout. */
  private readonly prePaint: PrePaint;

  constructor(private readonly o: PageMarkerOptions) {
    this.flushTimer = new Timer(o.signal);
    this.prePaint = new PrePaint(o.doc, o.listen, o.signal);
    this.observer = new MutationObserver((records) => {
      this.busy();
      // Before this frame paints: a mark whose text changed under it is not drawn there.
      const changedText = records.filter((r) => r.type === 'characterData').map((r) => r.target);
      if (changedText.length && o.layer.dropChanged(changedText)) o.onMarksChanged?.();
      this.queue.push(...records);
      if (this.queue.length > MAX_QUEUED_RECORDS) {
        this.queue.length = 0;
        this.readAll = true;
      }
      if (!this.flushTimer.pending)
        this.flushTimer.start(BATCH_DELAY_MS, () => void this.flushThenSettle());
    });
    o.signal.addEventListener('abort', () => this.observer.disconnect());
    this.collect = {
      isOwnUi: o.isOwnUi,
      onShadowRoot: (root) => {
        this.observe(root);
        o.onShadowRoot?.(root);
      },
    };
  }

  /** Starts watching the document (and, as they are found, its shadow roots) for changes. */
  start(): void {
    this.observe(this.o.doc);
  }

  /**
   * Starts reading the page's text while the parser inserts it (read-ahead.ts),
   * so the first full scan, at DOMContentLoaded, has only the tail to read.
   */
  readAhead(): void {
    if (this.o.doc.readyState !== 'loading' || this.ahead) return;
    this.ahead = new ReadAhead(
      this.o.doc,
      this.collect,
      this.o.signal,
      this.o.readAheadMatcher ?? (() => null),
    );
  }

  /** Stops watching and drops any scan under way (the site was switched off). */
  stop(): void {
    this.ahead?.take();
    this.ahead = null;
    this.observer.disconnect();
    this.observed = new WeakSet();
    this.queue.length = 0;
    this.readAll = false;
    this.flushTimer.cancel();
    this.generation++;
  }

  private observe(root: Node): void {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  /** Reads and marks the whole page again. */
  fullScan(): Promise<void> {
    this.busy();
    const generation = ++this.generation;
    const run = this.scanAll(generation);
    this.scanning = run.finally(() => {
      if (this.generation === generation) this.scanning = null;
      this.settledIfIdle();
    });
    return this.scanning;
  }

  private get idle(): boolean {
    return !this.scanning && !this.flushTimer.pending && !this.hasChanges && this.flushing === 0;
  }

  private get hasChanges(): boolean {
    return this.queue.length > 0 || this.readAll;
  }

  /**
   * One rescan at a time: changes that come while one waits for its matches
   * wait in the queue for the next. A page that rewrites its text faster
   * than the background answers then has one request of this document
   * waiting there, not one per batch.
   */
  private async flushThenSettle(): Promise<void> {
    if (this.flushing > 0) return;
    this.flushing++;
    try {
      await this.flush();
    } finally {
      this.flushing--;
      if (this.hasChanges && !this.flushTimer.pending && !this.o.signal.aborted)
        this.flushTimer.start(BATCH_DELAY_MS, () => void this.flushThenSettle());
      this.settledIfIdle();
    }
  }

  /**
   * Test builds say when the marker starts work from idle (`backstory-busy`) and when it has
   * none left (`backstory-settled`, with the number of marks), so a test waits for the marks
   * to be final instead of guessing from how long they have stayed the same.
   */
  private busy(): void {
    if (__BACKSTORY_E2E__ && this.idle) performance.mark('backstory-busy');
  }

  private settledIfIdle(): void {
    if (__BACKSTORY_E2E__ && this.idle)
      performance.mark('backstory-settled', { detail: this.o.layer.marks.length });
  }

  private async scanAll(generation: number): Promise<void> {
    const { doc, signal } = this.o;
    this.scannedUrl = doc.URL;
    // Changes queued so far are covered by this scan.
    this.queue.length = 0;
    this.readAll = false;
    if (!doc.body) return;
    const ahead = this.ahead?.take() ?? null;
    this.ahead = null;
    if (__BACKSTORY_E2E__) performance.mark('backstory-read-ahead', { detail: ahead !== null });
    const collector = ahead?.collector ?? new TextCollector([doc.body], this.collect);
    if (ahead) timed(() => collector.takeLateShadowRoots(), 'late-shadow');
    while (!timed(() => collector.run(sliceTimer(SLICE_MS)), 'collect')) {
      await yieldToMain();
      if (signal.aborted || generation !== this.generation) return;
    }
    const index = timed(() => collector.result(), 'result');
    if (__BACKSTORY_E2E__) performance.mark('backstory-collected');
    // What was matched while the page was parsed ends at a block edge: the rest is matched now.
    const matchedTo = ahead?.matchedTo ?? 0;
    const wanted = () => !signal.aborted && generation === this.generation;
    const result = timed(() => this.o.match(index.text.slice(matchedTo), wanted), 'match');
    let drawn: Mark[] = [];
    let found: PageMatches;
    if (result instanceof Promise) {
      // The background matches the tail: what was matched while the page was
      // parsed is drawn in the next frame, and the tail's marks follow.
      if (ahead && matchedTo > 0) {
        const early = await this.visibleMarks(index, ahead.found.out, generation);
        if (!early) return;
        drawn = this.o.firstMentionOnly() ? firstOfEach(early, new Set()) : early;
        timed(() => this.o.layer.set(drawn), 'draw');
        this.o.onMarksChanged?.();
      }
      const tail = new JoinedMatches();
      tail.add(await result, matchedTo);
      found = tail.out;
    } else {
      // Matched in the tab, in the task of the last slice: the marks are
      // decided and drawn in the next frame (visibleMarks), so this task ends
      // here and no yield is needed to keep it short (one here, when
      // reading and matching passed 30 ms, let the frame be painted first).
      found = result;
      if (ahead && matchedTo > 0) {
        ahead.found.add(found, matchedTo);
        found = ahead.found.out;
      }
    }
    if (__BACKSTORY_E2E__) performance.mark('backstory-matched');
    let marks = await this.visibleMarks(index, found, generation);
    if (!marks) return;
    if (this.o.firstMentionOnly())
      marks = firstOfEach(marks, new Set(drawn.map((m) => m.entityId)));
    const all = [...drawn, ...marks];
    timed(() => this.o.layer.set(all), 'draw-all');
    this.o.onMarksChanged?.();
    // Test and benchmark builds time the full scan; user builds leave no trace in the page.
    if (__BACKSTORY_E2E__) performance.mark('backstory-marked', { detail: all.length });
    // A style sheet that loads later can still hide text: look again once the page is painted.
    if (await this.waitForLayout(generation)) {
      const check = new VisibilityCheck();
      const removed = timed(
        () => this.o.layer.removeWhere((m) => isHiddenMark(m, check)),
        'recheck',
      );
      if (removed) this.o.onMarksChanged?.();
    }
  }

  /**
   * The marks of `found` on text the reader can see, or null when this scan
   * was superseded meanwhile.
   */
  private async visibleMarks(
    index: TextIndex,
    found: PageMatches,
    generation: number,
  ): Promise<Mark[] | null> {
    const { doc, signal } = this.o;
    // Nothing is registered before it is known to be visible (a page could
    // read CSS.highlights in between); that is known once the page has boxes,
    // which in Firefox waits for its style sheets. It is decided in the next
    // frame, after the browser has computed the page's style and layout for
    // it and before it is painted (pre-paint.ts), so that no task of ours
    // makes the browser compute them early; the marks registered there are
    // in that frame. A hidden page, or one whose frames are held back, is
    // asked at once, which may compute its style now: test builds time that
    // apart (`pageStyleTimed`), and the bench compares the first paint with
    // and without Backstory.
    const inFrame = await this.prePaint.next();
    if (signal.aborted || generation !== this.generation) return null;
    if (__BACKSTORY_E2E__) performance.mark('backstory-visibility-asked', { detail: inFrame });
    const laidOut = timed(() => pageStyleTimed(() => isLaidOut(doc)), 'laid-out');
    if (!laidOut && !(await this.waitForLayout(generation))) return null;
    return timed(() => visibleOnly(buildMarks(index, found)), 'visible');
  }

  /**
   * Waits until the browser has laid the page out by itself (never forcing an
   * early layout), so hidden text can be told apart. Until then a mark on
   * hidden text is drawn on nothing, so nobody sees it. False if this scan
   * was superseded meanwhile.
   */
  private async waitForLayout(generation: number): Promise<boolean> {
    const { doc, listen, signal } = this.o;
    await afterNextPaint(doc);
    if (!isLaidOut(doc) && doc.readyState !== 'complete') {
      await whenHeard(listen, 'load', () => doc.readyState === 'complete');
    }
    return !signal.aborted && generation === this.generation && isLaidOut(doc);
  }

  private async flush(): Promise<void> {
    if (this.o.signal.aborted) return;
    if (this.scanning) {
      // A full scan is under way: look at the queue once it is done.
      await this.scanning;
      if (this.hasChanges) this.flushTimer.start(0, () => void this.flushThenSettle());
      return;
    }
    const records = this.queue.splice(0);
    if (this.readAll) {
      this.readAll = false;
      return this.fullScan();
    }
    // A single-page app moved to another page: every mark is stale.
    if (this.o.doc.URL !== this.scannedUrl) return this.fullScan();
    const read = timed(() => this.readChanges(records), 'read-changes');
    if (read === 'all') return this.fullScan();
    const { index, removed } = read;
    if (!index) {
      if (removed) this.o.onMarksChanged?.();
      return;
    }
    const generation = this.generation;
    const found = await timed(
      () => this.o.match(index.text, () => !this.o.signal.aborted),
      'match-changes',
    );
    const visible = await this.visibleMarks(index, found, generation);
    if (!visible) return;
    const added = timed(() => {
      let marks = visible;
      const { layer } = this.o;
      if (this.o.firstMentionOnly())
        marks = firstOfEach(marks, new Set(layer.marks.map((m) => m.entityId)));
      layer.add(marks);
      return marks.length;
    }, 'add');
    if (removed || added) this.o.onMarksChanged?.();
  }

  /**
   * Drops the marks in the changed blocks and reads those blocks' text again;
   * 'all' when the change is too wide for that.
   */
  private readChanges(
    records: MutationRecord[],
  ): 'all' | { index: TextIndex | null; removed: number } {
    const blocks = this.changedBlocks(records);
    if (blocks === 'all') return 'all';
    const removed = this.o.layer.removeWhere(
      (m) =>
        !m.range.startContainer.isConnected ||
        blocks.some((b) => b.contains(m.range.startContainer)),
    );
    if (blocks.length === 0) return { index: null, removed };
    const index = collectText(blocks, this.collect);
    return { index: index.text ? index : null, removed };
  }

  /** The outermost blocks that hold the changed text, or 'all' when there are too many. */
  private changedBlocks(records: MutationRecord[]): Node[] | 'all' {
    const found = new Set<Node>();
    for (const record of records) {
      if (record.type === 'childList' && this.onlyOwnUi(record)) continue;
      const target = record.target;
      if (!target.isConnected || isInSkipped(target, this.collect)) continue;
      const block = blockAround(target);
      // A change right in <body> means reading the whole page: do it in slices.
      if (block === this.o.doc.body || found.size >= MAX_BLOCKS_PER_BATCH) return 'all';
      found.add(block);
    }
    const blocks = [...found];
    return blocks.filter((b) => !blocks.some((other) => other !== b && other.contains(b)));
  }

  private onlyOwnUi(record: MutationRecord): boolean {
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return (
      nodes.length > 0 &&
      nodes.every((n) => n.nodeType === Node.ELEMENT_NODE && this.o.isOwnUi(n as Element))
    );
  }
}

/** The nearest block element holding `node` (or its tree's root). */
function blockAround(node: Node): Node {
  for (
    let n: Node | null = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
    n;
    n = n.parentNode
  ) {
    if (isBlock(n) || n.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return n;
    if (n.nodeType === Node.DOCUMENT_NODE) return (n as Document).body ?? n;
  }
  return node;
}

/** Keeps each entity's first mark (in the order given), skipping entities in `seen`. */
function firstOfEach(marks: Mark[], seen: Set<string>): Mark[] {
  return marks.filter((m) => {
    if (seen.has(m.entityId)) return false;
    seen.add(m.entityId);
    return true;
  });
}

/**
 * A mark is hidden when any of its text is: a name may be split across
 * elements with a hidden part ("B<span hidden-style>enny Gant</span>z").
 */
function isHiddenMark(mark: Mark, check: VisibilityCheck): boolean {
  const { startContainer, endContainer } = mark.range;
  // Most marks lie in one text node: no walk for them.
  if (startContainer === endContainer) return check.isHidden(startContainer);
  for (const node of textNodesOf(mark.range)) if (check.isHidden(node)) return true;
  return false;
}

/**
 * The marks on text the reader can see. Test builds record what deciding it
 * cost as `backstory-visibility` measures, for the bench.
 */
function visibleOnly(marks: Mark[]): Mark[] {
  const start = __BACKSTORY_E2E__ ? performance.now() : 0;
  const check = new VisibilityCheck();
  const visible = marks.filter((m) => !isHiddenMark(m, check));
  if (__BACKSTORY_E2E__)
    performance.measure('backstory-visibility', { start, detail: marks.length });
  return visible;
}
