/**
 * Where this page's text is matched. A small dictionary (LOCAL_MAX_FORMS) is
 * fetched as its forms when the content script starts and compiled here while
 * the page loads, so the marks are drawn in the same task that reads the
 * text, before the page's first paint. A large one stays in the background,
 * and the text goes there (`pageMatch`). Frames other than the top one always
 * ask the background: ad frames should not each compile a dictionary.
 */
import { compileSource, type CompiledDictionary } from '../core/dictionary';
import { matchPageText, type PageMatches } from '../core/page-match';
import { send } from '../messaging/client';
import { timed } from './task-timing';

export class Matching {
  private local: CompiledDictionary | null = null;
  private loading: Promise<void>;

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
   * Matches `text`: synchronously when the dictionary is here (the caller can
   * draw the marks in the same task), else through the background.
   */
  match(text: string): PageMatches | Promise<PageMatches> {
    const local = this.local;
    if (local) return matchPageText(local.matcher, local.entities, text);
    return this.loading.then(() => (this.local ? this.match(text) : send('pageMatch', { text })));
  }

  private async fetchLocal(): Promise<void> {
    if (!this.inTopFrame) return;
    // The background answers pageMatch too: matching there is the fallback.
    const source = await send('dictionarySource', {}).catch(() => null);
    this.local = source ? timed(() => compileSource(source)) : null;
  }
}
