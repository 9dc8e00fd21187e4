/**
 * The search box, the filters (kind, tag, origin) and the order of the list.
 * Every keystroke searches: the background answers within a frame or two,
 * and only the newest answer is shown.
 */
import type { Kind } from '../core/entity';
import { SORTS, type Sort, type SearchQuery } from '../core/search';
import { t, type MessageKey } from '../i18n';
import { KindOptions } from '../ui/fields';
import type { Facets } from './use-query';

const SORT_LABEL: Record<Sort, MessageKey> = { name: 'sortName', updated: 'sortUpdated' };

export interface FiltersProps {
  query: SearchQuery;
  facets: Facets | null;
  onChange: (patch: Partial<SearchQuery>) => void;
}

/** An empty choice means "any": the filter is removed from the query. */
const orAny = <T extends string>(value: string): T | undefined =>
  value === '' ? undefined : (value as T);

export function Filters({ query, facets, onChange }: FiltersProps) {
  return (
    <div class="filters" role="search">
      <label class="search">
        <span class="visually-hidden">{t('searchLabel')}</span>
        <input
          type="search"
          value={query.text}
          placeholder={t('searchPlaceholder')}
          onInput={(e) => onChange({ text: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('filterKind')}
        <select
          value={query.kind ?? ''}
          onChange={(e) => onChange({ kind: orAny<Kind>(e.currentTarget.value) })}
        >
          <option value="">{t('filterAny')}</option>
          <KindOptions />
        </select>
      </label>
      <label>
        {t('filterTag')}
        <select
          value={query.tag ?? ''}
          onChange={(e) => onChange({ tag: orAny(e.currentTarget.value) })}
        >
          <option value="">{t('filterAny')}</option>
          {facets?.tags.map(({ tag, count }) => (
            <option key={tag} value={tag}>
              {t('tagWithCount', tag, count)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterOrigin')}
        <select
          value={query.origin ?? ''}
          onChange={(e) => onChange({ origin: orAny(e.currentTarget.value) })}
        >
          <option value="">{t('filterAny')}</option>
          {facets?.origins.map((origin) => (
            <option key={origin} value={origin}>
              {origin === 'local' ? t('originLocal') : origin}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('sortBy')}
        <select
          value={query.sort}
          onChange={(e) => onChange({ sort: e.currentTarget.value as Sort })}
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(SORT_LABEL[s])}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
