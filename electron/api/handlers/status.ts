import { statusContract } from '../contract/status';
import type { Handlers } from '../define-handlers';
import { DomainError, notFound } from '../../domain/domain-error';
import { computeStatus } from '../../domain/status/compute-status';
import { emptyCounts, type StateCounts } from '../../domain/status/state-grid';
import { matrixPage } from '../../domain/status/status-matrix';
import { statusOverview, type StatusOverview } from '../../domain/status/status-overview';
import type { StatusState } from '../../domain/status/workflow-status';
import { requireOrganization, requireStore, requireWorkflow } from './organization-lookups';

/** Counts over every item, then the page of those in the wanted states. */
function page<T extends { state: StatusState }>(items: T[], states: readonly StatusState[] | undefined, offset: number, limit: number) {
  const counts: StateCounts = emptyCounts();
  for (const item of items) counts[item.state]++;
  const kept = states ? items.filter((i) => states.includes(i.state)) : items;
  return { counts, total: kept.length, items: kept.slice(offset, offset + limit) };
}

function unknownIds(field: string, what: string, ids: readonly string[] | undefined, known: readonly { id: string }[]): void {
  if (!ids) return;
  const have = new Set(known.map((k) => k.id));
  const missing = ids.filter((id) => !have.has(id));
  if (missing.length > 0) {
    throw new DomainError('not_found', `${field}: ${missing.join(', ')} ${missing.length === 1 ? `is not a ${what}` : `are not ${what}s`} of this organization`, {
      what,
      ids: missing,
      path: field.split('.'),
    });
  }
}

export const statusHandlers: Handlers<typeof statusContract> = {
  'status.pair': ({ workflowId, storeId }, ctx) => {
    const workflowRow = requireWorkflow(ctx, workflowId);
    const storeRow = requireStore(ctx, storeId);
    if (workflowRow.organizationId !== storeRow.organizationId) {
      throw new DomainError('invalid_input', `storeId: the store "${storeRow.name}" is not in the workflow's organization`, { path: ['storeId'] });
    }
    const [workflow] = ctx.statusFacts.workflows({ workflowId });
    const [store] = ctx.statusFacts.stores({ storeId });
    if (!workflow || !store) throw notFound('Workflow', workflowId);
    const activation = ctx.activations.get(workflowId, storeId);
    const status = computeStatus(workflow, store, activation ?? null, ctx.catalog);
    return { ...status, workflowName: workflow.name, storeName: store.name, enabled: activation?.enabled ?? false };
  },

  'status.store': ({ storeId, states, offset, limit }, ctx) => {
    const row = requireStore(ctx, storeId);
    const [store] = ctx.statusFacts.stores({ storeId });
    const activations = ctx.statusFacts.activationsOfStore(storeId);
    const items = ctx.statusFacts.workflows({ organizationId: row.organizationId }).map((workflow) => {
      const status = computeStatus(workflow, store!, activations.get(workflow.id) ?? null, ctx.catalog);
      return { workflowId: workflow.id, name: workflow.name, errorCount: workflow.errors.length, state: status.state, reasons: status.reasons, since: status.since };
    });
    return {
      store: { id: row.id, name: row.name, flowInstalled: row.flowInstalled, flowUninstalledAt: row.flowUninstalledAt },
      ...page(items, states, offset, limit),
    };
  },

  'status.workflow': ({ workflowId, states, offset, limit }, ctx) => {
    const row = requireWorkflow(ctx, workflowId);
    const [workflow] = ctx.statusFacts.workflows({ workflowId });
    if (!workflow) throw notFound('Workflow', workflowId);
    const activations = ctx.statusFacts.activationsOfWorkflow(workflowId);
    // Only the installations of the apps this workflow uses matter to its status.
    const items = ctx.statusFacts.stores({ organizationId: row.organizationId }, workflow.appsUsed).map((store) => {
      const status = computeStatus(workflow, store, activations.get(store.id) ?? null, ctx.catalog);
      return { storeId: store.id, name: store.name, flowInstalled: store.flowInstalled, state: status.state, reasons: status.reasons, since: status.since };
    });
    return {
      workflow: { id: workflow.id, name: workflow.name, appsUsed: [...workflow.appsUsed] },
      problems: [...workflow.problems],
      ...page(items, states, offset, limit),
    };
  },

  'status.matrix': ({ organizationId, workflows, stores, filter }, ctx) => {
    requireOrganization(ctx, organizationId);
    const { facts, grid } = ctx.statusFacts.organization(organizationId);
    unknownIds('workflows.ids', 'workflow', workflows.ids, facts.workflows);
    unknownIds('stores.ids', 'store', stores.ids, facts.stores);
    return matrixPage(facts, grid, ctx.catalog, {
      workflowOffset: workflows.offset,
      workflowLimit: workflows.limit,
      storeOffset: stores.offset,
      storeLimit: stores.limit,
      ...(workflows.ids ? { workflowIds: workflows.ids } : {}),
      ...(stores.ids ? { storeIds: stores.ids } : {}),
      ...(filter.states ? { states: filter.states } : {}),
      ...(filter.appId ? { appId: filter.appId } : {}),
      ...(filter.search ? { search: filter.search } : {}),
    });
  },

  'status.overview': ({ organizationId }, ctx) => {
    requireOrganization(ctx, organizationId);
    const kept = ctx.statusFacts.keptOverview<StatusOverview>(organizationId);
    if (kept) return kept;
    const { facts, grid } = ctx.statusFacts.organization(organizationId);
    const overview = statusOverview(facts, grid, ctx.catalog);
    ctx.statusFacts.keepOverview(organizationId, overview);
    return overview;
  },
};
