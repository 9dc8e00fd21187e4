/**
 * Keeps the marks of one document right: a full scan when the page is
 * ready (and when notes or settings change), and small rescans of just the
 * blocks that changed when the page adds or edits text later (live blogs,
 * infinite scroll, single-page apps). One MutationObserver, whose callback
 * only queues; the work runs batched, in slices.
 */
import type { PageMatches } from '../core/page-match';
import { buildMarks, type Mark, type MarkLayer } from './marks';
import {
  collectText,
  isBlock,
  isHiddenText,
  isInSkipped,
  isLaidOut,
  TextCollector,
  type CollectOptions,
} from './text-index';
import { Timer } from './timers';
import { sliceTimer, yieldToMain } from './yield';

export interface PageMarkerOptions {
  doc: Document;
  signal: AbortSignal;
  layer: MarkLayer;
  match: (text: string) => Promise<PageMatches>;
  firstMentionOnly: () => boolean;
  isOwnUi: (el: Element) => boolean;
  /** Called for each open shadow root met, so its marks can be styled there. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Called after every change to the marks. */
  onMarksChanged?: () => void;
}

/** More changed blocks than this in one batch: scan the whole page instead. */
const MAX_BLOCKS_PER_BATCH = 200;
const BATCH_DELAY_MS = 50;

export class PageMarker {
  private readonly observer: MutationObserver;
  private readonly observed = new WeakSet<Node>();
  private readonly queue: MutationRecord[] = [];
  private readonly flushTimer: Timer;
  private scanning: Promise<void> | null = null;
  /** Bumped by every full scan, so a slower, older one drops its result. */
  private generation = 0;
  private scannedUrl = '';
  private readonly collect: CollectOptions;

  constructor(private readonly o: PageMarkerOptions) {
    this.flushTimer = new Timer(o.signal);
    this.observer = new MutationObserver((records) => {
      this.queue.push(...records);
      if (!this.flushTimer.pending) this.flushTimer.start(BATCH_DELAY_MS, () => void this.flush());
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

  private observe(root: Node): void {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  /** Reads and marks the whole page again. */
  fullScan(): Promise<void> {
    const generation = ++this.generation;
    const run = this.scanAll(generation);
    this.scanning = run.finally(() => {
      if (this.generation === generation) this.scanning = null;
    });
    return this.scanning;
  }

  private async scanAll(generation: number): Promise<void> {
    const { doc, signal } = this.o;
    this.scannedUrl = doc.URL;
    // Changes queued so far are covered by this scan.
    this.queue.length = 0;
    if (!doc.body) return;
    const collector = new TextCollector([doc.body], this.collect);
    while (!collector.run(sliceTimer())) {
      await yieldToMain();
      if (signal.aborted || generation !== this.generation) return;
    }
    const index = collector.result();
    const found = await this.o.match(index.text);
    if (signal.aborted || generation !== this.generation) return;
    // By the time the page changes, it has been laid out.
    let marks = isLaidOut(this.o.doc)
      ? withoutHidden(buildMarks(index, found))
      : buildMarks(index, found);
    if (this.o.firstMentionOnly()) {
      // The first mention must be a visible one: wait for layout before choosing.
      if (!(await this.waitForLayout(generation))) return;
      marks = firstOfEach(withoutHidden(marks), new Set());
    }
    this.o.layer.set(marks);
    this.o.onMarksChanged?.();
    // Test and benchmark builds time the full scan; user builds leave no trace in the page.
    if (__BACKSTORY_E2E__) performance.mark('backstory-marked', { detail: marks.length });
    if (await this.waitForLayout(generation)) {
      const cache = new Map<Element, boolean>();
      if (this.o.layer.removeWhere((m) => isHiddenText(m.range.startContainer, cache))) {
        this.o.onMarksChanged?.();
      }
    }
  }

  /**
   * Waits until the browser has laid the page out by itself (never forcing an
   * early layout), so hidden text can be told apart. Until then a mark on
   * hidden text is drawn on nothing, so nobody sees it. False if this scan
   * was superseded meanwhile.
   */
  private async waitForLayout(generation: number): Promise<boolean> {
    const { doc, signal } = this.o;
    await afterNextPaint(doc);
    if (!isLaidOut(doc) && doc.readyState !== 'complete') {
      await new Promise((resolve) =>
        doc.defaultView?.addEventListener('load', resolve, { once: true, signal }),
      );
    }
    return !signal.aborted && generation === this.generation && isLaidOut(doc);
  }

  private async flush(): Promise<void> {
    if (this.o.signal.aborted) return;
    if (this.scanning) {
      // A full scan is under way: look at the queue once it is done.
      await this.scanning;
      if (this.queue.length) this.flushTimer.start(0, () => void this.flush());
      return;
    }
    const records = this.queue.splice(0);
    // A single-page app moved to another page: every mark is stale.
    if (this.o.doc.URL !== this.scannedUrl) return this.fullScan();

    const blocks = this.changedBlocks(records);
    if (blocks === 'all') return this.fullScan();
    const { layer } = this.o;
    const removed = layer.removeWhere(
      (m) =>
        !m.range.startContainer.isConnected ||
        blocks.some((b) => b.contains(m.range.startContainer)),
    );
    if (blocks.length === 0) {
      if (removed) this.o.onMarksChanged?.();
      return;
    }
    const index = collectText(blocks, this.collect);
    const found = index.text ? await this.o.match(index.text) : { entities: [], matches: [] };
    if (this.o.signal.aborted) return;
    // By the time the page changes, it has been laid out.
    let marks = isLaidOut(this.o.doc)
      ? withoutHidden(buildMarks(index, found))
      : buildMarks(index, found);
    if (this.o.firstMentionOnly())
      marks = firstOfEach(marks, new Set(layer.marks.map((m) => m.entityId)));
    layer.add(marks);
    if (removed || marks.length) this.o.onMarksChanged?.();
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

function withoutHidden(marks: Mark[]): Mark[] {
  const cache = new Map<Element, boolean>();
  return marks.filter((m) => !isHiddenText(m.range.startContainer, cache));
}

/** Resolves after the browser's next frame (or soon, in a background tab, where frames wait). */
function afterNextPaint(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 500);
    doc.defaultView?.requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
