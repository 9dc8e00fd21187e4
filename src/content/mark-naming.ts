/**
 * Marks found with a table that came without ids (core/tab-dictionary.ts)
 * know their entity by an unnamed id until the worker names it
 * (table-entities.ts). This asks, after each change to the marks, and lets
 * what needs the real id (the card, the popup's list) wait for it.
 */
import type { MarkLayer } from './marks';

export interface Namer {
  isUnnamed(id: string): boolean;
  name(ids: readonly string[]): Promise<Map<string, string>>;
}

export class MarkNaming {
  private running: Promise<void> | null = null;

  constructor(
    private readonly layer: Pick<MarkLayer, 'marks' | 'rename'>,
    private readonly namer: Namer,
  ) {}

  isUnnamed(id: string): boolean {
    return this.namer.isUnnamed(id);
  }

  /**
   * Settles once every mark has its entity's real id, or the worker could
   * name no more of them (the notes changed: a new scan follows). Never
   * rejects: a mark left unnamed has no card, and says nothing wrong.
   */
  named(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    // Marks drawn while the worker answered are named in the next round.
    for (;;) {
      const ids = new Set<string>();
      for (const m of this.layer.marks) if (this.namer.isUnnamed(m.entityId)) ids.add(m.entityId);
      if (ids.size === 0) return;
      const named = await this.namer.name([...ids]).catch(() => new Map<string, string>());
      if (named.size === 0) return;
      this.layer.rename(named);
    }
  }
}
