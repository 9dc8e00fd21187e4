/**
 * The popup's names without a note, read in its page (by Playwright or
 * Puppeteer), and what a saved note keeps of where it was found.
 */

export interface ListedName {
  name: string;
  kind: string;
  count: string;
  sentence: string;
}

/** The list as the popup shows it; null while the names are being found. */
export function readNameList(): ListedName[] | null {
  const section = document.querySelector('section.names');
  if (!section || section.getAttribute('aria-busy') === 'true') return null;
  return [...section.querySelectorAll('.names-list li')].map((li) => ({
    name: li.querySelector('.name')?.textContent ?? '',
    kind: li.querySelector('.kind-word')?.textContent ?? '',
    count: li.querySelector('.count')?.textContent ?? '',
    sentence: li.querySelector('.sentence')?.textContent ?? '',
  }));
}

/** The fixture page (e2e/sites/names.html) and what its list starts with. */
export const NAMES_PAGE = '/sites/names.html';
export const NAMES_TITLE = 'Vestager questions the merger';
export const FIRST_SENTENCE =
  'Margrethe Vestager, the competition commissioner, told reporters in Brussels on Monday that the European Commission would look again at the deal.';
export const VESTAGER: ListedName = {
  name: 'Margrethe Vestager',
  // Written in capitals by the popup's style sheet.
  kind: 'person',
  count: '5',
  sentence: FIRST_SENTENCE,
};

/** A request a test counts as leaving the machine: not to the test server, not inside the extension. */
export function leavesMachine(url: string): boolean {
  return !/^(https?:\/\/127\.0\.0\.1[:/]|chrome-extension:|moz-extension:|data:|blob:|about:)/.test(
    url,
  );
}

export interface ComposerFields {
  title: string;
  name: string;
  kind: string;
  aliases: string;
  source: string;
}

/** The new-note card's fields, read in the card's own document; null while it shows none. */
export function readComposer(): ComposerFields | null {
  const form = document.querySelector('[role="dialog"] form.editor');
  if (!form) return null;
  const fields = [
    ...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      'input, select, textarea',
    ),
  ];
  const labelled = (word: string) =>
    fields.find((f) => f.closest('label')?.textContent?.startsWith(word))?.value ?? '';
  return {
    title: document.querySelector('[role="dialog"] h2')?.textContent ?? '',
    name: labelled('Name'),
    kind: labelled('Kind'),
    aliases: labelled('Aliases'),
    source: form.querySelector('[data-testid="composer-source"]')?.textContent ?? '',
  };
}

/** The name whose button has focus in the popup, '' when focus is elsewhere. */
export function focusedName(): string {
  const active = document.activeElement;
  return active?.matches('.names-list button.entity')
    ? (active.querySelector('.name')?.textContent ?? '')
    : '';
}
