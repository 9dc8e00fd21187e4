/**
 * Colours per kind: the defaults, the reader's choices over them, and how a
 * colour draws a mark. The colour only underlines the marked words and tints
 * the background behind them (16 %); it never colours the text itself, so a
 * marked word keeps the page's own contrast whatever colour is chosen.
 *
 * `src/content/highlights.css` draws the defaults with the same rules (a
 * unit test holds the two together); a choice is drawn by a style sheet made
 * from `kindColorsCss`.
 */
import * as v from 'valibot';
import { KINDS, type Kind } from './entity';

export const DEFAULT_KIND_COLORS: Readonly<Record<Kind, string>> = {
  person: '#3b6fd6',
  organization: '#8a4fd1',
  place: '#1f9d6b',
  topic: '#d6793b',
  other: '#7b7b7b',
};

/** `#rrggbb`, the form an `<input type="color">` gives; stored in lower case. */
export const HexColorSchema = v.pipe(
  v.string(),
  v.regex(/^#[0-9a-f]{6}$/i, 'a colour is written #rrggbb'),
  v.toLowerCase(),
);

const hex = v.optional(HexColorSchema);
/** The reader's colours; a kind left out has its default. */
export const KindColorsSchema = v.object({
  person: hex,
  organization: hex,
  place: hex,
  topic: hex,
  other: hex,
});
export type KindColors = v.InferOutput<typeof KindColorsSchema>;

export function kindColor(colors: KindColors, kind: Kind): string {
  return colors[kind] ?? DEFAULT_KIND_COLORS[kind];
}

/** The choices with `kind` set to `color`; `null`, or the default itself, goes back to the default. */
export function withKindColor(colors: KindColors, kind: Kind, color: string | null): KindColors {
  const next = { ...colors };
  const value = color?.toLowerCase();
  if (!value || value === DEFAULT_KIND_COLORS[kind]) delete next[kind];
  else next[kind] = value;
  return next;
}

/** A mark's background and underline for a `#rrggbb` colour. */
export function markStyle(color: string): { background: string; underline: string } {
  const rgb = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)).join(' ');
  return { background: `rgb(${rgb} / 0.16)`, underline: `rgb(${rgb} / 0.7)` };
}

/**
 * Rules for the kinds whose colour was changed. `!important`: Firefox puts
 * the extension's own style sheet (highlights.css) after the page's adopted
 * sheets, so a plain rule there would lose to the default.
 */
export function kindColorsCss(colors: KindColors): string {
  return KINDS.filter((kind) => colors[kind])
    .map((kind) => {
      const { background, underline } = markStyle(colors[kind]!);
      return `::highlight(backstory-${kind}) { background-color: ${background} !important; text-decoration: underline 2px ${underline} !important; }`;
    })
    .join('\n');
}

/** Every kind's colour as a custom property (`--color-person`...), for the card and the popup. */
export function kindColorProperties(colors: KindColors): Record<string, string> {
  return Object.fromEntries(KINDS.map((kind) => [`--color-${kind}`, kindColor(colors, kind)]));
}
