/**
 * The card shown when the pointer rests on a mark: the entity's name, kind,
 * note, tags and links, how old the note is and where it came from.
 */
import type { Entity } from '../core/entity';
import { isWebUrl } from '../core/entity';
import { t } from './i18n';
import { Markdown } from './Markdown';
import { timeAgo } from './time-ago';

export interface CardProps {
  entity: Entity;
  /** The page text that matched, shown when it differs from the name. */
  matched: string;
  onClose: () => void;
}

function originLabel(origin: string): string {
  if (origin === 'local') return t('originLocal');
  if (origin === 'starter') return t('originStarter');
  return t('originPack', origin);
}

export function Card({ entity, matched, onClose }: CardProps) {
  const titleId = 'backstory-card-title';
  const links = entity.links.filter((l) => isWebUrl(l.url));
  return (
    <section
      class={`card kind-${entity.kind}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
    >
      <header>
        <h2 id={titleId}>{entity.name}</h2>
        <span class="kind">{t(`kind_${entity.kind}`)}</span>
        <button
          type="button"
          class="close"
          aria-label={t('cardClose')}
          title={t('cardCloseTitle')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {matched.trim() && matched.trim() !== entity.name ? (
        <p class="matched">{t('cardMatchedAs', matched.trim())}</p>
      ) : null}
      <div class="note">
        {entity.note.trim() ? (
          <Markdown source={entity.note} />
        ) : (
          <p class="empty">{t('cardNoNote')}</p>
        )}
      </div>
      {entity.tags.length > 0 && (
        <ul class="tags" aria-label={t('cardTags')}>
          {entity.tags.map((t) => (
            <li key={t}>{t}</li>
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
      <footer>
        <span>{t('cardUpdated', timeAgo(entity.updatedAt))}</span> ·{' '}
        <span>{originLabel(entity.origin)}</span>
      </footer>
    </section>
  );
}
