import { describe, expect, it } from 'vitest';
import { parseCsv } from '../core/csv';
import { describeIssue as inEnglish, parsePack, type PackIssue } from '../core/pack';
import { describeIssue } from './describe-issue';

const issuesOf = (text: string) => {
  const result = parsePack(text);
  if (result.ok) throw new Error('expected an invalid pack');
  return result.issues;
};

const pack = (fields: Record<string, unknown>, entities: unknown[] = []) =>
  JSON.stringify({ format: 'backstory-pack', version: 1, entities, ...fields });

describe('pack problems in the reader’s language', () => {
  it('say in _locales what the parser says in English', () => {
    const cases = [
      '{"format": ',
      '[1, 2]',
      pack({ format: 'other', version: 2 }),
      pack({}, [
        { name: '' },
        { name: 'x'.repeat(201) },
        { name: 'A', kind: 'animal' },
        { name: 'B', links: [{ url: 'javascript:alert(1)' }] },
        { id: 'same', name: 'C' },
        { id: 'same', name: 'D' },
      ]),
    ];
    const issues = cases.flatMap(issuesOf);
    expect(new Set(issues.map((i) => i.code))).toEqual(
      new Set([
        'notJson',
        'notObject',
        'wrongFormat',
        'wrongVersion',
        'empty',
        'tooLong',
        'notOneOf',
        'notWebUrl',
        'duplicateId',
      ]),
    );
    for (const issue of issues) expect(describeIssue(issue)).toBe(inEnglish(issue));
  });

  it('say the same for CSV files', () => {
    const cases = [
      '',
      '"name\nA',
      'title,note\nA,x',
      'name,note,NOTE\nA,x,y',
      'name,note\nA,x,y\nB,"unclosed\n',
    ];
    const issues = cases.flatMap((text): PackIssue[] => {
      const result = parseCsv(text);
      return result.ok ? [] : result.issues;
    });
    expect(issues.map((i) => i.code)).toEqual([
      'emptyFile',
      'headerNotCsv',
      'noNameColumn',
      'duplicateColumn',
      'extraFields',
      'badQuotes',
    ]);
    for (const issue of issues) expect(describeIssue(issue)).toBe(inEnglish(issue));
  });

  it('name wrong types and overlong lists', () => {
    const [wrongType] = issuesOf(pack({}, [{ name: 42 }]));
    expect(describeIssue(wrongType!)).toBe(
      'Entry 1, field name: has the wrong type (expected string, found 42)',
    );
    const [tooMany] = issuesOf(
      pack({}, [{ name: 'A', aliases: Array.from({ length: 101 }, (_, i) => `a${i}`) }]),
    );
    expect(describeIssue(tooMany!)).toBe('Entry 1, field aliases: more than 100 entries');
  });
});
