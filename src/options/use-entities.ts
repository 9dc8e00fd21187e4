/**
 * The manager's view of the entities: the first `limit` in name order and the
 * count of all, reloaded whenever notes change anywhere (another tab, a card,
 * an import). Only a page travels, so 100,000 notes never reach this page at
 * once.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Entity } from '../core/entity';
import { send } from '../messaging/client';
import { DICTIONARY_VERSION_KEY } from '../messaging/keys';

export const LIST_PAGE = 200;

export interface EntitiesView {
  entities: Entity[] | null;
  total: number;
  error: string | null;
  /** Shows `LIST_PAGE` more entities. */
  showMore: () => void;
}

export function useEntities(): EntitiesView {
  const [entities, setEntities] = useState<Entity[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [limit, setLimit] = useState(LIST_PAGE);
  // Only the newest request's answer is shown.
  const latest = useRef(0);

  const reload = useCallback(() => {
    const request = ++latest.current;
    send('entitiesList', { offset: 0, limit }).then(
      (page) => {
        if (request !== latest.current) return;
        setEntities(page.entities);
        setTotal(page.total);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [limit]);

  useEffect(() => {
    reload();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && DICTIONARY_VERSION_KEY in changes) reload();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [reload]);

  const showMore = useCallback(() => setLimit((n) => n + LIST_PAGE), []);
  return { entities, total, error, showMore };
}
