/**
 * The form table on real pages: every corpus page's text (as the bench
 * reads it) scanned with the table and with the automaton, at the bench's
 * dictionaries of 1,000 and 100,000 entities, finds the same marks.
 */
import { describe, expect, it } from 'vitest';
import { CORPUS, hasCorpus, NO_CORPUS_MESSAGE } from '../../e2e/support/paths';
import { corpusPages, pageText } from '../../bench/corpus';
import { benchDictionary, corpusWords } from '../../bench/dictionary';
import { asEntities } from '../../bench/matcher';
import { compileDictionary } from './dictionary';
import { foldCodes } from './fold';
import { buildFormTable, entityKindCodes } from './form-table-build';
import { asTableMatches, scanTable } from './form-table-scan';
import { scanFolded } from './matcher';

describe('the form table on the corpus pages', () => {
  const pages = hasCorpus ? corpusPages(CORPUS) : [];
  const texts = pages.map((page) => ({ page, text: pageText(CORPUS, page) }));
  const words = hasCorpus ? corpusWords(CORPUS, pages) : [];

  it.for([1_000, 100_000])('finds the automaton’s marks at %i entities', (size, ctx) => {
    ctx.skip(!hasCorpus, NO_CORPUS_MESSAGE);
    const compiled = compileDictionary(
      asEntities(benchDictionary(CORPUS, size, words, 'entities')),
      1,
    );
    const kinds = entityKindCodes(compiled.entities);
    const table = buildFormTable(compiled.matcher, kinds)!;
    let marks = 0;
    for (const { page, text } of texts) {
      const folded = foldCodes(text);
      const expected = asTableMatches(scanFolded(compiled.matcher, text, folded), kinds);
      expect(scanTable(table, text, folded), page).toEqual(expected);
      marks += expected.length;
    }
    // The bench's dictionaries do mention the pages' names.
    expect(marks).toBeGreaterThan(1_000);
  });
});
