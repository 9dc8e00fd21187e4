/**
 * Where this page's text is matched. A small dictionary (LOCAL_MAX_FORMS) is
 * fetched as its forms when the content script starts and compiled here while
 * the page loads, so the marks are drawn in the same task that reads the
 * text, before the page's first paint. A large one stays in the background,
 * and the text goes there (`pageMatch`), in pieces of one request each
 * (core/match-pieces.ts). Frames other than the top one always ask the
 * background: ad frames should not each compile a dictionary.
 */
import { compileSourceSteps, type CompiledDictionary } from '../core/dictionary';
import { matchInPieces } from '../core/match-pieces';
import { matchPageText, type PageMatches } from '../core/page-match';
import { BackgroundError, send } from '../messaging/client';
import { timed } from './task-timing';
import { sliceTimer, yieldToMain } from './yield';

const COMPILE_SLICE_MS = 10;
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
      if (!(error instanceof BackgroundError && error.code === 'superseded')) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

export class Matching {
  private local: CompiledDictionary | null = null;
  private loading: Promise<void>;
  /** Whether `loading` has settled: the dictionary is here, or known to stay in the background. */
  private settled = false;

  constructor(private readonly inTopFrame: boolean) {
    this.loading = this.fetchLocal();
  }

  /** Settles once the local dictionary is compiled, or known not to be used. */
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
   * (synchronously) with a small dictionary, else by the background, while
   * `wanted`; null while a small dictionary may still be on its way.
   */
  settledMatcher(
    wanted: () => boolean,
  ): ((text: string) => PageMatches | Promise<PageMatches>) | null {
    const local = this.local;
    if (local) return (text) => matchPageText(local.matcher, local.entities, text);
    if (!this.settled) return null;
    return (text) => matchInPieces(text, (piece) => askBackground(piece, wanted));
  }

  /**
   * Matches `text`: synchronously when the dictionary is here (the caller can
   * draw the marks in the same task), else through the background, while the
   * caller still `wanted` the answer (a newer scan makes an older one moot).
   */
  match(text: string, wanted: () => boolean = () => true): PageMatches | Promise<PageMatches> {
    const local = this.local;
    if (local) return matchPageText(local.matcher, local.entities, text);
    return this.loading.then(() =>
      this.local ? this.match(text) : matchInPieces(text, (piece) => askBackground(piece, wanted)),
    );
  }

  private async fetchLocal(): Promise<void> {
    this.settled = false;
    try {
      await this.compileLocal();
    } finally {
      this.settled = true;
    }
  }

  private async compileLocal(): Promise<void> {
    if (!this.inTopFrame) return;
    // The background answers pageMatch too: matching there is the fallback.
    const source = await send('dictionarySource', {}).catch(() => null);
    if (!source) return;
    // Compiled in slices while the page loads: the parser and the page's own
    // scripts get the main thread between them.
    const steps = compileSourceSteps(source);
    for (;;) {
      const done = timed(() => {
        const timeUp = sliceTimer(COMPILE_SLICE_MS);
        for (;;) {
          const step = steps.next();
          if (step.done) return step.value;
          if (timeUp()) return null;
        }
      });
      if (done) {
        this.local = done;
        return;
      }
      await yieldToMain();
    }
  }
}
