/**
 * The entity list for the manager, reloaded whenever notes change anywhere
 * (another tab, a card, an import).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Entity } from '../core/entity';
import { send } from '../messaging/client';
import { DICTIONARY_VERSION_KEY } from '../messaging/keys';

export function useEntities(): {
  entities: Entity[] | null;
  error: string | null;
  reload: () => void;
} {
  const [entities, setEntities] = useState<Entity[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    send('entitiesList', {}).then(
      (list) => {
        setEntities(list);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(() => {
    reload();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && DICTIONARY_VERSION_KEY in changes) reload();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [reload]);
  return { entities, error, reload };
}
