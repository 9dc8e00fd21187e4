/**
 * User settings. The background keeps them in its database (src/db/state.ts)
 * and is their only writer; pages ask for them (`settingsGet`).
 */
import * as v from 'valibot';
import { KindColorsSchema } from './kind-colors';

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** A stored site list: read leniently, so an entry written by an older version never loses the rest. */
const StoredSites = v.array(v.pipe(v.string(), v.maxLength(253)));

export const SettingsSchema = v.object({
  /** Mark only the first mention of each entity on a page. */
  firstMentionOnly: v.optional(v.boolean(), false),
  /** How long the pointer rests on a mark before the card shows, in ms. */
  hoverDelay: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2000)), 300),
  /** The card's colours: as the system's light or dark setting, or always one of them. */
  theme: v.optional(v.picklist(THEMES), 'auto'),
  /** Colours of the marks per kind (`#rrggbb`); a kind left out has its default. */
  kindColors: v.optional(KindColorsSchema, {}),
  /** Sites Backstory never runs on: host names, `*.example.com` for a domain and its subdomains. */
  neverSites: v.optional(StoredSites, []),
  /** When not empty, the only sites Backstory runs on (the never-list still wins). */
  onlySites: v.optional(StoredSites, []),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

/** A site rule as the background accepts it: already in the form `siteRule` gives. */
const SiteRuleSchema = v.pipe(
  v.string(),
  v.check((s) => {
    const parsed = parseSiteRule(s);
    return parsed !== null && 'rule' in parsed && parsed.rule === s;
  }, 'a site rule is a host name, or *. and a domain'),
);
const SiteListSchema = v.pipe(v.array(SiteRuleSchema), v.maxLength(5000));

/** What `settingsSet` accepts: any of the settings, site rules checked strictly. */
export const SettingsPatchSchema = v.partial(
  v.object({ ...SettingsSchema.entries, neverSites: SiteListSchema, onlySites: SiteListSchema }),
);
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

/** Reads stored settings; a setting missing or malformed falls back to its default, alone. */
export function readSettings(stored: unknown): Settings {
  const record = stored !== null && typeof stored === 'object' ? stored : {};
  const fields = Object.fromEntries(
    Object.entries(SettingsSchema.entries).map(([key, schema]) => {
      const value = (record as Record<string, unknown>)[key];
      const result = v.safeParse(schema, value);
      return [key, result.success ? result.output : v.getDefault(schema)];
    }),
  );
  return v.parse(SettingsSchema, fields);
}

/** Whether `host` matches a site pattern: `example.com`, or `*.example.com` (the domain and below). */
export function siteMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.trim().toLowerCase().replace(/\.$/, '');
  if (p.startsWith('*.')) {
    const domain = p.slice(2);
    return h === domain || h.endsWith(`.${domain}`);
  }
  return h === p;
}

/**
 * Whether Backstory runs on a page of `host`: not on the never-list, and, if
 * there is an only-list, on it.
 */
export function siteAllowed(host: string, settings: Settings): boolean {
  if (settings.neverSites.some((pattern) => siteMatches(host, pattern))) return false;
  return !settings.onlySites.length || onlyListed(host, settings);
}

/** Whether the only-list names `host` (true of no site when the list is empty). */
export function onlyListed(host: string, settings: Settings): boolean {
  return settings.onlySites.some((pattern) => siteMatches(host, pattern));
}

/**
 * The site lists after the popup's switch turns `host` off or on.
 *
 * Off adds the host to the never-list, even when it was on through the
 * only-list: taking it off the only-list instead could leave that list
 * empty, and an empty only-list means every site.
 *
 * On takes the host's own entry off the never-list and, when an only-list
 * exists that does not name it, adds the host to the only-list (the popup
 * says so beside the switch). A domain rule (`*.example.com`) is left alone:
 * it is changed in the manager, where the reader sees what else it covers.
 */
export function withSite(
  settings: Settings,
  host: string,
  on: boolean,
): Pick<Settings, 'neverSites' | 'onlySites'> {
  const name = host.toLowerCase();
  if (!on) {
    return {
      neverSites: [...new Set([...settings.neverSites, name])],
      onlySites: settings.onlySites,
    };
  }
  const neverSites = settings.neverSites.filter((p) => p.startsWith('*.') || !siteMatches(host, p));
  const onlySites =
    settings.onlySites.length && !onlyListed(host, settings)
      ? [...settings.onlySites, name]
      : settings.onlySites;
  return { neverSites, onlySites };
}

/** The domain rule that keeps `host` off, if one does. */
export function domainRuleFor(host: string, settings: Settings): string | undefined {
  return settings.neverSites.find((p) => p.startsWith('*.') && siteMatches(host, p));
}

/** Why a line is not a site rule. */
export type SiteRuleProblem = 'scheme' | 'path' | 'space' | 'wildcard' | 'invalid';

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/**
 * One line of a site list, as the reader typed it: `example.com`, a domain
 * and all below it as `*.example.com`, an IP address. Returns the rule in
 * the form pages compare with their `location.hostname` (lower case, no
 * final dot, international names in their `xn--` form), null for a blank
 * line, or what is wrong with it.
 */
export function parseSiteRule(
  line: string,
): { rule: string } | { problem: SiteRuleProblem } | null {
  const text = line.trim();
  if (!text) return null;
  if (/\s/.test(text)) return { problem: 'space' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('//')) return { problem: 'scheme' };
  const wildcard = text.startsWith('*.');
  const host = wildcard ? text.slice(2) : text;
  if (host.includes('*')) return { problem: 'wildcard' };
  if (/[/?#@\\]/.test(host) || (!host.startsWith('[') && host.includes(':')))
    return { problem: 'path' };
  if (!host || host.includes('%')) return { problem: wildcard && !host ? 'wildcard' : 'invalid' };
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname.replace(/\.$/, '');
  } catch {
    return { problem: 'invalid' };
  }
  const ip = IPV4.test(name) || IPV6.test(name);
  if (ip && wildcard) return { problem: 'wildcard' };
  if (!ip && (name.length > 253 || !name.split('.').every((label) => LABEL.test(label))))
    return { problem: 'invalid' };
  return { rule: wildcard ? `*.${name}` : name };
}

export interface SiteRuleError {
  /** 1-based line number. */
  line: number;
  text: string;
  problem: SiteRuleProblem;
}

/** A site list from a text with one rule per line: the rules (blank lines and repeats left out), or every bad line. */
export function parseSiteRules(
  text: string,
): { rules: string[]; errors?: never } | { errors: SiteRuleError[]; rules?: never } {
  const rules: string[] = [];
  const errors: SiteRuleError[] = [];
  text.split('\n').forEach((line, i) => {
    const parsed = parseSiteRule(line);
    if (!parsed) return;
    if ('problem' in parsed)
      errors.push({ line: i + 1, text: line.trim(), problem: parsed.problem });
    else if (!rules.includes(parsed.rule)) rules.push(parsed.rule);
  });
  return errors.length ? { errors } : { rules };
}
