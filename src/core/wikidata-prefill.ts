/**
 * A new note's fields from a Wikidata item the reader picked (issue 15,
 * point 4): the name, the aliases, the kind, the links. Nothing is saved:
 * the composer or the editor shows them, and the reader saves. Labels and
 * aliases are CC0 (https://www.wikidata.org/wiki/Wikidata:Licensing), so
 * they carry no licence of their own.
 */
import { foldForm } from './fold';
import type { CaseRule, Kind, Link } from './entity';
import { LIMITS } from './limits';
import { isCapitalsForm } from './matcher-compile';
import { WIKIDATA_ITEM_PAGE, type WikidataItem } from './wikidata';
import { kindOf } from './wikidata-kinds';
import { articleUrl } from './wikipedia';

export interface WikiPrefill {
  /** The item, as "Q42". */
  id: string;
  name: string;
  aliases: string[];
  kind: Kind;
  /** Case rules beyond the default (DESIGN.md section 4, rule 2), as the editor keeps them. */
  matchCase?: Record<string, CaseRule>;
  /** The item's page, and its Wikipedia article when it has one. */
  links: Link[];
  /** The item's description, in the first language that has one. */
  description?: string;
  /** The article to summarise (wikipedia.ts), in the first language that has one. */
  article?: { language: string; title: string };
}

/** An acronym: 2 to 6 capital letters ("EU", "NATO", "UNESCO"). */
const ACRONYM = /^\p{Lu}{2,6}$/u;

/**
 * The prefill from `item`, whose terms come in the order of the languages
 * asked for (the reader's, the page's, then "mul"): the name is the first
 * label; the other labels and every alias become aliases. `fallbackLabel`
 * (the candidate's) names an item with no label in those languages; with
 * neither, there is no prefill.
 */
export function prefillFromItem(item: WikidataItem, fallbackLabel?: string): WikiPrefill | null {
  const labels = item.terms.flatMap((t) => (t.label ? [t.label] : []));
  const name = labels[0] ?? fallbackLabel;
  if (!name) return null;
  const forms = new FormSet();
  forms.add(name, true);
  for (const label of labels.slice(1)) forms.add(label);
  for (const terms of item.terms) for (const alias of terms.aliases) forms.add(alias);
  const aliases = forms.list.slice(1, LIMITS.aliases + 1);

  // 2 to 5 capitals match their exact case already; a 6-letter acronym needs saying so.
  const exact = [name, ...aliases].filter((f) => ACRONYM.test(f) && !isCapitalsForm(f));
  const description = item.terms.find((t) => t.description)?.description;
  const article = item.articles[0];
  return {
    id: item.id,
    name,
    aliases,
    kind: kindOf(item.instanceOf),
    ...(exact.length
      ? { matchCase: Object.fromEntries(exact.map((f) => [f, 'exact' as const])) }
      : {}),
    links: [
      ...(article
        ? [{ title: 'Wikipedia', url: articleUrl(article.language, article.title) }]
        : []),
      { title: 'Wikidata', url: WIKIDATA_ITEM_PAGE + item.id },
    ],
    ...(description ? { description } : {}),
    ...(article ? { article } : {}),
  };
}

/**
 * Surface forms without duplicates, as the matcher tells them apart
 * (matcher-compile.ts): a form of capitals matches its exact text, any
 * other its folded text, so "NATO" and "Nato" are two forms and "Erdoğan"
 * and "Erdogan" one. A form that folds to fewer than 2 characters would
 * mark every lone letter, and is left out.
 */
class FormSet {
  readonly list: string[] = [];
  private readonly keys = new Set<string>();

  /** Adds `form` unless it is one already there; the name is added whatever its length (`always`). */
  add(form: string, always = false): void {
    // Each alias costs a fold: stop once the list is full.
    if (this.list.length > LIMITS.aliases || form.length > LIMITS.alias) return;
    const folded = foldForm(form);
    if (folded.length < 2 && !always) return;
    const key = isCapitalsForm(form) || ACRONYM.test(form) ? `E${form}` : `F${folded}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.list.push(form);
  }
}
