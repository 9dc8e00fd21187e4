/**
 * Answers shaped as Wikidata's Action API and Wikipedia's REST summary
 * document them (wbsearchentities, wbgetentities and wbgetclaims:
 * https://www.wikidata.org/w/api.php?action=help&modules=main; the summary:
 * https://www.mediawiki.org/wiki/Specs/Summary/1.3.0), for the unit tests
 * of src/core/wikidata.ts and src/core/wikipedia.ts and for the local
 * server (wiki-server.ts) the client is tested against. Every field the
 * APIs send is here, those Backstory ignores included, so a test sees what
 * a real answer holds. The texts are short stand-ins, not Wikipedia's.
 */

const term = (language: string, value: string) => ({ language, value });
const statement = (entity: string, target: string, rank = 'normal') => ({
  mainsnak: {
    snaktype: 'value',
    property: 'P31',
    hash: `${entity}${target}`,
    datavalue: {
      value: { 'entity-type': 'item', 'numeric-id': Number(target.slice(1)), id: target },
      type: 'wikibase-entityid',
    },
    datatype: 'wikibase-item',
  },
  type: 'statement',
  id: `${entity}$${target}`,
  rank,
});

/** One hit of wbsearchentities, as it sends it. */
export function searchHit(id: string, label: string, description: string, matched = label) {
  return {
    id,
    title: id,
    pageid: Number(id.slice(1)) + 100,
    display: {
      label: term('en', label),
      description: term('en', description),
    },
    repository: 'wikidata',
    url: `//www.wikidata.org/wiki/${id}`,
    concepturi: `http://www.wikidata.org/entity/${id}`,
    label,
    description,
    match: { type: matched === label ? 'label' : 'alias', language: 'en', text: matched },
    ...(matched === label ? {} : { aliases: [matched] }),
  };
}

export function searchAnswer(search: string, hits: unknown[]) {
  return { searchinfo: { search }, search: hits, 'search-continue': hits.length, success: 1 };
}

export const NATO_SEARCH = searchAnswer('nato', [
  searchHit('Q7184', 'NATO', 'intergovernmental military alliance'),
  searchHit('Q1572064', 'NATO phonetic alphabet', 'spelling alphabet', 'NATO alphabet'),
]);

/** NATO's terms in English and German, its articles, as wbgetentities sends them. */
export const NATO_ENTITY = {
  entities: {
    Q7184: {
      pageid: 7402,
      ns: 0,
      title: 'Q7184',
      lastrevid: 2000000000,
      modified: '2026-11-30T10:00:00Z',
      type: 'item',
      id: 'Q7184',
      labels: { en: term('en', 'NATO'), de: term('de', 'NATO') },
      descriptions: {
        en: term('en', 'intergovernmental military alliance'),
        de: term('de', 'Militärbündnis'),
      },
      aliases: {
        en: [
          term('en', 'North Atlantic Treaty Organization'),
          term('en', 'Nato'),
          term('en', 'north atlantic treaty organization'),
          term('en', 'OTAN'),
        ],
        de: [term('de', 'Nordatlantikpakt'), term('de', 'Organisation des Nordatlantikvertrags')],
      },
      sitelinks: {
        enwiki: { site: 'enwiki', title: 'NATO', badges: [] },
        dewiki: { site: 'dewiki', title: 'NATO', badges: [] },
      },
    },
  },
  success: 1,
};

/** wbgetclaims for NATO's P31. */
export const NATO_CLAIMS = {
  claims: {
    P31: [
      statement('Q7184', 'Q1127126'),
      statement('Q7184', 'Q484652'),
      statement('Q7184', 'Q245065'),
    ],
  },
};

