import type { activationsContract } from '../contract/activations';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { matrixAxes } from '../../domain/status/status-matrix';
import { RUNNING } from '../../domain/status/state-grid';
import { mutation, rolledBack, type AuditNote } from '../mutation';
import {
  HeldBack,
  reenableDeactivated,
  requireWorkflowsOf,
  setForWorkflow,
  setInStore,
  type ActivationSummary,
  type StoreBrief,
} from './activation-changes';
import { requireOrganization, requireStoresOf } from './organization-lookups';

type Bulk = Handlers<typeof activationsContract>['activations.bulk'];
type Input = Parameters<Bulk>[0];
type BulkAction = 'activation.enabled' | 'activation.disabled' | 'activation.reenabled';

/**
 * The stores a whole row applies to and the workflows a whole column applies to: what the matrix shows
 * under its filter (the same rule as its pages), or everything of the organization when it is not filtered.
 */
function visibleAxes(ctx: HandlerContext, organizationId: string, filter: Input['filter']) {
  const storesFiltered = filter.storeIds !== undefined || filter.states !== undefined;
  const workflowsFiltered = filter.states !== undefined || filter.appId !== undefined || (filter.search ?? '').trim() !== '';
  if (!storesFiltered && !workflowsFiltered) return { stores: null, workflows: null };
  const { facts, grid } = ctx.statusFacts.organization(organizationId);
  const search = filter.search?.trim();
  const axes = matrixAxes(facts, grid, {
    ...(filter.storeIds ? { storeIds: filter.storeIds } : {}),
    ...(filter.states ? { states: filter.states } : {}),
    ...(filter.appId ? { appId: filter.appId } : {}),
    ...(search ? { search } : {}),
  });
  return {
    stores: storesFiltered ? new Set(axes.stores.map((i) => facts.stores[i]!.id)) : null,
    workflows: workflowsFiltered ? axes.workflows.map((i) => facts.workflows[i]!.id) : null,
  };
}

/**
 * A selection of the status matrix carried out in one transaction: whole rows (workflows across the stores
 * shown), whole columns (stores across the workflows shown) and single cells not already covered by
 * either. Each part changes and records as the single-workflow and single-store calls do; if any part
 * fails, nothing of the selection is written.
 */
