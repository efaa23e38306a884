import type { activationsContract } from '../contract/activations';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { notFound } from '../../domain/domain-error';
import { undoPlan } from '../../domain/organization/bulk-undo';
import { mutation } from '../mutation';
import { requireOrganization } from './organization-lookups';

type Methods = Handlers<typeof activationsContract>;

function requireBulkChange(ctx: HandlerContext, bulkChangeId: string) {
  const change = ctx.bulkChanges.get(bulkChangeId);
  if (!change) throw notFound('Bulk change', bulkChangeId);
  return change;
}

/** The organization's last bulk change, and whether it can still be undone (for the toast and the Activity log). */
export const lastBulk: Methods['activations.lastBulk'] = ({ organizationId }, ctx) => {
  requireOrganization(ctx, organizationId);
  const last = ctx.bulkChanges.last(organizationId);
  if (!last) return null;
  const change = requireBulkChange(ctx, last.id);
  let undoable = true;
  try {
    undoPlan(change, last, (w, s) => ctx.activations.keptOf(w, s));
  } catch {
    undoable = false;
  }
  return {
    bulkChangeId: change.id,
    action: change.action as 'enable' | 'disable' | 'reenable',
    at: change.at,
    pairs: change.pairs.length,
    undoneAt: change.undoneAt,
    undoable,
  };
};

/** Puts every pair of the last bulk change back as it was, in one transaction, recorded in the audit log. */
export const undoBulk: Methods['activations.undoBulk'] = mutation('activation.bulk_undone', ({ bulkChangeId }, ctx) => {
  const change = requireBulkChange(ctx, bulkChangeId);
  const plan = undoPlan(change, ctx.bulkChanges.last(change.organizationId), (w, s) => ctx.activations.keptOf(w, s));
  const at = ctx.now().toISOString();
  ctx.activations.restore(
    plan.map(([w, s, , before]) => [w, s, before] as const),
    at,
  );
  ctx.bulkChanges.markUndone(change.id, at);
  const workflowIds = [...new Set(plan.map(([w]) => w))];
  const storeIds = [...new Set(plan.map(([, s]) => s))];
  const n = plan.length;
  return {
    value: {
      bulkChangeId,
      restored: n,
      workflows: workflowIds.length,
      stores: storeIds.length,
    },
    audit: {
      organizationId: change.organizationId,
      workflowId: workflowIds.length === 1 ? workflowIds[0]! : null,
      storeId: storeIds.length === 1 ? storeIds[0]! : null,
      summary: `Undid the bulk change of ${change.at} (${change.action}): ${n === 1 ? '1 pair' : `${n} pairs`} back as they were`,
      before: { bulkChangeId, action: change.action, at: change.at },
      after: {
        restored: n,
        workflows: workflowIds.length,
        stores: storeIds.length,
      },
      subjects: { workflowIds, storeIds },
    },
  };
});
