/**
 * What a look-up needs the reader to allow, asked in the click of "Look up"
 * (permissions.request, optional in the manifest: wxt.config.ts): reading
 * every language's Wikipedia and Wikidata and, in Firefox, sending website
 * content (the name looked up is text from the page:
 * https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
 * No import: wxt.config.ts reads the lists at build time.
 */
export const WIKI_HOST_PERMISSIONS = ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*'];

export const WIKI_DATA_COLLECTION = ['websiteContent'];

/**
 * What the click of "Look up" asks `permissions.request` for: the hosts,
 * and in Firefox (`firefox`: the page's `location.protocol` is
 * "moz-extension:", known without waiting, as the request must be the
 * click's first asynchronous call) the data collection too. Chrome refuses
 * a request that names `data_collection`.
 */
export function wikiPermissionRequest(firefox: boolean): {
  origins: string[];
  data_collection?: string[];
} {
  return {
    origins: [...WIKI_HOST_PERMISSIONS],
    ...(firefox ? { data_collection: [...WIKI_DATA_COLLECTION] } : {}),
  };
}
