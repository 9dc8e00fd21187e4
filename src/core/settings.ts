/**
 * User settings, stored in storage.local under SETTINGS_KEY. Only the
 * background writes them; pages read them (and their changes) directly.
 */
import * as v from 'valibot';

export const SETTINGS_KEY = 'settings';

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const SettingsSchema = v.object({
  /** Mark only the first mention of each entity on a page. */
  firstMentionOnly: v.optional(v.boolean(), false),
  /** How long the pointer rests on a mark before the card shows, in ms. */
  hoverDelay: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2000)), 300),
  /** The card's colours: as the system's light or dark setting, or always one of them. */
  theme: v.optional(v.picklist(THEMES), 'auto'),
  /** Sites Backstory never runs on: host names, `*.example.com` for a domain and its subdomains. */
  neverSites: v.optional(v.array(v.pipe(v.string(), v.maxLength(253))), []),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export const SettingsPatchSchema = v.partial(v.object(SettingsSchema.entries));
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

/** Reads stored settings; anything missing or malformed falls back to its default. */
export function readSettings(stored: unknown): Settings {
  const result = v.safeParse(SettingsSchema, stored ?? {});
  return result.success ? result.output : v.parse(SettingsSchema, {});
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

/** Whether Backstory runs on a page of `host`. */
export function siteAllowed(host: string, settings: Settings): boolean {
  return !settings.neverSites.some((pattern) => siteMatches(host, pattern));
}

/**
 * The never-list with `host` switched on (its own entry removed) or off
 * (added). A domain rule (`*.example.com`) is left alone: it is changed in
 * the manager, where the reader sees what else it covers.
 */
export function withSite(settings: Settings, host: string, on: boolean): string[] {
  if (!on) return [...new Set([...settings.neverSites, host.toLowerCase()])];
  return settings.neverSites.filter((p) => p.startsWith('*.') || !siteMatches(host, p));
}

/** The domain rule that keeps `host` off, if one does. */
export function domainRuleFor(host: string, settings: Settings): string | undefined {
  return settings.neverSites.find((p) => p.startsWith('*.') && siteMatches(host, p));
}
