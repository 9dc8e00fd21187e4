/**
 * Retry-After (RFC 9110, section 10.2.3: https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3):
 * how long a server that answered 429 or 503 asks a subscription's checks
 * to wait (background/pack-fetch.ts).
 */

const MAX_RETRY_AFTER_MS = 30 * 86_400_000;
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = String.raw`\d{2}:\d{2}:\d{2}`;
/**
 * The three forms of an HTTP date, which a recipient must all accept (RFC
 * 9110, section 5.6.7: https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7):
 * IMF-fixdate, the obsolete RFC 850 form, and asctime (which names no zone:
 * it is GMT, and Date.parse would take it for local time).
 */
const HTTP_DATES: [RegExp, string][] = [
  [new RegExp(String.raw`^${DAY}, \d{2} ${MONTH} \d{4} ${TIME} GMT$`), ''],
  [
    new RegExp(
      String.raw`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{2}-${MONTH}-\d{2} ${TIME} GMT$`,
    ),
    '',
  ],
  [new RegExp(String.raw`^${DAY} ${MONTH} [\d ]\d ${TIME} \d{4}$`), ' GMT'],
];

/**
 * How long a Retry-After asks to wait, in ms: a number of seconds, or an
 * HTTP date (a past one: no wait). At most 30 days, so a server cannot
 * stop the checks for good; undefined for anything else, and the
 * schedule's own back-off applies.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? '';
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const form = HTTP_DATES.find(([pattern]) => pattern.test(text));
    if (!form) return undefined;
    ms = Date.parse(text + form[1]) - now;
    if (Number.isNaN(ms)) return undefined;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
