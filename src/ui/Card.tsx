/**
 * The card shown when the pointer rests on a mark: the entity's name, kind,
 * the text that matched, the note, tags and links, how old the note is and
 * where it came from, and where this mention sits among the entity's
 * mentions on the page. It can be pinned open, and the note, aliases and tags
 * edited in place.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Entity } from '../core/entity';
import { isWebUrl } from '../core/entity';
import { joinLines, splitLines } from './lists';
import { ListField, NoteField, SaveRow } from './fields';
import { t } from '../i18n';
import { Markdown } from './Markdown';
import { timeAgo } from './time-ago';
import { errorText } from './error-text';
import { isWikipediaSource } from '../core/wikipedia';
import { wikipediaCredit } from '../messaging/wiki-words';

export interface CardEdit {
  note: string;
  aliases: string[];
  tags: string[];
}

export interface CardProps {
  entity: Entity;
  /** The page text that matched, shown when it differs from the name. */
  matched: string;
  /** This mention's place among the entity's mentions on the page (1-based). */
  mention: { index: number; total: number };
  pinned: boolean;
  onPin: () => void;
  onClose: () => void;
  /** Moves to the previous (-1) or next (1) mention. */
  onMove: (step: -1 | 1) => void;
  onOpenManager: () => void;
  /** Saves an edit; rejects with a message to show. */
  onSave: (edit: CardEdit) => Promise<void>;
}

function originLabel(origin: string): string {
  if (origin === 'local') return t('originLocal');
  if (origin === 'starter') return t('originStarter');
  return t('originPack', origin);
}

export function Card(props: CardProps) {
  const { entity, matched, mention, pinned } = props;
  const titleId = 'backstory-card-title';
  const [editing, setEditing] = useState(false);
  const links = entity.links.filter((l) => isWebUrl(l.url));
  // Text taken from Wikipedia is CC BY-SA: its credit stays beside it.
  const credits = entity.sources.filter(isWikipediaSource);
  return (
    <section
      class={`card kind-${entity.kind}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
    >
      <header>
        <h2 id={titleId}>{entity.name}</h2>
        <span class="kind">{t(`kind_${entity.kind}`)}</span>
        <button
          type="button"
          class="icon pin"
          aria-pressed={pinned}
          aria-label={t(pinned ? 'cardUnpin' : 'cardPin')}
          title={t(pinned ? 'cardUnpin' : 'cardPin')}
          onClick={props.onPin}
        >
          {pinned ? '●' : '○'}
        </button>
        <button
          type="button"
          class="icon close"
          aria-label={t('cardClose')}
          title={t('cardCloseTitle')}
          onClick={props.onClose}
        >
          ×
        </button>
      </header>
      {/* Only the middle scrolls: the card's controls stay in sight however long the note. */}
      <div class="body">
        {matched.trim() && matched.trim() !== entity.name ? (
          <p class="matched">{t('cardMatchedAs', matched.trim())}</p>
        ) : null}
        {editing ? (
          <CardEditor entity={entity} onSave={props.onSave} onDone={() => setEditing(false)} />
        ) : (
          <>
            <div class="note">
              {entity.note.trim() ? (
                <Markdown source={entity.note} />
              ) : (
                <p class="empty">{t('cardNoNote')}</p>
              )}
            </div>
            {credits.length > 0 && (
              <ul class="credits" aria-label={t('cardCredits')}>
                {credits.map((s) => (
                  <li key={s.url}>
                    <a href={s.url} target="_blank" rel="noopener noreferrer">
                      {wikipediaCredit(s.title || s.url, s.license)}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {entity.tags.length > 0 && (
              <ul class="tags" aria-label={t('cardTags')}>
                {entity.tags.map((tag) => (
                  <li key={tag}>{tag}</li>
                ))}
              </ul>
            )}
            {links.length > 0 && (
              <ul class="links" aria-label={t('cardLinks')}>
                {links.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} target="_blank" rel="noopener noreferrer">
                      {l.title || new URL(l.url).hostname}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <nav class="mentions" aria-label={t('cardMentions')}>
        <button
          type="button"
          class="icon"
          aria-label={t('cardPrevious')}
          title={t('cardPrevious')}
          disabled={mention.total < 2}
          onClick={() => props.onMove(-1)}
        >
          ‹
        </button>
        <span data-testid="mention-count">{t('cardMentionOf', mention.index, mention.total)}</span>
        <button
          type="button"
          class="icon"
          aria-label={t('cardNext')}
          title={t('cardNext')}
          disabled={mention.total < 2}
          onClick={() => props.onMove(1)}
        >
          ›
        </button>
      </nav>
      <footer>
        <span>{t('cardUpdated', timeAgo(entity.updatedAt))}</span> ·{' '}
        <span>{originLabel(entity.origin)}</span>
        <span class="actions">
          {!editing && (
            <button type="button" class="link" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
          )}
          <button type="button" class="link" onClick={props.onOpenManager}>
            {t('cardOpenManager')}
          </button>
        </span>
      </footer>
    </section>
  );
}

function CardEditor({
  entity,
  onSave,
  onDone,
}: {
  entity: Entity;
  onSave: CardProps['onSave'];
  onDone: () => void;
}) {
  const [note, setNote] = useState(entity.note);
  const [aliases, setAliases] = useState(joinLines(entity.aliases));
  const [tags, setTags] = useState(joinLines(entity.tags));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    try {
      // A list left as it was goes back exactly as it came.
      const keep = (text: string, list: string[]) =>
        text === joinLines(list) ? list : splitLines(text);
      await onSave({ note, aliases: keep(aliases, entity.aliases), tags: keep(tags, entity.tags) });
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="editor" onSubmit={(e) => void submit(e)}>
      <NoteField value={note} onChange={setNote} rows={5} inputRef={first} />
      <ListField label="editorAliases" value={aliases} onChange={setAliases} />
      <ListField label="editorTags" value={tags} onChange={setTags} />
      <SaveRow error={error} saving={saving} onCancel={onDone} />
    </form>
  );
}
