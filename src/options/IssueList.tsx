/** The problems found in an imported file, the first 20 named, the rest counted. */
import type { PackIssue } from '../core/pack';
import { t } from '../i18n';
import type { ImportFormat } from '../messaging/import-channel';
import { describeIssue } from './describe-issue';

const MAX_SHOWN_ISSUES = 20;

export function IssueList({
  issues,
  total,
  format,
}: {
  issues: readonly PackIssue[];
  total: number;
  format: ImportFormat;
}) {
  return (
    <>
      <ul>
        {issues.slice(0, MAX_SHOWN_ISSUES).map((issue, i) => (
          <li key={i}>{describeIssue(issue, format)}</li>
        ))}
      </ul>
      {total > MAX_SHOWN_ISSUES && <p>{t('andMore', total - MAX_SHOWN_ISSUES)}</p>}
    </>
  );
}
