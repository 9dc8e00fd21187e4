/**
 * What a look-up needs the reader to allow, asked in the click of "Look up"
 * (permissions.request, optional in the manifest: wxt.config.ts): reading
 * every language's Wikipedia and Wikidata and, in Firefox, sending website
 * content (the name looked up is text from the page:
 * https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
 * No import: wxt.config.ts reads these at build time.
 */
export const WIKI_HOST_PERMISSIONS = ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*'];

export const WIKI_DATA_COLLECTION = ['websiteContent'];
