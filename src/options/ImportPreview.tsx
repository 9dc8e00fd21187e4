/**
 * The import preview: what the file would add, change and leave alone, the
 * entries left out and why, and each conflict with the reader's version
 * beside the file's. Nothing is written until the reader accepts.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { ConflictView, FeedView } from '../messaging/import-channel';
import { IssueList } from './IssueList';
import type { ImportPreview as Preview } from './import-client';

type Choice = 'mine' | 'theirs';

export interface ImportPreviewProps {
  file: string;
  preview: Preview;
  /** Conflicts go `all` ways, except those listed, which the reader set the other way. */
  onAccept: (all: Choice, except: string[]) => void;
  onCancel: () => void;
}

export function ImportPreview({ file, preview, onAccept, onCancel }: ImportPreviewProps) {
  const { counts, conflicts, issues, issueTotal } = preview;
  // Without a choice, the reader's own version stays.
  const [all, setAll] = useState<Choice>('mine');
  const [each, setEach] = useState<Record<string, Choice>>({});
  const choiceOf = (id: string) => each[id] ?? all;

  // Conflicts not listed one by one follow the choice for all.
  const accept = () =>
    onAccept(
      all,
      conflicts.filter((c) => choiceOf(c.id) !== all).map((c) => c.id),
    );

  return (
    <div
      class="preview"
      role="region"
      aria-label={t('previewTitle', file)}
      data-testid="import-preview"
    >
      <p>
        <strong>{t('previewTitle', file)}</strong>
      </p>
      {preview.feed && <FeedDetails feed={preview.feed} />}
      <p data-testid="preview-counts">
        {t('previewCounts', counts.new, counts.changed, counts.unchanged, counts.conflict)}{' '}
        {t('previewOrigin', preview.origin)}
      </p>
      {issueTotal > 0 && (
        <div class="error" data-testid="preview-issues">
          <p>
            {t('previewIssues', issueTotal, t(issueTotal === 1 ? 'problemOne' : 'problemMany'))}
          </p>
          <IssueList issues={issues} total={issueTotal} format={preview.format} />
        </div>
      )}
      {counts.conflict > 0 && (
        <fieldset class="conflicts">
          <legend>{t('conflictsTitle')}</legend>
          <ChoiceRow
            name="conflict-all"
            label={t('conflictsAll')}
            value={all}
            onChange={(c) => {
              setAll(c);
              setEach({});
            }}
          />
          <ul>
            {conflicts.map((c) => (
              <ConflictItem
                key={c.id}
                conflict={c}
                value={choiceOf(c.id)}
                onChange={(choice) => setEach((e) => ({ ...e, [c.id]: choice }))}
              />
            ))}
          </ul>
          {counts.conflict > conflicts.length && (
            <p class="hint">{t('conflictsMore', counts.conflict - conflicts.length)}</p>
          )}
        </fieldset>
      )}
      <div class="row">
        <button type="button" class="primary" onClick={accept}>
          {preview.feed
            ? t('subscribeAccept')
            : issueTotal > 0
              ? t('importAcceptValid')
              : t('importAccept')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('importCancel')}
        </button>
      </div>
    </div>
  );
}

function ChoiceRow({
  name,
  label,
  value,
  onChange,
}: {
  name: string;
  label: string;
  value: Choice;
  onChange: (choice: Choice) => void;
}) {
  return (
    <div class="row" role="radiogroup" aria-label={label}>
      <span>{label}</span>
      {(['mine', 'theirs'] as const).map((choice) => (
        <label key={choice}>
          <input
            type="radio"
            name={name}
            checked={value === choice}
            onChange={() => onChange(choice)}
          />
          {t(choice === 'mine' ? 'conflictKeepMine' : 'conflictTakeTheirs')}
        </label>
      ))}
    </div>
  );
}

function ConflictItem({
  conflict,
  value,
  onChange,
}: {
  conflict: ConflictView;
  value: Choice;
  onChange: (choice: Choice) => void;
}) {
  const { mine, theirs } = conflict;
  return (
    <li class="conflict" data-entity-id={conflict.id}>
      <ChoiceRow
        name={`conflict-${conflict.id}`}
        label={mine.name}
        value={value}
        onChange={onChange}
      />
      <div class="versions">
        <div>
          <div class="hint">{t('conflictMine')}</div>
          <Version {...mine} label={`${t('conflictMine')}: ${mine.name}`} />
        </div>
        <div>
          <div class="hint">{t('conflictTheirs')}</div>
          <Version {...theirs} label={`${t('conflictTheirs')}: ${theirs.name}`} />
        </div>
      </div>
    </li>
  );
}

/** One version of a note, as plain text: file content is never rendered as markup. */
export function Version(
  v: Pick<ConflictView['mine'], 'name' | 'kind' | 'aliases' | 'tags' | 'note'> & { label: string },
) {
  // It scrolls when the note is long: focusable, so keyboard users can scroll it too.
  return (
    <div class="version" tabIndex={0} role="region" aria-label={v.label}>
      <div>
        <strong>{v.name}</strong> <span class="kind">{t(`kind_${v.kind}`)}</span>
      </div>
      {v.aliases.length > 0 && <div class="aliases">{t('alsoKnownAs', v.aliases.join(', '))}</div>}
      {v.tags.length > 0 && <div class="tags">{v.tags.map((tag) => `#${tag}`).join(' ')}</div>}
      <div class="note-text">{v.note}</div>
    </div>
  );
}

/** A subscribed pack's own words, as plain text: where it comes from, its licence and size. */
function FeedDetails({ feed }: { feed: FeedView }) {
  return (
    <div class="feed" data-testid="preview-feed">
      <p>
        <strong>{feed.title}</strong>
        {feed.revision ? ` · ${t('subRevision', feed.revision)}` : ''}
      </p>
      {feed.description && <p class="note-text">{feed.description}</p>}
      <p>{t('previewFeed', feed.url, feed.entries)}</p>
      {feed.license && <p>{t('previewFeedLicense', feed.license)}</p>}
      {feed.homepage && (
        <p>
          <a href={feed.homepage} target="_blank" rel="noopener noreferrer">
            {t('previewFeedHomepage')}
          </a>
        </p>
      )}
    </div>
  );
}
