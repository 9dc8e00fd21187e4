/**
 * The editor's checks, with a message per field shown beside it: the same
 * limits a pack file has (core/pack.ts LIMITS), so whatever the editor
 * saves also exports and imports again.
 */
import { isWebUrl, type Link } from '../../core/entity';
import { LIMITS } from '../../core/pack';
import { t } from '../../i18n';

export interface EditorDraft {
  name: string;
  aliases: string[];
  note: string;
  tags: string[];
  links: Link[];
}

export type FieldErrors = Partial<Record<'name' | 'aliases' | 'note' | 'tags' | 'links', string>>;

function listProblem(items: readonly string[], max: number, each: number): string | undefined {
  if (items.length > max) return t('invalidTooMany', max);
  const long = items.find((s) => s.length > each);
  return long === undefined ? undefined : t('invalidItemTooLong', long.slice(0, 40), each);
}

export function validateDraft(d: EditorDraft): FieldErrors {
  const errors: FieldErrors = {};
  const name = d.name.trim();
  if (!name) errors.name = t('invalidNameEmpty');
  else if (name.length > LIMITS.name) errors.name = t('invalidTooLong', LIMITS.name, name.length);
  const aliases = listProblem(d.aliases, LIMITS.aliases, LIMITS.alias);
  if (aliases) errors.aliases = aliases;
  const tags = listProblem(d.tags, LIMITS.tags, LIMITS.tag);
  if (tags) errors.tags = tags;
  if (d.note.length > LIMITS.note) errors.note = t('invalidTooLong', LIMITS.note, d.note.length);
  const badLink = d.links.findIndex((l) => !isWebUrl(l.url.trim()));
  if (badLink >= 0) errors.links = t('invalidUrl', badLink + 1);
  return errors;
}
