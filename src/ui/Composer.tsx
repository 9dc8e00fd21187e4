/**
 * The card as an editor, opened from the context menu on a text selection
 * (a new note prefilled with the selection and where it was read, or a
 * picker that adds the selection as another name of an existing entity), or
 * from the popup's names without a note (a new note prefilled with the name,
 * its kind guessed, its surnames and the sentence it was seen in).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseRule, Entity, Kind, Link, Source } from '../core/entity';
import type { WikiFill } from '../core/wiki-fill';
import { LookUp } from './LookUp';
import { mergeLookup } from './lookup-merge';
import { KindField, ListField, NoteField, SaveRow } from './fields';
import { t } from '../i18n';
import { joinLines, splitLines } from './lists';
import { errorText } from './error-text';
import { wikipediaCredit } from '../messaging/wiki-words';

export interface NewNoteDraft {
  name: string;
  kind: Kind;
  aliases: string[];
  note: string;
  tags: string[];
  /** The page the note was taken from, if it has a web address. */
  addSource?: Source;
  /** From a look-up: links to the article and the item, case rules, and every source (the page's too). */
  links?: Link[];
  matchCase?: Record<string, CaseRule>;
  sources?: Source[];
}

interface Frame {
  title: string;
  onClose: () => void;
  children: preact.ComponentChildren;
}

function ComposerFrame({ title, onClose, children }: Frame) {
  return (
    <section
      class="card kind-other composer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="backstory-composer-title"
      tabIndex={-1}
    >
      <header>
        <h2 id="backstory-composer-title">{title}</h2>
        <button
          type="button"
          class="icon close"
          aria-label={t('cardClose')}
          title={t('cardCloseTitle')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div class="body">{children}</div>
    </section>
  );
}

function useFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

export function NewNoteComposer({
  name: initialName,
  kind: initialKind = 'person',
  aliases: initialAliases = [],
  source,
  pageLanguage,
  onSave,
  onClose,
}: {
  name: string;
  /** A guess to start from (the popup's names); else person. */
  kind?: Kind | undefined;
  aliases?: readonly string[] | undefined;
  source: Source | undefined;
  /** The page's language (`<html lang>`), for Look up to search in. */
  pageLanguage?: string | undefined;
  onSave: (draft: NewNoteDraft) => Promise<void>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [kind, setKind] = useState<Kind>(initialKind);
  const [aliases, setAliases] = useState(joinLines(initialAliases));
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** What a look-up added that this form has no field for: saved with the note. */
  const [looked, setLooked] = useState<{
    links: Link[];
    matchCase: Record<string, CaseRule>;
    sources: Source[];
  }>({ links: [], matchCase: {}, sources: [] });
  const first = useFocus<HTMLTextAreaElement>();

  /** A look-up's pick: the fields change here, and nothing is saved until Save. */
  const onFill = (fill: WikiFill, takeNote: boolean) => {
    const next = mergeLookup(
      { name, aliases: splitLines(aliases), kind, note, ...looked },
      fill,
      takeNote,
    );
    setName(next.name);
    setAliases(joinLines(next.aliases));
    setKind(next.kind);
    setNote(next.note);
    setLooked({ links: next.links, matchCase: next.matchCase, sources: next.sources });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('nameNeeded'));
    try {
      await onSave({
        name,
        kind,
        aliases: splitLines(aliases),
        note,
        tags: splitLines(tags),
        ...(looked.links.length ? { links: looked.links } : {}),
        ...(Object.keys(looked.matchCase).length ? { matchCase: looked.matchCase } : {}),
        // The page and the article both: `sources` is the note's whole list.
        ...(looked.sources.length
          ? { sources: [...(source ? [source] : []), ...looked.sources] }
          : source
            ? { addSource: source }
            : {}),
      });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <ComposerFrame title={t('composerNewTitle')} onClose={onClose}>
      <form class="editor" onSubmit={(e) => void submit(e)}>
        <label>
          {t('editorName')}
          <input value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <LookUp name={name} note={note} pageLanguage={pageLanguage} onFill={onFill} />
        <KindField value={kind} onChange={setKind} />
        <NoteField value={note} onChange={setNote} rows={4} inputRef={first} />
        <ListField label="editorAliases" value={aliases} onChange={setAliases} />
        <ListField label="editorTags" value={tags} onChange={setTags} />
        {source && (
          <p class="source" data-testid="composer-source">
            {t('composerSource', source.title || source.url)}
            {source.quote ? <q>{source.quote}</q> : null}
          </p>
        )}
        {looked.sources.map((s) => (
          <p class="source" key={s.url} data-testid="composer-wiki-source">
            {wikipediaCredit(s.title || s.url, s.license)}
          </p>
        ))}
        <SaveRow error={error} onCancel={onClose} />
      </form>
    </ComposerFrame>
  );
}

export function AliasPicker({
  alias,
  search,
  onPick,
  onClose,
}: {
  alias: string;
  search: (query: string) => Promise<Entity[]>;
  onPick: (entity: Entity) => Promise<void>;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Entity[]>([]);
  const [error, setError] = useState<string | null>(null);
  const input = useFocus<HTMLInputElement>();
  useEffect(() => {
    let current = true;
    search(query).then(
      (list) => current && setFound(list),
      (e: unknown) => current && setError(errorText(e)),
    );
    return () => {
      current = false;
    };
  }, [query, search]);

  const pick = async (entity: Entity) => {
    try {
      await onPick(entity);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <ComposerFrame title={t('composerAliasTitle', alias)} onClose={onClose}>
      <label class="search">
        {t('composerFind')}
        <input
          ref={input}
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      <ul class="picker" aria-label={t('composerMatches')}>
        {found.map((e) => (
          <li key={e.id}>
            <button type="button" class={`entity kind-${e.kind}`} onClick={() => void pick(e)}>
              {e.name}
            </button>
          </li>
        ))}
        {found.length === 0 && <li class="hint">{t('composerNoMatch')}</li>}
      </ul>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </ComposerFrame>
  );
}
