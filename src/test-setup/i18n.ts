/**
 * Unit tests run without a browser: the fake browser's i18n.getMessage reads
 * the English messages.json and fills placeholders as browsers do.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import messages from '../../assets/public/_locales/en/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) => {
  const entry = (messages as Record<string, Entry>)[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat().map(String);
  const positional = (text: string) =>
    text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? positional(placeholder.content) : '';
  });
};
