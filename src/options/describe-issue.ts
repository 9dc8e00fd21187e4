/**
 * A pack problem in the reader's language: "Entry 3, field kind: must be one
 * of …". The pack parser (src/core, which has no access to the browser)
 * gives each problem a code and its parameters; the words are in _locales.
 */
import type { PackIssue } from '../core/pack';
import { t } from '../i18n';

export function describeIssue(issue: PackIssue): string {
  const problem = t(`pack_${issue.code}`, ...issue.params);
  if (issue.entry !== undefined && issue.field) {
    return t('packWhereEntryField', issue.entry, issue.field, problem);
  }
  if (issue.entry !== undefined) return t('packWhereEntry', issue.entry, problem);
  if (issue.field) return t('packWhereField', issue.field, problem);
  return problem;
}