function applyBulk({ organizationId, action, selection, filter }: Input, ctx: HandlerContext) {
  {
    const organization = requireOrganization(ctx, organizationId);
    // Every workflow's name only when a column or a cell may need it; whole rows need only their own.
    const needsAll = selection.storeIds.length > 0 || selection.cells.length > 0;
    const named = needsAll ? ctx.workflows.names(organizationId) : ctx.workflows.namesAmong(organizationId, selection.workflowIds);
    const workflows = new Map(named.map((w) => [w.id, { ...w, organizationId }]));
    const workflowIds = [...workflows.keys()];
    const rows = requireWorkflowsOf(ctx, organizationId, selection.workflowIds, 'selection.workflowIds', workflowIds);
    const columns = requireStoresOf(ctx, organizationId, selection.storeIds, 'selection.storeIds');
    const selectedRows = new Set(rows);
    const selectedColumns = new Set(columns.map((s) => s.id));
    const cellsByWorkflow = new Map<string, string[]>();
    for (const { workflowId, storeId } of selection.cells) {
      if (selectedRows.has(workflowId) || selectedColumns.has(storeId)) continue;
      let list = cellsByWorkflow.get(workflowId);
      if (!list) cellsByWorkflow.set(workflowId, (list = []));
      list.push(storeId);
    }
    requireWorkflowsOf(ctx, organizationId, [...cellsByWorkflow.keys()], 'selection.cells', workflowIds);
    const cellStores = new Map(
      requireStoresOf(ctx, organizationId, [...new Set([...cellsByWorkflow.values()].flat())], 'selection.cells').map((s) => [s.id, s]),
    );

    const visible = visibleAxes(ctx, organizationId, filter);
    const allStores = ctx.stores.briefs(organizationId);
    const rowStores: StoreBrief[] = visible.stores ? allStores.filter((s) => visible.stores!.has(s.id)) : allStores;
    const columnWorkflows = visible.workflows ?? workflowIds;

    // Every part applies the matrix's own rule per pair (pair-actions.ts); what it holds back is reported.
    const held = new HeldBack();
    const results: ActivationSummary[] = [];
    const notes: AuditNote<BulkAction>[] = [];
    const take = (change: { value: ActivationSummary; audit: AuditNote<BulkAction> | readonly AuditNote<BulkAction>[] | null }) => {
      results.push(change.value);
      if (change.audit) notes.push(...(Array.isArray(change.audit) ? change.audit : [change.audit as AuditNote<BulkAction>]));
    };

    if (action === 'reenable') {
      if (rows.length > 0) take(reenableDeactivated(ctx, organization, rowStores, rows, held));
      if (columns.length > 0) take(reenableDeactivated(ctx, organization, columns, visible.workflows ?? undefined, held));
      for (const [workflowId, storeIds] of cellsByWorkflow)
        take(
          reenableDeactivated(
            ctx,
            organization,
            storeIds.map((id) => cellStores.get(id)!),
            [workflowId],
            held,
          ),
        );
    } else {
      const enabled = action === 'enable';
      for (const workflowId of rows) take(setForWorkflow(ctx, workflows.get(workflowId)!, rowStores, enabled, held));
      for (const store of columns) take(setInStore(ctx, store, columnWorkflows, enabled, held));
      for (const [workflowId, storeIds] of cellsByWorkflow)
        take(
          setForWorkflow(
            ctx,
            workflows.get(workflowId)!,
            storeIds.map((id) => cellStores.get(id)!),
            enabled,
            held,
          ),
        );
    }

    const sum = (key: 'changed' | 'unchanged' | 'withoutFlowApp') => results.reduce((n, r) => n + r[key], 0);
    const value = {
      action,
      changed: sum('changed'),
      unchanged: sum('unchanged'),
      withoutFlowApp: sum('withoutFlowApp'),
      workflows: new Set(results.flatMap((r) => r.changedWorkflowIds)).size,
      stores: new Set(results.flatMap((r) => r.changedStoreIds)).size,
      skipped: held.list(),
    };
    return { value, notes };
  }
}

/** Undo data is kept up to this many pairs; a larger change is still made, but cannot be undone in one step. */
const UNDO_LIMIT = 100_000;

export const activationsBulk: Bulk = mutation<Input, ReturnType<Bulk>, BulkAction>(
  ['activation.enabled', 'activation.disabled', 'activation.reenabled'],
  (input, ctx) => {
    const { value: applied, pairs } = ctx.activations.journal(() => applyBulk(input, ctx));
    let bulkChangeId: string | null = null;
    if (pairs.length > 0 && pairs.length <= UNDO_LIMIT) {
      bulkChangeId = ctx.newId();
      ctx.bulkChanges.insert({
        id: bulkChangeId,
        organizationId: input.organizationId,
        action: input.action,
        at: ctx.now().toISOString(),
        actor: ctx.actor(),
        pairs,
      });
    }
    // Each note names the bulk change it belongs to, so the Activity log can offer its undo.
    const audit = applied.notes.map((n) => ({
      ...n,
      after: {
        ...(n.after as object),
        ...(bulkChangeId ? { bulkChangeId } : {}),
      },
    }));
    return { value: { ...applied.value, bulkChangeId }, audit };
  },
);

/**
 * What the selection would change, counted by carrying it out inside a transaction that is then rolled back:
 * the same code as the change itself, so the count shown before confirming is exactly what will change.
 */
export function bulkPreview(input: Input, ctx: HandlerContext) {
  const { facts, grid } = ctx.statusFacts.organization(input.organizationId);
  const workflowIndex = new Map(facts.workflows.map((w, i) => [w.id, i]));
  const storeIndex = new Map(facts.stores.map((s, i) => [s.id, i]));
  return rolledBack(ctx, () => {
    const { value, pairs } = ctx.activations.journal(() => applyBulk(input, ctx));
    const runningNow = pairs.filter(([w, s]) => grid.cells[workflowIndex.get(w)! * grid.stores + storeIndex.get(s)!] === RUNNING).length;
    return { ...value.value, runningNow };
  });
}
