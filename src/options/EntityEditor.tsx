/**
 * Add or edit one entity: name, kind, aliases (with a case switch each),
 * the note with a preview, tags, links and sources; Look up, and for a note
 * taken from Wikipedia, Refresh. Each field's problem shows beside it;
 * nothing is sent until every field is valid.
 */
import { useMemo, useState } from 'preact/hooks';
import type { CaseRule, Entity, Kind, Link, Source } from '../core/entity';
import { t } from '../i18n';
import { send } from '../messaging/client';
import { KindField, SaveRow } from '../ui/fields';
import { ChipsField } from './editor/ChipsField';
import { LinksField } from './editor/LinksField';
import { NoteHistory } from './NoteHistory';
import { NoteField } from './editor/NoteField';
import { SourcesField } from './editor/SourcesField';
import { validateDraft, type FieldErrors } from './editor/validate';
import { errorText } from '../ui/error-text';
import { LookUp } from '../ui/LookUp';
import { mergeLookup } from '../ui/lookup-merge';
import type { WikiFill } from '../core/wiki-fill';
import { refreshTarget, type RefreshFields } from '../core/wiki-refresh';
import { RefreshFromWikipedia } from './editor/RefreshFromWikipedia';

export interface EntityEditorProps {
  /** The entity to edit, or null to add a new one. */
  entity: Entity | null;
  onDone: () => void;
  /** Deletes the entity (undoable from the list). */
  onDelete: (entity: Entity) => void;
  /** An earlier version came back from the history: edit the note as it now is. */
  onRestored: (entity: Entity) => void;
}

export function EntityEditor({ entity, onDone, onDelete, onRestored }: EntityEditorProps) {
  const [history, setHistory] = useState(false);
  const [name, setName] = useState(entity?.name ?? '');
  const [aliases, setAliases] = useState<string[]>(entity?.aliases ?? []);
  const [cases, setCases] = useState<Record<string, CaseRule>>(entity?.matchCase ?? {});
  const [kind, setKind] = useState<Kind>(entity?.kind ?? 'person');
  const [note, setNote] = useState(entity?.note ?? '');
  const [tags, setTags] = useState<string[]>(entity?.tags ?? []);
  const [links, setLinks] = useState<Link[]>(entity?.links ?? []);
  const [sources, setSources] = useState<Source[]>(entity?.sources ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** A new note's id, the same at every try of this editor (db/entities.ts `fresh`). */
  const [freshId] = useState(() => crypto.randomUUID());

  /** A look-up's pick: the fields change here, and nothing is saved until Save. */
  const onFill = (fill: WikiFill, takeNote: boolean) => {
    const next = mergeLookup(
      { name, aliases, kind, note, links, matchCase: cases, sources },
      fill,
      takeNote,
    );
    setName(next.name);
    setAliases(next.aliases);
    setKind(next.kind);
    setNote(next.note);
    setLinks(next.links);
    setCases(next.matchCase);
    setSources(next.sources);
  };

  /** What a refresh compares and changes (a new object only when one of them changes). */
  const fields = useMemo<RefreshFields>(
    () => ({ name, aliases, kind, note, links, sources, matchCase: cases }),
    [name, aliases, kind, note, links, sources, cases],
  );
  /** A refresh's accepted parts: the fields change here, and nothing is saved until Save. */
  const onRefresh = (next: RefreshFields) => {
    setAliases(next.aliases);
    setKind(next.kind);
    setNote(next.note);
    setLinks(next.links);
    setSources(next.sources);
    setCases(next.matchCase);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const found = validateDraft({ name, aliases, note, tags, links });
    setErrors(found);
    if (Object.keys(found).length) {
      setError(t('invalidFixFirst'));
      return;
    }
    setSaving(true);
    try {
      await send('entitySave', {
        ...(entity
          ? { id: entity.id, baseUpdatedAt: entity.updatedAt }
          : { id: freshId, fresh: true as const }),
        name,
        aliases,
        kind,
        note,
        tags,
        links: links.map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
        sources,
        matchCase: cases,
      });
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  if (entity && history)
    return (
      <NoteHistory entity={entity} onRestored={onRestored} onClose={() => setHistory(false)} />
    );

  return (
    <form
      class="editor"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-label={entity ? t('editNamed', entity.name) : t('editorNew')}
    >
      <label>
        {t('editorName')}
        <input
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'name-error' : undefined}
        />
        {errors.name && (
          <span id="name-error" class="error field-error">
            {errors.name}
          </span>
        )}
      </label>
      <LookUp name={name} note={note} onFill={onFill} />
      {refreshTarget(fields) && <RefreshFromWikipedia fields={fields} onApply={onRefresh} />}
      <KindField value={kind} onChange={setKind} />
      <ChipsField
        id="aliases"
        label="editorAliases"
        newLabel="chipNewAlias"
        items={aliases}
        onChange={setAliases}
        cases={cases}
        onCases={setCases}
        error={errors.aliases}
      />
      <NoteField value={note} onChange={setNote} error={errors.note} />
      <ChipsField
        id="tags"
        label="editorTags"
        newLabel="chipNewTag"
        items={tags}
        onChange={setTags}
        error={errors.tags}
      />
      <LinksField links={links} onChange={setLinks} error={errors.links} />
      {(entity || sources.length > 0) && <SourcesField sources={sources} onChange={setSources} />}
      <SaveRow error={error} saving={saving} onCancel={onDone} />
      {entity && (
        <button type="button" onClick={() => setHistory(true)}>
          {t('historyOpen')}
        </button>
      )}
      {entity && (
        <button type="button" class="danger" onClick={() => onDelete(entity)}>
          {t('editorDelete')}
        </button>
      )}
    </form>
  );
}
