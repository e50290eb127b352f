import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a module above this one erases of a holder, inside the erasure transaction; counts back. */
export type ErasureHook = (manager: EntityManager, holderId: string) => Promise<number>;

/**
 * Lets modules above `holders` (which it may not import) take part in a holder's erasure: each
 * registers a hook at start, and `HolderRightsService.erase` runs them in its transaction.
 */
@Injectable()
export class HolderErasureHooks {
  private readonly hooks = new Map<string, ErasureHook>();

  register(name: string, hook: ErasureHook): void {
    this.hooks.set(name, hook);
  }

  async run(manager: EntityManager, holderId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [name, hook] of this.hooks) counts[name] = await hook(manager, holderId);
    return counts;
  }
}
