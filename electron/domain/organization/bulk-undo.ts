import { DomainError } from '../domain-error';

/**
 * Undo of a bulk change, as rules. A bulk change keeps every pair it changed with the activation before and
 * after; undo puts back exactly the before, in one go, and only when nothing changed those pairs since (so an
 * undo never silently overwrites a later change). Only the organization's last bulk change can be undone,
 * and only once.
 */

/** An activation as kept: [enabled, deactivatedAt], or null when the pair had no row (never enabled). */
export type KeptActivation = readonly [boolean, string | null] | null;

/** One changed pair: workflow, store, before, after. */
export type ChangedPair = readonly [string, string, KeptActivation, KeptActivation];

export interface BulkChangeRecord {
  id: string;
  action: string;
  at: string;
  pairs: readonly ChangedPair[];
  undoneAt: string | null;
}

const same = (a: KeptActivation, b: KeptActivation) => (a === null || b === null ? a === b : a[0] === b[0] && a[1] === b[1]);

/**
 * The pairs to write to undo `change`, given the organization's last bulk change and each pair's activation
 * now. Refuses when `change` is not the last one, was undone already, or a pair changed since.
 */
export function undoPlan(
  change: BulkChangeRecord,
  last: { id: string } | null,
  now: (workflowId: string, storeId: string) => KeptActivation,
): ChangedPair[] {
  if (change.undoneAt !== null) {
    throw new DomainError('conflict', `This bulk change (${change.at}) was undone already, at ${change.undoneAt}`, {
      path: ['bulkChangeId'],
      undoneAt: change.undoneAt,
    });
  }
  if (last?.id !== change.id) {
    throw new DomainError('conflict', 'Only the last bulk change of the organization can be undone; a later one was made since', {
      path: ['bulkChangeId'],
      lastId: last?.id ?? null,
    });
  }
  const moved = change.pairs.filter(([w, s, , after]) => !same(now(w, s), after));
  if (moved.length > 0) {
    throw new DomainError(
      'conflict',
      `${moved.length === 1 ? '1 pair was' : `${moved.length} pairs were`} changed since this bulk change (or their workflow or store is gone); nothing was undone, so no later change is lost`,
      {
        path: ['bulkChangeId'],
        pairs: moved.slice(0, 20).map(([workflowId, storeId]) => ({ workflowId, storeId })),
      },
    );
  }
  return change.pairs.map(([w, s, before, after]) => [w, s, after, before] as const);
}
