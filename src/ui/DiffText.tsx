/**
 * A word diff (core/text-diff.ts) shown as text: removed words struck
 * through, added words underlined (not told apart by colour alone), each
 * change also named in words for screen readers ("removed: … end"). Text
 * only: every segment is a text child, never markup, so a note's `<img
 * onerror>` or Markdown shows as the characters it is. Each segment is
 * isolated for direction (`unicode-bidi: isolate`, `.diff`'s CSS), so a
 * right-to-left override in one cannot turn the others round.
 *
 * Bounded: unchanged text longer than UNCHANGED_MAX shows its start and end
 * around a count of what is left out, and a change longer than CHANGE_MAX
 * its start and a count, so a 100,000-character note costs the page a few
 * thousand characters per segment at most.
 */
import type { DiffSegment } from '../core/text-diff';
import { t } from '../i18n';

export const UNCHANGED_MAX = 1_200;
const CONTEXT = 400;
export const CHANGE_MAX = 8_000;

/** `text` cut at `at` UTF-16 units, never through a surrogate pair. */
function cutAt(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

function Unchanged({ text, first, last }: { text: string; first: boolean; last: boolean }) {
  if (text.length <= UNCHANGED_MAX) return <span>{text}</span>;
  // Keep the context next to the changes: none before the first, none after the last.
  const head = first ? 0 : cutAt(text, CONTEXT);
  const tail = last ? text.length : cutAt(text, text.length - CONTEXT);
  if (tail <= head) return <span>{text.slice(0, UNCHANGED_MAX)}</span>;
  return (
    <span>
      {text.slice(0, head)}
      <span class="diff-gap">{t('diffUnchangedGap', tail - head)}</span>
      {text.slice(tail)}
    </span>
  );
}

function Changed({ op, text }: { op: 'removed' | 'added'; text: string }) {
  const cut = text.length > CHANGE_MAX ? cutAt(text, CHANGE_MAX) : text.length;
  const Tag = op === 'removed' ? 'del' : 'ins';
  return (
    <Tag>
      <span class="visually-hidden">
        {t(op === 'removed' ? 'diffRemovedStart' : 'diffAddedStart')}
      </span>
      {text.slice(0, cut)}
      {cut < text.length && <span class="diff-gap">{t('diffMore', text.length - cut)}</span>}
      <span class="visually-hidden">{t(op === 'removed' ? 'diffRemovedEnd' : 'diffAddedEnd')}</span>
    </Tag>
  );
}

export function DiffText({ segments }: { segments: DiffSegment[] }) {
  return (
    <div class="diff" dir="auto" data-testid="diff">
      {segments.map((segment, i) =>
        segment.op === 'same' ? (
          <Unchanged key={i} text={segment.text} first={i === 0} last={i === segments.length - 1} />
        ) : (
          <Changed key={i} op={segment.op} text={segment.text} />
        ),
      )}
    </div>
  );
}
