/**
 * The click of "Refresh from Wikipedia", apart from the page so it can be
 * tested: the browser's permission for Wikipedia and Wikidata first (the
 * click's first asynchronous call: browsers grant optional permissions
 * only while handling the reader's gesture, as for Look up), then the
 * article as it is now (`wikiRefresh`), then either what changed for the
 * reader to review, or why nothing did. Nothing here changes the editor.
 */
import { LIMITS } from '../../core/limits';
import type { WikiRefreshed } from '../../core/wiki-fill';
import {
  planParts,
  planRefresh,
  refreshTarget,
  type RefreshFields,
  type RefreshTarget,
} from '../../core/wiki-refresh';
import { t } from '../../i18n';
import type { Request } from '../../messaging/protocol';
import { wikiErrorText } from '../../messaging/wiki-words';
import { errorText } from '../../ui/error-text';

export type RefreshOutcome =
  | { kind: 'message'; text: string; alert?: boolean }
  /** The article now, to compare with the editor's fields as they are when the reader looks. */
  | { kind: 'review'; target: RefreshTarget; answer: WikiRefreshed };

export interface RefreshDeps {
  /** Asks the browser for the look-up's hosts (permissions.request): called before any await. */
  ask: () => Promise<boolean>;
  /** Sends `wikiRefresh`. */
  fetch: (request: Request<'wikiRefresh'>) => Promise<WikiRefreshed>;
  /** The reader's language (the browser's). */
  language: string;
  /** Called once the permission is granted, while the article is fetched. */
  onBusy?: () => void;
}

export function startRefresh(fields: RefreshFields, deps: RefreshDeps): Promise<RefreshOutcome> {
  const target = refreshTarget(fields);
  if (!target) return Promise.resolve({ kind: 'message', text: t('refreshNoSource'), alert: true });
  // First call of the click: the permission prompt needs the reader's gesture.
  let asked: Promise<boolean>;
  try {
    asked = deps.ask();
  } catch (e) {
    return Promise.resolve({ kind: 'message', text: errorText(e), alert: true });
  }
  return asked.then(
    async (granted): Promise<RefreshOutcome> => {
      if (!granted)
        return { kind: 'message', text: wikiErrorText({ code: 'permission' }), alert: true };
      deps.onBusy?.();
      // The note's name names an item that has no label in these languages.
      const label = fields.name.trim();
      const item = target.item && {
        id: target.item,
        ...(label && label.length <= LIMITS.name ? { label } : {}),
      };
      try {
        const answer = await deps.fetch({
          article: target.article,
          ...(item ? { item } : {}),
          languages: { reader: deps.language },
        });
        if (planParts(planRefresh(fields, target, answer)).length === 0)
          return {
            kind: 'message',
            text: t('refreshSame', answer.source.title ?? target.article.title),
          };
        return { kind: 'review', target, answer };
      } catch (e) {
        return { kind: 'message', text: errorText(e), alert: true };
      }
    },
    (e: unknown) => ({ kind: 'message', text: errorText(e), alert: true }),
  );
}
