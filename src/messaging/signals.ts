/**
 * storage.local carries no state, only signals. Content scripts can write
 * storage.local (in both browsers), so what it holds proves nothing: the
 * background keeps the settings, the last export and the dictionary version
 * in its database (src/db/state.ts) and, after changing one, writes a new
 * stamp under that one's signal key. Open pages follow storage.onChanged
 * only to learn that something changed, and then ask the background
 * (`settingsGet`, `lastExportGet`, `dictionaryInfo`). A forged signal costs
 * one needless read of the truth.
 *
 * Kept apart from protocol.ts so the content script does not bundle the
 * protocol's schemas.
 */
import { browser } from 'wxt/browser';

export const SIGNALS = {
  settings: 'settingsChanged',
  dictionary: 'dictionaryChanged',
  export: 'exportChanged',
  /** A subscription was checked, paused, ended or settled: the manager reads the list again. */
  subscriptions: 'subscriptionsChanged',
} as const;
export type SignalName = keyof typeof SIGNALS;

const NAMES = Object.keys(SIGNALS) as SignalName[];

/**
 * Calls `listener` with what changed whenever one of the signals changes,
 * until `signal` aborts.
 */
export function watchSignals(
  listener: (changed: ReadonlySet<SignalName>) => void,
  signal?: AbortSignal,
): void {
  const onChanged = (changes: Record<string, unknown>, area: string): void => {
    if (area !== 'local') return;
    const changed = new Set(NAMES.filter((name) => SIGNALS[name] in changes));
    if (changed.size) listener(changed);
  };
  browser.storage.onChanged.addListener(onChanged);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
}
