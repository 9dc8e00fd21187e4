/**
 * "Look up" in the note editors (the new-note card, the manager's editor):
 * on the reader's click only, asks the browser's permission for Wikipedia
 * and Wikidata (the click's first await: a user gesture is lost after any
 * other), searches Wikidata for the name, lists up to 7 candidates with
 * their descriptions, and hands the reader's pick to the editor
 * (`onFill`), which changes its fields and saves nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { WikiFill } from '../core/wiki-fill';
import type { Candidate } from '../core/wikidata';
import { wikiPermissionRequest } from '../core/wiki-permissions';
import { t } from '../i18n';
import { send } from '../messaging/client';
import { wikiErrorText, wikiNoNoteText } from '../messaging/wiki-words';
import { errorText } from './error-text';
import { replacesNote } from './lookup-merge';

export type LookUpStepState =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'message'; text: string; alert?: boolean }
  | { kind: 'pick'; name: string; candidates: Candidate[] }
  | { kind: 'confirm'; fill: WikiFill };

export interface LookUpProps {
  /** The name in the editor now: what is looked up. */
  name: string;
  /** The note in the editor now: a pick asks before replacing it. */
  note: string;
  /** The page's language, when the editor was opened from a page that says it. */
  pageLanguage?: string | undefined;
  /** Applies a pick to the editor's fields; `takeNote`: the summary replaces the note. */
  onFill: (fill: WikiFill, takeNote: boolean) => void;
}

/** Firefox names extension pages moz-extension:, known without an await (see wikiPermissionRequest). */
const isFirefox = () => location.protocol === 'moz-extension:';

export function LookUp({ name, note, pageLanguage, onFill }: LookUpProps) {
  const [step, setStep] = useState<LookUpStepState>({ kind: 'idle' });
  const list = useRef<HTMLUListElement>(null);
  const languages = () => ({
    reader: browser.i18n.getUILanguage(),
    ...(pageLanguage ? { page: pageLanguage } : {}),
  });

  // The list takes focus when it opens, so the keyboard reaches the candidates at once.
  useEffect(() => {
    if (step.kind === 'pick') list.current?.querySelector('button')?.focus();
  }, [step]);

  const start = async () => {
    const query = name.trim();
    if (!query) return setStep({ kind: 'message', text: t('lookupNameNeeded'), alert: true });
    let granted = false;
    try {
      // First await of the click: the permission prompt needs the reader's gesture.
      granted = await browser.permissions.request(wikiPermissionRequest(isFirefox()));
    } catch (e) {
      return setStep({ kind: 'message', text: errorText(e), alert: true });
    }
    if (!granted)
      return setStep({ kind: 'message', text: wikiErrorText({ code: 'permission' }), alert: true });
    setStep({ kind: 'busy', text: t('lookupSearching', query) });
    try {
      const candidates = await send('wikiSearch', { query, languages: languages() });
      setStep(
        candidates.length
          ? { kind: 'pick', name: query, candidates }
          : { kind: 'message', text: t('lookupNoCandidates', query) },
      );
    } catch (e) {
      setStep({ kind: 'message', text: errorText(e), alert: true });
    }
  };

  const finish = (fill: WikiFill, takeNote: boolean) => {
    onFill(fill, takeNote);
    const filled = t(
      'lookupFilled',
      fill.note && (takeNote || !note.trim()) ? t('lookupFilledWikipedia') : '',
    );
    setStep({
      kind: 'message',
      text: fill.noNote ? `${filled} ${wikiNoNoteText(fill.noNote)}` : filled,
    });
  };

  const pick = async (candidate: Candidate) => {
    setStep({ kind: 'busy', text: t('lookupFilling') });
    try {
      const fill = await send('wikiFill', {
        candidate: { id: candidate.id, label: candidate.label },
        languages: languages(),
      });
      if (replacesNote(note, fill)) setStep({ kind: 'confirm', fill });
      else finish(fill, false);
    } catch (e) {
      setStep({ kind: 'message', text: errorText(e), alert: true });
    }
  };

  return (
    <div class="lookup">
      <button
        type="button"
        class="lookup-button"
        title={t('lookupButtonTitle')}
        disabled={step.kind === 'busy'}
        onClick={() => void start()}
      >
        {t('lookupButton')}
      </button>
      <LookUpStep
        step={step}
        list={list}
        onPick={(c) => void pick(c)}
        onFinish={finish}
        onClose={() => setStep({ kind: 'idle' })}
      />
    </div>
  );
}

/** What the look-up shows under its button, for each step. */
export function LookUpStep({
  step,
  list,
  onPick,
  onFinish,
  onClose,
}: {
  step: LookUpStepState;
  list?: preact.Ref<HTMLUListElement>;
  onPick: (candidate: Candidate) => void;
  onFinish: (fill: WikiFill, takeNote: boolean) => void;
  onClose: () => void;
}) {
  switch (step.kind) {
    case 'idle':
      return null;
    case 'busy':
      return (
        <p class="hint" role="status" aria-busy="true">
          {step.text}
        </p>
      );
    case 'message':
      return (
        <p
          class={step.alert ? 'error' : 'hint'}
          role={step.alert ? 'alert' : 'status'}
          data-testid="lookup-message"
        >
          {step.text}
        </p>
      );
    case 'pick':
      return (
        <div class="lookup-pick">
          <p id="lookup-candidates-label">{t('lookupCandidates', step.name)}</p>
          <ul class="picker" ref={list} aria-labelledby="lookup-candidates-label">
            {step.candidates.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  class="candidate"
                  aria-describedby={c.description ? `lookup-${c.id}` : undefined}
                  onClick={() => onPick(c)}
                >
                  {c.label}
                </button>{' '}
                {c.description && (
                  <span id={`lookup-${c.id}`} class="hint">
                    {c.description}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <button type="button" onClick={onClose}>
            {t('lookupNone')}
          </button>
        </div>
      );
    case 'confirm':
      return (
        <div class="lookup-confirm" role="group" aria-labelledby="lookup-confirm-label">
          <p id="lookup-confirm-label">{t('lookupReplaceNote')}</p>
          <button type="button" onClick={() => onFinish(step.fill, true)}>
            {t('lookupReplace')}
          </button>{' '}
          <button type="button" onClick={() => onFinish(step.fill, false)}>
            {t('lookupKeepNote')}
          </button>
        </div>
      );
  }
}
