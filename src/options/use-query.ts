/**
 * The manager's list: the query (search words, filters, order), how many
 * entities match, and the pages of them the list has asked for. Pages are
 * fetched as the list scrolls to them, so 100,000 notes never reach this
 * page at once; all of it is fetched again when notes change anywhere
 * (another tab, a card, an import).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Entity } from '../core/entity';
import type { SearchQuery } from '../core/search';
import { send } from '../messaging/client';
import { watchSignals } from '../messaging/signals';
import { errorText } from '../ui/error-text';

export const PAGE_SIZE = 100;

export interface Facets {
  total: number;
  tags: { tag: string; count: number }[];
  origins: string[];
}

export interface QueryView {
  query: SearchQuery;
  setQuery: (patch: Partial<SearchQuery>) => void;
  /** How many entities match; null before the first answer. */
  total: number | null;
  /** The query `total` answers (the newest one may still be on its way). */
  answered: SearchQuery | null;
  /** The entity at a position of the result, if its page has arrived (asks for it if not). */
  at: (index: number) => Entity | undefined;
  facets: Facets | null;
  error: string | null;
  /** Bumped whenever the notes change: selections and editors check what still exists. */
  generation: number;
  /** Asks for everything again, as the notes' change signal does. */
  refresh: () => void;
}

export function useQuery(): QueryView {
  const [query, setQueryState] = useState<SearchQuery>({ text: '', sort: 'name' });
  const [total, setTotal] = useState<number | null>(null);
  const [answered, setAnswered] = useState<SearchQuery | null>(null);
  const [facets, setFacets] = useState<Facets | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  // Pages by number; a render asks for missing ones, and their arrival renders again.
  const pages = useRef(new Map<number, Entity[]>());
  // The newest query's pages while its first page is on the way: until then the list
  // keeps showing the old rows (no flash of "Loading…", focus stays in the list).
  const incoming = useRef<Map<number, Entity[]> | null>(null);
  const asked = useRef(new Set<number>());
  const [, setArrived] = useState(0);
  // Only the newest query's answers are used.
  const latest = useRef(0);

  const fetchPage = useCallback((page: number, q: SearchQuery, request: number) => {
    asked.current.add(page);
    const into = incoming.current ?? pages.current;
    send('entitiesQuery', { query: q, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (reply) => {
        if (request !== latest.current) return;
        into.set(page, reply.entities);
        if (into === pages.current) {
          setTotal(reply.total);
          setArrived((n) => n + 1);
        }
        setError(null);
      },
      (e: unknown) => {
        if (request !== latest.current) return;
        asked.current.delete(page);
        setError(errorText(e));
      },
    );
  }, []);

  /** Starts over: the query changed, or the notes did. */
  const restart = useCallback((q: SearchQuery) => {
    const request = ++latest.current;
    const fresh = new Map<number, Entity[]>();
    incoming.current = fresh;
    asked.current = new Set([0]);
    send('entitiesQuery', { query: q, offset: 0, limit: PAGE_SIZE }).then(
      (reply) => {
        if (request !== latest.current) return;
        fresh.set(0, reply.entities);
        pages.current = fresh;
        incoming.current = null;
        setTotal(reply.total);
        setAnswered(q);
        setError(null);
        setArrived((n) => n + 1);
      },
      (e: unknown) => {
        if (request !== latest.current) return;
        incoming.current = null;
        setError(errorText(e));
      },
    );
  }, []);

  const reloadFacets = useCallback(() => {
    send('entitiesFacets', {}).then(setFacets, (e: unknown) => setError(errorText(e)));
  }, []);

  const queryRef = useRef(query);
  queryRef.current = query;

  // Also after an import's end, not only at the signal: in Firefox, after 100,000 long notes
  // were restored, the list once never showed them (ARCHITECTURE.md, "Known gaps").
  const refresh = useCallback(() => {
    restart(queryRef.current);
    reloadFacets();
    setGeneration((g) => g + 1);
  }, [restart, reloadFacets]);

  useEffect(() => {
    restart(query);
  }, [query, restart]);

  useEffect(() => {
    reloadFacets();
    const stop = new AbortController();
    watchSignals((changed) => {
      if (changed.has('dictionary')) refresh();
    }, stop.signal);
    return () => stop.abort();
  }, [refresh, reloadFacets]);

  const setQuery = useCallback(
    (patch: Partial<SearchQuery>) => setQueryState((q) => ({ ...q, ...patch })),
    [],
  );

  const at = (index: number): Entity | undefined => {
    const page = Math.floor(index / PAGE_SIZE);
    const rows = pages.current.get(page);
    if (!rows && !asked.current.has(page)) fetchPage(page, query, latest.current);
    return rows?.[index % PAGE_SIZE];
  };

  return { query, setQuery, total, answered, at, facets, error, generation, refresh };
}
