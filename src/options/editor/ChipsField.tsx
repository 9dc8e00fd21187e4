/**
 * A list of short texts (aliases, tags) as chips: type and press Enter or
 * a comma to add one, the × to remove it. Alias chips carry a case switch:
 * it shows the rule that applies (2 to 5 capitals match their exact case,
 * DESIGN.md section 4 rule 2) and changing it stores an override for that
 * form alone.
 */
import { useState } from 'preact/hooks';
import type { CaseRule } from '../../core/entity';
import { isCapitalsForm } from '../../core/matcher';
import { t, type MessageKey } from '../../i18n';

export interface ChipsFieldProps {
  id: string;
  label: MessageKey;
  newLabel: MessageKey;
  items: string[];
  onChange: (items: string[]) => void;
  /** Case rules by form; present for aliases only. */
  cases?: Record<string, CaseRule>;
  onCases?: (cases: Record<string, CaseRule>) => void;
  error?: string;
}

export function ChipsField(props: ChipsFieldProps) {
  const { id, label, newLabel, items, onChange, cases, onCases, error } = props;
  const [typing, setTyping] = useState('');
  const add = (raw: string) => {
    const text = raw.trim();
    if (text && !items.includes(text)) onChange([...items, text]);
    setTyping('');
  };
  const exact = (form: string) => (cases?.[form] ? cases[form] === 'exact' : isCapitalsForm(form));
  const setExact = (form: string, on: boolean) => {
    if (!cases || !onCases) return;
    const next = { ...cases };
    // Stored only where it differs from the rule: a rule change later still applies.
    if (on === isCapitalsForm(form)) delete next[form];
    else next[form] = on ? 'exact' : 'any';
    onCases(next);
  };
  return (
    <fieldset class="chips" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t(label)}</legend>
      <ul>
        {items.map((item) => (
          <li key={item} class="chip">
            <span>{item}</span>
            {cases && (
              <label class="case" title={t('chipMatchCaseNamed', item)}>
                <input
                  type="checkbox"
                  checked={exact(item)}
                  aria-label={t('chipMatchCaseNamed', item)}
                  onChange={(e) => setExact(item, e.currentTarget.checked)}
                />
                <span aria-hidden="true">Aa</span>
              </label>
            )}
            <button
              type="button"
              aria-label={t('chipRemove', item)}
              onClick={() => onChange(items.filter((i) => i !== item))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        value={typing}
        aria-label={t(newLabel)}
        aria-invalid={error ? true : undefined}
        placeholder={t('chipAddHint')}
        onInput={(e) => {
          const value = e.currentTarget.value;
          // A pasted "a, b, c" becomes three chips.
          if (value.includes(',')) {
            const parts = value.split(',');
            const last = parts.pop() ?? '';
            const fresh = parts.map((p) => p.trim()).filter((p) => p && !items.includes(p));
            if (fresh.length) onChange([...items, ...new Set(fresh)]);
            setTyping(last);
          } else setTyping(value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add(typing);
          } else if (e.key === 'Backspace' && typing === '' && items.length) {
            onChange(items.slice(0, -1));
          }
        }}
        onBlur={() => add(typing)}
      />
      {error && (
        <p id={`${id}-error`} class="error field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
