/**
 * What a look-up's pick (core/wiki-fill.ts) does to the fields an editor
 * holds, before anything is saved: the name if there was none (or the
 * same), the aliases merged, the kind, the links added, the case rules, and
 * the note with its source only where the reader's own note is not
 * replaced against their word.
 */
import type { CaseRule, Kind, Link, Source } from '../core/entity';
import { LIMITS } from '../core/limits';
import type { WikiFill } from '../core/wiki-fill';

export interface LookupFields {
  name: string;
  aliases: string[];
  kind: Kind;
  note: string;
  links: Link[];
  matchCase: Record<string, CaseRule>;
  /** Sources this look-up adds (the Wikipedia article its note was taken from). */
  sources: Source[];
}

/** Whether taking the fill's note would replace text the reader wrote: ask first. */
export function replacesNote(note: string, fill: WikiFill): boolean {
  return fill.note !== undefined && note.trim() !== '' && note.trim() !== fill.note.trim();
}

const same = (a: string, b: string) =>
  a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The fields after the pick; `takeNote` says whether the summary replaces the note. */
export function mergeLookup(
  current: LookupFields,
  fill: WikiFill,
  takeNote: boolean,
): LookupFields {
  const { prefill } = fill;
  const name =
    !current.name.trim() || same(current.name, prefill.name) ? prefill.name : current.name;
  // The item's name becomes an alias when the reader keeps another name.
  const aliases: string[] = [];
  for (const alias of [
    ...current.aliases,
    ...(name === prefill.name ? [] : [prefill.name]),
    ...prefill.aliases,
  ]) {
    if (aliases.length >= LIMITS.aliases) break;
    if (alias === name || aliases.includes(alias)) continue;
    aliases.push(alias);
  }
  const links = [...current.links];
  for (const link of prefill.links) if (!links.some((l) => l.url === link.url)) links.push(link);
  const note =
    fill.note !== undefined && (takeNote || !current.note.trim()) ? fill.note : current.note;
  const tookNote = fill.note !== undefined && note === fill.note;
  const sources =
    tookNote && fill.source && !current.sources.some((s) => s.url === fill.source?.url)
      ? [...current.sources, fill.source]
      : current.sources;
  return {
    name,
    aliases,
    kind: prefill.kind,
    note,
    links,
    matchCase: { ...current.matchCase, ...prefill.matchCase },
    sources,
  };
}
