/**
 * "Refresh from Wikipedia" in the manager's editor, for a note taken from
 * a Wikipedia article (core/wiki-refresh.ts `refreshTarget`): on the
 * reader's click, the article as it is now (refresh-flow.ts), then what it
 * would change, part by part: the note word by word, names to add and to
 * remove, the kind, the links. Nothing changes until the reader accepts,
 * and nothing is saved until they save the editor.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Link } from '../../core/entity';
import { wikiPermissionRequest } from '../../core/wiki-permissions';
import {
  applyRefresh,
  defaultParts,
  planParts,
  planRefresh,
  type RefreshFields,
  type RefreshPart,
  type RefreshPlan,
} from '../../core/wiki-refresh';
import { t } from '../../i18n';
import { send } from '../../messaging/client';
import { DiffText } from '../../ui/DiffText';
import { startRefresh, type RefreshOutcome } from './refresh-flow';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | Exclude<RefreshOutcome, { kind: 'review' }>
  | (Extract<RefreshOutcome, { kind: 'review' }> & {
      /** The reader's ticks, where they differ from `defaultParts`. */
      chosen: Partial<Record<RefreshPart, boolean>>;
    });

/** Firefox names extension pages moz-extension:, known without an await (see wikiPermissionRequest). */
const isFirefox = () => location.protocol === 'moz-extension:';

