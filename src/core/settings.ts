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
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export const SettingsPatchSchema = v.partial(v.object(SettingsSchema.entries));
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

/** Reads stored settings; anything missing or malformed falls back to its default. */
export function readSettings(stored: unknown): Settings {
  const result = v.safeParse(SettingsSchema, stored ?? {});
  return result.success ? result.output : v.parse(SettingsSchema, {});
}
