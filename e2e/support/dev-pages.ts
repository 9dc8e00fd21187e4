/**
 * The dev-page check, shared by the Chromium and Firefox tests: with the
 * entities of every dev page imported as one pack, the marks on each dev page
 * agree, form by form, with the mentions the independent reference
 * (reference-count.ts) finds in the same page text.
 */
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allDevPack, devPages } from './corpus-pack';
import { waitFor, type ExtensionSession, type Tab } from './driver';
import {
  countByForm,
  READ_BLOCKS,
  referenceFold,
  referenceForm,
  referenceMentions,
  type PageBlock,
} from './reference-count';
import { ROOT } from './paths';
import { importPackFile, settledMarks, writeTempFile } from './scenario';

interface StarterEntity {
  name: string;
  kind?: string;
  aliases?: string[];
}
const starterPack = JSON.parse(readFileSync(resolve(ROOT, 'assets/starter-pack.json'), 'utf8')) as {
  entities: StarterEntity[];
};

export interface PageComparison {
  page: string;
  marks: number;
  reference: number;
  /** Forms whose counts differ, with where the reference found them. */
  differences: { form: string; marks: number; reference: number; found: string[] }[];
}

/** The marks once the page has loaded and the content script has no work left (hidden text dropped). */
async function finalMarks(tab: Tab): Promise<string[]> {
  await waitFor(
    () => tab.evaluate(() => document.readyState === 'complete'),
    'the page did not load',
  );
  return (await settledMarks(tab)).map((m) => m.text);
}

export async function devPagesScenario(
  session: ExtensionSession,
  origin: string,
): Promise<PageComparison[]> {
  const pack = allDevPack();
  const message = await importPackFile(session.welcome, writeTempFile('dev-set.json', pack.text));
  // The starter notes are in the store too: a dev entity with a starter
  // entity's name and kind is kept out by the import, as the rules say.
  const starterKeys = new Set(starterPack.entities.map((e) => `${e.kind ?? 'other'}|${e.name}`));
  const added = pack.entities.filter((e) => !starterKeys.has(`${e.kind}|${e.name}`));
  expect(message).toContain(`added ${added.length},`);
  const forms = [
    ...new Set([...starterPack.entities, ...added].flatMap((e) => [e.name, ...(e.aliases ?? [])])),
  ].map(referenceForm);

  const tab = await session.newTab();
  const results: PageComparison[] = [];
  for (const page of devPages()) {
    await tab.goto(`${origin}/corpus/${page}.html?scripts=0`);
    const marks = await finalMarks(tab);
    // A string (see READ_BLOCKS): both drivers evaluate strings as expressions.
    const blocks = await tab.evaluate(READ_BLOCKS as unknown as () => PageBlock[]);
    const reference = referenceMentions(blocks, forms).filter((m) => m.visible);
    const ours = countByForm(marks.map((t) => referenceFold(t).folded.trim()));
    const theirs = countByForm(reference.map((m) => m.form));
    const differences: PageComparison['differences'] = [];
    for (const form of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      if (ours[form] === theirs[form]) continue;
      differences.push({
        form,
        marks: ours[form] ?? 0,
        reference: theirs[form] ?? 0,
        found: reference.filter((m) => m.form === form).map((m) => m.context),
      });
    }
    results.push({ page, marks: marks.length, reference: reference.length, differences });
  }
  await tab.close();
  return results;
}
