/**
 * Every word Backstory shows comes from `_locales` (assets/public/_locales),
 * through the browser's i18n API, so a translation is a new messages.json and
 * no code. Keys are checked at compile time against the English file.
 */
import { browser } from 'wxt/browser';
import type messages from '../assets/public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const text = browser.i18n.getMessage(
    key,
    substitutions.map((s) => (typeof s === 'number' ? s.toLocaleString() : s)),
  );
  // A missing message is a bug; showing its key beats showing nothing.
  return text || key;
}