export const NATO_SUMMARY = {
  type: 'standard',
  title: 'NATO',
  displaytitle: '<span class="mw-page-title-main">NATO</span>',
  namespace: { id: 0, text: '' },
  wikibase_item: 'Q7184',
  titles: {
    canonical: 'NATO',
    normalized: 'NATO',
    display: '<span class="mw-page-title-main">NATO</span>',
  },
  pageid: 21133,
  lang: 'en',
  dir: 'ltr',
  revision: '1200000000',
  tid: '00000000-0000-0000-0000-000000000000',
  timestamp: '2026-11-30T10:00:00Z',
  description: 'Intergovernmental military alliance',
  description_source: 'local',
  content_urls: {
    desktop: {
      page: 'https://en.wikipedia.org/wiki/NATO',
      revisions: 'https://en.wikipedia.org/wiki/NATO?action=history',
      edit: 'https://en.wikipedia.org/wiki/NATO?action=edit',
      talk: 'https://en.wikipedia.org/wiki/Talk:NATO',
    },
    mobile: {
      page: 'https://en.m.wikipedia.org/wiki/NATO',
      revisions: 'https://en.m.wikipedia.org/wiki/Special:History/NATO',
      edit: 'https://en.m.wikipedia.org/wiki/NATO?action=edit',
      talk: 'https://en.m.wikipedia.org/wiki/Talk:NATO',
    },
  },
  extract:
    'The North Atlantic Treaty Organization (NATO) is a military alliance of European and North American states, founded in 1949.',
  extract_html:
    '<p>The <b>North Atlantic Treaty Organization</b> (<b>NATO</b>) is a military alliance of European and North American states, founded in 1949.</p>',
};

/** A page that lists what a title may mean: "Mercury". */
export const MERCURY_SUMMARY = {
  ...NATO_SUMMARY,
  type: 'disambiguation',
  title: 'Mercury',
  displaytitle: 'Mercury',
  wikibase_item: 'Q10371',
  titles: { canonical: 'Mercury', normalized: 'Mercury', display: 'Mercury' },
  description: 'Topics referred to by the same term',
  content_urls: {
    desktop: { page: 'https://en.wikipedia.org/wiki/Mercury' },
    mobile: { page: 'https://en.m.wikipedia.org/wiki/Mercury' },
  },
  extract: 'Mercury commonly refers to: Mercury (planet), Mercury (element), Mercury (mythology).',
  extract_html: '<p><b>Mercury</b> commonly refers to:</p>',
};

/** An article whose summary has no extract (a list). */
export const LIST_SUMMARY = {
  ...NATO_SUMMARY,
  type: 'no-extract',
  title: 'List of NATO operations',
  displaytitle: 'List of NATO operations',
  titles: {
    canonical: 'List_of_NATO_operations',
    normalized: 'List of NATO operations',
    display: 'List of NATO operations',
  },
  description: 'Wikimedia list article',
  content_urls: {
    desktop: { page: 'https://en.wikipedia.org/wiki/List_of_NATO_operations' },
    mobile: { page: 'https://en.m.wikipedia.org/wiki/List_of_NATO_operations' },
  },
  extract: '',
  extract_html: '',
};

/** The REST API's 404, as application/problem+json. */
export function notFoundProblem(title: string) {
  return {
    type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found',
    title: 'Not found.',
    method: 'get',
    detail: 'Page or revision not found.',
    uri: `/en.wikipedia.org/v1/page/summary/${title}`,
  };
}

/** A person whose name Wikidata keeps under "mul" only, with a 6-letter acronym among the aliases. */
export const PERSON_ENTITY = {
  entities: {
    Q42: {
      type: 'item',
      id: 'Q42',
      labels: { mul: term('mul', 'Douglas Adams') },
      descriptions: { en: term('en', 'English author and humorist (1952–2001)') },
      aliases: {
        en: [
          term('en', 'Douglas Noël Adams'),
          term('en', 'Douglas Noel Adams'),
          term('en', 'DNADAM'),
        ],
        mul: [term('mul', 'Douglas N. Adams')],
      },
      sitelinks: { enwiki: { site: 'enwiki', title: 'Douglas Adams', badges: [] } },
    },
  },
  success: 1,
};

export const PERSON_CLAIMS = { claims: { P31: [statement('Q42', 'Q5')] } };

/** wbgetentities for an id Wikidata does not have (deleted, or never made). */
export const MISSING_ENTITY = {
  entities: { Q999999999: { id: 'Q999999999', missing: '' } },
  success: 1,
};

/** The Action API's error answer (with status 200), as for a malformed id. */
export const API_ERROR = {
  error: {
    code: 'no-such-entity',
    info: 'Could not find an entity with the ID "Q0".',
    id: 'Q0',
    '*': 'See https://www.wikidata.org/w/api.php for API usage.',
  },
  servedby: 'mw-api-ext.eqiad.main-0',
};
