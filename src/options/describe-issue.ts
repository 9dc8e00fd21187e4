/**
 * A pack problem in the reader's language: "Entry 3, field kind: must be one
 * of …". The pack parser (src/core, which has no access to the browser)
 * gives each problem a code and its parameters; the words are in _locales.
 */
import type { PackIssue } from '../core/pack';
import type { ImportFormat } from '../messaging/import-channel';
import { t } from '../i18n';

/**
 * For a CSV file the place is its row as a spreadsheet numbers it (the
 * header is row 1, so entry N is row N + 1) and the field is a column.
 */
export function describeIssue(issue: PackIssue, format: ImportFormat = 'pack'): string {
  // Counts and limits are written as the reader's language writes numbers.
  const params = issue.params.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const problem = t(`pack_${issue.code}`, ...params);
  if (format === 'csv' && issue.entry !== undefined) {
    return issue.field
      ? t('packWhereRowColumn', issue.entry + 1, issue.field, problem)
      : t('packWhereRow', issue.entry + 1, problem);
  }
  if (issue.entry !== undefined && issue.field) {
    return t('packWhereEntryField', issue.entry, issue.field, problem);
  }
  if (issue.entry !== undefined) return t('packWhereEntry', issue.entry, problem);
  if (issue.field) return t('packWhereField', issue.field, problem);
  return problem;
}
