/**
 * Every entity, read once per dictionary version and shared: after a change
 * both the dictionary and the search index are rebuilt from the same read,
 * instead of reading 100,000 entities twice. The list is let go shortly
 * after, so it does not sit in the worker's memory.
 */
import type { Entity } from '../core/entity';
import { allEntities } from '../db/entities';
import type { BackstoryDb } from '../db/schema';

const KEEP_MS = 5_000;

export class EntitySnapshot {
  private last: { version: number; entities: Promise<Entity[]> } | null = null;
  private release: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly db: BackstoryDb) {}

  get(version: number): Promise<Entity[]> {
    if (this.last?.version !== version) {
      const entities = allEntities(this.db);
      this.last = { version, entities };
      entities.catch(() => {
        if (this.last?.entities === entities) this.last = null;
      });
    }
    clearTimeout(this.release);
    this.release = setTimeout(() => (this.last = null), KEEP_MS);
    return this.last.entities;
  }
}
