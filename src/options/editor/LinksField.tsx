/** The entity's further-reading links: a title and an http(s) address each. */
import type { Link } from '../../core/entity';
import { t } from '../../i18n';

export function LinksField({
  links,
  onChange,
  error,
}: {
  links: Link[];
  onChange: (links: Link[]) => void;
  error?: string;
}) {
  const set = (i: number, patch: Partial<Link>) =>
    onChange(links.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset class="links" aria-describedby={error ? 'links-error' : undefined}>
      <legend>{t('editorLinks')}</legend>
      {links.map((link, i) => (
        <div class="row" key={i}>
          <label>
            {t('linkTitle')}
            <input value={link.title} onInput={(e) => set(i, { title: e.currentTarget.value })} />
          </label>
          <label>
            {t('linkUrl')}
            <input
              type="url"
              value={link.url}
              aria-invalid={error && !/^https?:\/\//i.test(link.url.trim()) ? true : undefined}
              onInput={(e) => set(i, { url: e.currentTarget.value })}
            />
          </label>
          <button type="button" onClick={() => onChange(links.filter((_, j) => j !== i))}>
            {t('linkRemove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...links, { title: '', url: '' }])}>
        {t('linkAdd')}
      </button>
      {error && (
        <p id="links-error" class="error field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
