/**
 * First run: the starter notes for the demo article, and the welcome tab.
 */
import { browser } from 'wxt/browser';
import starterPack from '../../assets/starter-pack.json';
import { parsePack } from '../core/pack';
import { getMeta, setMeta } from '../db/entities';
import { applyImport } from '../db/import';
import type { BackstoryDb } from '../db/schema';
import { writeVersioned } from '../db/state';
import type { VersionedWrite } from './state-service';

/** Origin of the starter notes: they behave like a pack's entities. */
export const STARTER_ORIGIN = 'starter';
const INSTALLED_KEY = 'starterInstalled';

/**
 * Adds the starter notes once per profile, through `write` (the background's,
 * which tells open pages); returns how many were added.
 */
export async function installStarterPack(
  db: BackstoryDb,
  write: VersionedWrite = (run, changedAny) => writeVersioned(db, run, changedAny),
): Promise<number> {
  if (await getMeta<boolean>(db, INSTALLED_KEY)) return 0;
  const parsed = parsePack(JSON.stringify(starterPack));
  // The starter pack is checked by a unit test; this guards a broken build.
  if (!parsed.ok) throw new Error('The bundled starter pack is invalid.');
  const { result } = await write(
    () => applyImport(db, parsed.pack.entities, { origin: STARTER_ORIGIN }),
    (r) => r.added.length > 0,
  );
  await setMeta(db, INSTALLED_KEY, true);
  return result.added.length;
}

export async function openWelcome(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/options.html#welcome') });
}