export function RefreshFromWikipedia({
  fields,
  onApply,
}: {
  fields: RefreshFields;
  onApply: (next: RefreshFields) => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const button = useRef<HTMLButtonElement>(null);

  const start = async () => {
    const outcome = await startRefresh(fields, {
      ask: () => browser.permissions.request(wikiPermissionRequest(isFirefox())),
      fetch: (request) => send('wikiRefresh', request),
      language: browser.i18n.getUILanguage(),
      onBusy: () => setStep({ kind: 'busy' }),
    });
    setStep(outcome.kind === 'review' ? { ...outcome, chosen: {} } : outcome);
  };

  const close = (next: Step) => {
    setStep(next);
    // The review goes: focus goes back where the reader started from.
    button.current?.focus();
  };

  return (
    <div class="refresh">
      <button
        type="button"
        ref={button}
        title={t('refreshButtonTitle')}
        disabled={step.kind === 'busy'}
        onClick={() => void start()}
      >
        {t('refreshButton')}
      </button>
      {step.kind === 'busy' && (
        <p class="hint" role="status" aria-busy="true">
          {t('refreshBusy')}
        </p>
      )}
      {step.kind === 'message' && (
        <p
          class={step.alert ? 'error' : 'hint'}
          role={step.alert ? 'alert' : 'status'}
          data-testid="refresh-message"
        >
          {step.text}
        </p>
      )}
      {step.kind === 'review' && (
        <RefreshReviewOf
          fields={fields}
          step={step}
          onChoose={(part, on) => setStep({ ...step, chosen: { ...step.chosen, [part]: on } })}
          onAccept={(plan, taken) => {
            onApply(applyRefresh(fields, plan, taken));
            close({ kind: 'message', text: t('refreshAccepted') });
          }}
          onDecline={() => close({ kind: 'message', text: t('refreshDeclined') })}
        />
      )}
    </div>
  );
}

/** The review of the article now against the editor's fields as they are now (they may change meanwhile). */
function RefreshReviewOf({
  fields,
  step,
  onChoose,
  onAccept,
  onDecline,
}: {
  fields: RefreshFields;
  step: Extract<Step, { kind: 'review' }>;
  onChoose: (part: RefreshPart, on: boolean) => void;
  onAccept: (plan: RefreshPlan, taken: Set<RefreshPart>) => void;
  onDecline: () => void;
}) {
  const { target, answer, chosen } = step;
  // The editor's fields may change while the review is open: it always shows them as they are.
  const plan = useMemo(() => planRefresh(fields, target, answer), [fields, target, answer]);
  const taken = new Set(defaultParts(plan));
  for (const [part, on] of Object.entries(chosen) as [RefreshPart, boolean][])
    if (on) taken.add(part);
    else taken.delete(part);
  return (
    <RefreshReview
      plan={plan}
      title={answer.source.title ?? target.article.title}
      taken={taken}
      onChoose={onChoose}
      onAccept={() => onAccept(plan, taken)}
      onDecline={onDecline}
    />
  );
}

const PART_LABELS: Record<Exclude<RefreshPart, 'kind'>, Parameters<typeof t>[0]> = {
  note: 'refreshTakeNote',
  aliasesAdd: 'refreshAddNames',
  aliasesRemove: 'refreshRemoveNames',
  links: 'refreshUpdateLinks',
};

/** What a refresh would change, each part with its tick, and Accept / Decline. */
export function RefreshReview({
  plan,
  title,
  taken,
  onChoose,
  onAccept,
  onDecline,
}: {
  plan: RefreshPlan;
  /** The article's title. */
  title: string;
  taken: ReadonlySet<RefreshPart>;
  onChoose: (part: RefreshPart, on: boolean) => void;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const group = useRef<HTMLDivElement>(null);
  // The review takes focus when it opens, so the keyboard and a screen reader start at it.
  useEffect(() => group.current?.focus(), []);
  const parts = planParts(plan);
  const label = (part: RefreshPart) =>
    part === 'kind' && plan.kind
      ? t('refreshChangeKind', t(`kind_${plan.kind.from}`), t(`kind_${plan.kind.to}`))
      : t(PART_LABELS[part as Exclude<RefreshPart, 'kind'>]);
  return (
    <div
      class="refresh-review"
      role="group"
      aria-labelledby="refresh-review-title"
      aria-describedby="refresh-review-hint"
      tabIndex={-1}
      ref={group}
      data-testid="refresh-review"
    >
      <p id="refresh-review-title" class="refresh-title">
        {t('refreshReviewTitle', title)}
      </p>
      <p id="refresh-review-hint" class="hint">
        {t('refreshReviewHint')}
      </p>
      {parts.map((part) => (
        <fieldset key={part} class="refresh-part" data-part={part}>
          <legend>
            <label>
              <input
                type="checkbox"
                checked={taken.has(part)}
                onChange={(e) => onChoose(part, e.currentTarget.checked)}
              />{' '}
              {label(part)}
            </label>
          </legend>
          <PartDetail part={part} plan={plan} />
        </fieldset>
      ))}
      <div class="row">
        <button type="button" class="primary" disabled={taken.size === 0} onClick={onAccept}>
          {t('refreshAccept')}
        </button>{' '}
        <button type="button" onClick={onDecline}>
          {t('refreshDecline')}
        </button>
      </div>
    </div>
  );
}

function PartDetail({ part, plan }: { part: RefreshPart; plan: RefreshPlan }) {
  switch (part) {
    case 'note':
      return plan.note ? (
        <>
          {plan.note.diff.whole && <p class="hint">{t('refreshWhole')}</p>}
          <DiffText segments={plan.note.diff.segments} />
        </>
      ) : null;
    case 'aliasesAdd':
      return <Names names={plan.aliasesAdd ?? []} op="added" />;
    case 'aliasesRemove':
      return (
        <>
          <p class="hint">{t('refreshRemoveNamesHint')}</p>
          <Names names={plan.aliasesRemove ?? []} op="removed" />
        </>
      );
    case 'kind':
      return null;
    case 'links':
      return (
        <ul class="refresh-list">
          {plan.links?.remove.map((link) => (
            <LinkItem key={`-${link.url}`} link={link} op="removed" />
          ))}
          {plan.links?.add.map((link) => (
            <LinkItem key={`+${link.url}`} link={link} op="added" />
          ))}
        </ul>
      );
  }
}

/** A list of names, each marked added or removed as the diff marks text. */
function Names({ names, op }: { names: string[]; op: 'added' | 'removed' }) {
  const Tag = op === 'removed' ? 'del' : 'ins';
  return (
    <ul class="refresh-list">
      {names.map((name) => (
        <li key={name} dir="auto">
          <Tag>{name}</Tag>
        </li>
      ))}
    </ul>
  );
}

/** A link as text (its title and address), never a live link: it is only proposed. */
function LinkItem({ link, op }: { link: Link; op: 'added' | 'removed' }) {
  const Tag = op === 'removed' ? 'del' : 'ins';
  return (
    <li>
      {t(op === 'removed' ? 'refreshLinkRemove' : 'refreshLinkAdd')}{' '}
      <Tag>
        {link.title} ({link.url})
      </Tag>
    </li>
  );
}
