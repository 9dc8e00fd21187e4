/**
 * The storage.local key whose change tells every page the dictionary
 * changed. Kept apart from protocol.ts so the content script does not bundle
 * the protocol's schemas.
 */
export const DICTIONARY_VERSION_KEY = 'dictionaryVersion';

/** storage.local key of the last export: `{ at, count }`, for the manager's reminder. */
export const LAST_EXPORT_KEY = 'lastExport';
