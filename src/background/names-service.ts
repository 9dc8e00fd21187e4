/**
 * The popup's "names on this page without a note", answered here: the tab's
 * top frame sends its text when asked (tab-protocol.ts), it is validated
 * (a page's process sent it: a hostile page can make it anything), and the
 * names are found in the worker (core/names.ts), off the page's main
 * thread, with the reader's dictionary and ignored names left out. The
 * answer goes to the popup only; nothing leaves the machine.
 */
import * as v from 'valibot';
import { ReaderError } from '../core/reader-error';
import { hasForm } from '../core/matcher';
import { NAMES_LIMITS } from '../core/limits';
import { proposeNames, type PageNames } from '../core/page-names';
import { t } from '../i18n';
import { PageTextSchema, type PageTextRequest } from '../messaging/tab-protocol';
import type { DictionaryService } from './dictionary-service';
import type { StateService } from './state-service';

export interface NamesDeps {
  dictionary: Pick<DictionaryService, 'get'>;
  state: Pick<StateService, 'ignoredNames'>;
  /** Sends `message` to the top frame of tab `tabId`: its reply, or a rejection when none answers. */
  askTab: (tabId: number, message: PageTextRequest) => Promise<unknown>;
}

export async function findPageNames(tabId: number, deps: NamesDeps): Promise<PageNames> {
  let reply: unknown;
  try {
    reply = await deps.askTab(tabId, { type: 'backstory-page-text' });
  } catch {
    // The browser's own pages, a store, a page still loading: no content script answers.
    throw new ReaderError(t('namesNoPage'));
  }
  const page = v.safeParse(PageTextSchema, reply);
  if (!page.success) {
    const tooLong =
      typeof (reply as { text?: unknown } | null)?.text === 'string' &&
      (reply as { text: string }).text.length > NAMES_LIMITS.text;
    throw new ReaderError(
      tooLong ? t('namesPageTooLong', NAMES_LIMITS.text) : t('namesPageInvalid'),
    );
  }
  if (page.output.status === 'off') return { status: 'off' };
  const [{ matcher }, ignored] = await Promise.all([
    deps.dictionary.get(),
    deps.state.ignoredNames(),
  ]);
  return proposeNames(page.output, (folded) => hasForm(matcher, folded), ignored);
}
