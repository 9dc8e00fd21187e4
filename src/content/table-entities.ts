/**
 * The entities of a form table in the tab (core/tab-dictionary.ts). A
 * table's match carries its entity's kind, which is all a mark needs to be
 * drawn; its id,
 * which the card and the popup need, comes with the table when the
 * dictionary is small, and is asked of the worker otherwise, for just the
 * entities the page's marks name. Until then such an entity goes by an
 * unnamed id, unique to this tab (a random part, so no entity's real id
 * can equal it), and the marks carrying it are renamed once the answer
 * comes (mark-naming.ts).
 */
import { KINDS } from '../core/entity';
import type { MatchableEntity } from '../core/page-match';
import { ENTITY_IDS_MAX } from '../core/tab-dictionary';
import { randomToken } from './random-token';

export type AskIds = (version: number, indices: number[]) => Promise<(string | null)[] | null>;

export class TableEntities {
  /** One object per entity met, so a later match carries the id learnt meanwhile. */
  private readonly made = new Map<number, MatchableEntity>();
  /** Every unnamed id given out, with its entity's index. */
  private readonly unnamed = new Map<string, number>();
  /** Unnamed ids the worker named: a mark drawn from an older match may still carry one. */
  private readonly named = new Map<string, string>();
  private readonly prefix = `unnamed:${randomToken()}:`;

  constructor(
    private readonly version: number,
    private readonly ids: readonly string[] | null,
    private readonly ask: AskIds,
  ) {}

  /**
   * The entity at `index`, of kind `kind` (an index in KINDS, as the
   * table's scan checked it) when it is first met.
   */
  at(index: number, kind: number): MatchableEntity {
    let entity = this.made.get(index);
    if (entity) return entity;
    const id = this.ids?.[index] ?? `${this.prefix}${index}`;
    if (!this.ids) this.unnamed.set(id, index);
    entity = { id, kind: KINDS[kind]! };
    this.made.set(index, entity);
    return entity;
  }

  isUnnamed(id: string): boolean {
    return this.unnamed.has(id);
  }

  /**
   * Asks the worker for the ids behind `unnamed` ones; answers the ones it
   * learnt, unnamed to real. A dictionary changed meanwhile answers none:
   * the page is marked again with the new one.
   */
  async name(ids: readonly string[]): Promise<Map<string, string>> {
    const answer = new Map<string, string>();
    const wanted: string[] = [];
    for (const id of ids) {
      const known = this.named.get(id);
      if (known !== undefined) answer.set(id, known);
      else if (this.unnamed.has(id)) wanted.push(id);
    }
    for (let at = 0; at < wanted.length; at += ENTITY_IDS_MAX) {
      const part = wanted.slice(at, at + ENTITY_IDS_MAX);
      const indices = part.map((id) => this.unnamed.get(id)!);
      const reply = await this.ask(this.version, indices);
      if (!reply || reply.length !== indices.length) break;
      part.forEach((unnamedId, i) => {
        const id = reply[i];
        if (typeof id !== 'string' || !id) return;
        this.named.set(unnamedId, id);
        this.made.get(indices[i]!)!.id = id;
        answer.set(unnamedId, id);
      });
    }
    return answer;
  }
}
