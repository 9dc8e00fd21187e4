import type { Kind } from '../core/entity';
import { foldForm } from '../core/fold';

/** Two entities are the same when kind and folded name agree ("Çakır" is "cakir"). */
export function nameKey(name: string, kind: Kind): string {
  return `${kind}\u0000${foldForm(name)}`;
}
