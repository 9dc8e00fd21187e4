/**
 * The site lists: never run on these sites, run only on these. One rule per
 * line; a bad line is named beside its list, and nothing is saved until
 * every line of both lists reads. A list shows what is stored (the popup's
 * switch changes it too) until the reader starts typing in it.
 */
import { useRef, useState } from 'preact/hooks';
import {
  parseSiteRules,
  type Settings,
  type SiteRuleError,
  type SiteRuleProblem,
} from '../core/settings';
import { t, type MessageKey } from '../i18n';
import { errorText } from '../ui/error-text';

type ListName = 'neverSites' | 'onlySites';

const PROBLEM: Record<SiteRuleProblem, MessageKey> = {
  scheme: 'siteRuleScheme',
  path: 'siteRulePath',
  space: 'siteRuleSpace',
  wildcard: 'siteRuleWildcard',
  invalid: 'siteRuleInvalid',
};

export function SiteRules({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave: (lists: Pick<Settings, ListName>) => Promise<unknown>;
}) {
  const [drafts, setDrafts] = useState<Partial<Record<ListName, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<ListName, SiteRuleError[]>>>({});
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const fields = useRef<Partial<Record<ListName, HTMLTextAreaElement | null>>>({});
  const text = (name: ListName) => drafts[name] ?? settings[name].join('\n');

  const submit = async (event: Event) => {
    event.preventDefault();
    const never = parseSiteRules(text('neverSites'));
    const only = parseSiteRules(text('onlySites'));
    setErrors({ neverSites: never.errors, onlySites: only.errors });
    if (never.errors || only.errors) {
      setStatus({ error: true, text: t('settingSitesNotSaved') });
      fields.current[never.errors ? 'neverSites' : 'onlySites']?.focus();
      return;
    }
    try {
      await onSave({ neverSites: never.rules, onlySites: only.rules });
      setDrafts({});
      setStatus({ error: false, text: t('settingSitesSaved') });
    } catch (e) {
      setStatus({ error: true, text: errorText(e) });
    }
  };

  const list = (name: ListName, label: MessageKey, hint?: MessageKey) => {
    const bad = errors[name];
    const describedBy = ['site-rules-hint', hint && `${name}-hint`, bad && `${name}-errors`];
    return (
      <div class="site-list">
        <label for={name}>{t(label)}</label>
        {hint && (
          <p class="hint" id={`${name}-hint`}>
            {t(hint)}
          </p>
        )}
        <textarea
          id={name}
          ref={(el) => {
            fields.current[name] = el;
          }}
          rows={4}
          spellcheck={false}
          autocapitalize="off"
          value={text(name)}
          aria-invalid={bad ? true : undefined}
          aria-describedby={describedBy.filter(Boolean).join(' ')}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setDrafts((d) => ({ ...d, [name]: value }));
            setStatus(null);
          }}
        />
        {bad && (
          <ul class="error" id={`${name}-errors`}>
            {bad.map((e) => (
              <li key={e.line}>{t(PROBLEM[e.problem], e.line, e.text)}</li>
            ))}
          </ul>
        )}
      </div>
    );
  };

  return (
    <form class="site-rules" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('settingSiteRules')}</legend>
        <p class="hint" id="site-rules-hint">
          {t('settingSitesHint')}
        </p>
        {list('neverSites', 'settingNeverSites')}
        {list('onlySites', 'settingOnlySites', 'settingOnlySitesHint')}
        <div class="row">
          <button type="submit" class="primary">
            {t('settingSitesSave')}
          </button>
          {/* Present from the start, so screen readers announce what it comes to say. */}
          <p role="status" class={status?.error ? 'error' : 'hint'} data-testid="site-rules-status">
            {status?.text}
          </p>
        </div>
      </fieldset>
    </form>
  );
}
