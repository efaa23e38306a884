import { statusContract } from '../contract/status';
import type { Handlers } from '../define-handlers';
import { DomainError, notFound } from '../../domain/domain-error';
import { statusFromGrid } from '../../domain/status/grid-status';
import { deactivatedStoreFix, fixesFor, overviewFix, readinessFix, reasonFix, type PairRef } from '../../domain/status/reason-fix';
import { emptyCounts, factsAt, type OrganizationFacts, type StateCounts, type StateGrid } from '../../domain/status/state-grid';
import { matrixPage } from '../../domain/status/status-matrix';
import { pairActions } from '../../domain/status/pair-actions';
import { walkSteps } from '../../domain/workflow/workflow-definition';
import { statusOverview, type StatusOverview } from '../../domain/status/status-overview';
import { readinessOverview, type ReadinessGroup } from '../../domain/status/readiness-overview';
import { nothingSet, readinessKey, type ReadinessWarning, type StoreReadiness } from '../../domain/status/readiness';
import type { Catalog } from '../../domain/catalog/catalog';
import type { StatusState } from '../../domain/status/workflow-status';
import { runningVersion as runningVersionOf } from '../../domain/workflow/publishing';
import { requireOrganization, requireStore, requireWorkflow } from './organization-lookups';

/** The status with each reason's fix beside it and every fix of the pair, as the domain maps them. */
function withFixes<T extends Parameters<typeof fixesFor>[0] & { reasons: Parameters<typeof reasonFix>[0][]; warnings: ReadinessWarning[] }>(
  status: T,
  pair: PairRef,
  flowInstalled: boolean,
) {
  return {
    ...status,
    reasons: status.reasons.map((r) => ({ ...r, fix: reasonFix(r, pair) })),
    warnings: status.warnings.map((w) => ({ ...w, fix: readinessFix(w, pair.storeId) })),
    fixes: fixesFor(status, pair, flowInstalled),
  };
}

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
    throw new DomainError(
      'not_found',
      `${field}: ${missing.join(', ')} ${missing.length === 1 ? `is not a ${what}` : `are not ${what}s`} of this organization`,
      {
        what,
        ids: missing,
        path: field.split('.'),
      },
    );
  }
}

/** The overview as kept, with the readiness groups of when it was derived (absent in overviews kept before them). */
type OverviewWithReadiness = StatusOverview & { readinessAt?: { key: string; groups: ReadinessGroup[] } };

/**
 * The readiness groups of an organization, walked off its 2,000,000 cells only when the grid or a store's
 * readiness changed: an Overview opened again between two deliveries costs a lookup, not the walk (about
 * 250 ms and 18 MB at 1,000 stores × 2,000 workflows). Kept per grid, which is a new object whenever the
 * status generation moves, and dropped with it.
 */
const readinessGroups = new WeakMap<StateGrid, { key: string; groups: ReadinessGroup[] }>();
function readinessGroupsOf(
  facts: OrganizationFacts,
  grid: StateGrid,
  readiness: ReadonlyMap<string, StoreReadiness>,
  key: string,
  catalog: Catalog,
): ReadinessGroup[] {
  const known = readinessGroups.get(grid);
  if (known?.key === key) return known.groups;
  const groups = readinessOverview(facts, grid, readiness, catalog);
  readinessGroups.set(grid, { key, groups });
  return groups;
}

/**
 * The Overview's last answer per kept overview, with the readiness groups it was made with: opened again while
 * neither moved, it is the same answer, not made again (its readiness part alone lists every store of each
 * group with its fix: 1.25 MB of its 1.3 MB of JSON at 1,000 stores). Dropped with the kept overview.
 */
const overviewAnswers = new WeakMap<OverviewWithReadiness, { readiness: ReadinessGroup[]; answer: unknown }>();

export const statusHandlers: Handlers<typeof statusContract> = {
  'status.pair': ({ workflowId, storeId }, ctx) => {
    const workflowRow = requireWorkflow(ctx, workflowId);
    const storeRow = requireStore(ctx, storeId);
    if (workflowRow.organizationId !== storeRow.organizationId) {
      throw new DomainError('invalid_input', `storeId: the store "${storeRow.name}" is not in the workflow's organization`, {
        path: ['storeId'],
      });
    }
    const { facts, grid, workflowIndex, storeIndex } = ctx.statusFacts.organization(workflowRow.organizationId);
    const w = workflowIndex.get(workflowId);
    const s = storeIndex.get(storeId);
    if (w === undefined || s === undefined) throw notFound('Workflow', workflowId);
    const workflow = factsAt(facts, w, s);
    const store = facts.stores[s]!;
    const activation = ctx.activations.get(workflowId, storeId);
    const status = withFixes(
      statusFromGrid(grid, w, s, workflow, store, activation?.deactivatedAt ?? null, ctx.catalog, ctx.readiness.ofStore(storeId)),
      { workflowId, storeId },
      store.flowInstalled,
    );
    const runningVersion = ctx.publications.runningVersion(workflowId, storeId);
    const published = ctx.publications.runningDefinition(workflowId, storeId);
    const running = published && {
      version: published.version,
      trigger: published.definition.trigger && {
        app: published.definition.trigger.task.app,
        handle: published.definition.trigger.task.handle,
      },
      actions: [...walkSteps(published.definition.steps)].filter((step) => step.kind === 'action').length,
    };
    return {
      ...status,
      workflowName: workflow.name,
      storeName: store.name,
      enabled: activation?.enabled ?? false,
      runningVersion,
      actions: pairActions(status.state, store.flowInstalled),
      running,
      currentVersion: workflowRow.currentVersion,
    };
  },

  'status.store': ({ storeId, states, offset, limit }, ctx) => {
    const row = requireStore(ctx, storeId);
    const { facts, grid, storeIndex } = ctx.statusFacts.organization(row.organizationId);
    const s = storeIndex.get(storeId);
    if (s === undefined) throw notFound('Store', storeId);
    const store = facts.stores[s]!;
    const activations = ctx.statusFacts.activationsOfStore(storeId);
    const versions = ctx.publications.runningInStore(storeId);
    const readiness = ctx.readiness.ofStore(storeId);
    const items = facts.workflows.map((_, w) => {
      const workflow = factsAt(facts, w, s);
      const status = withFixes(
        statusFromGrid(grid, w, s, workflow, store, activations.get(workflow.id)?.deactivatedAt ?? null, ctx.catalog, readiness),
        { workflowId: workflow.id, storeId },
        store.flowInstalled,
      );
      return {
        workflowId: workflow.id,
        name: workflow.name,
        errorCount: workflow.errors.length,
        state: status.state,
        reasons: status.reasons,
        warnings: status.warnings,
        fixes: status.fixes,
        since: status.since,
        runningVersion: versions.get(workflow.id) ?? null,
      };
    });
    return {
      store: { id: row.id, name: row.name, flowInstalled: row.flowInstalled, flowUninstalledAt: row.flowUninstalledAt },
      ...page(items, states, offset, limit),
    };
  },

  'status.workflow': ({ workflowId, states, offset, limit }, ctx) => {
    const row = requireWorkflow(ctx, workflowId);
    const { facts, grid, workflowIndex } = ctx.statusFacts.organization(row.organizationId);
    const w = workflowIndex.get(workflowId);
    if (w === undefined) throw notFound('Workflow', workflowId);
    const workflow = facts.workflows[w]!;
    const activations = ctx.statusFacts.activationsOfWorkflow(workflowId);
    const publication = ctx.publications.publication(workflowId);
    const readiness = ctx.readiness.read({ organizationId: row.organizationId });
    const items = facts.stores.map((store, s) => {
      const status = withFixes(
        statusFromGrid(
          grid,
          w,
          s,
          factsAt(facts, w, s),
          store,
          activations.get(store.id)?.deactivatedAt ?? null,
          ctx.catalog,
          readiness.get(store.id) ?? nothingSet,
        ),
        { workflowId, storeId: store.id },
        store.flowInstalled,
      );
      const runningVersion = runningVersionOf(publication, store.id);
      return {
        storeId: store.id,
        name: store.name,
        flowInstalled: store.flowInstalled,
        state: status.state,
        reasons: status.reasons,
        warnings: status.warnings,
        fixes: status.fixes,
        since: status.since,
        runningVersion,
      };
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
    // Derived from the grid; a read never writes (the overview is kept for the next start when the app closes).
    // Readiness moves with every delivery, apart from the grid: the groups of the moment it was derived are kept
    // beside it with their key, so a start opens on them without the grid when no store's readiness moved since.
    const now = ctx.readiness.read({ organizationId });
    const key = readinessKey(now);
    const kept = ctx.statusFacts.overview<OverviewWithReadiness>(organizationId, ({ facts, grid }) => ({
      ...statusOverview(facts, grid, ctx.catalog),
      readinessAt: { key, groups: readinessGroupsOf(facts, grid, now, key, ctx.catalog) },
    }));
    const { readinessAt, ...overview } = kept;
    let readiness = readinessAt?.key === key ? readinessAt.groups : null;
    if (!readiness) {
      const { facts, grid } = ctx.statusFacts.organization(organizationId);
      readiness = readinessGroupsOf(facts, grid, now, key, ctx.catalog);
    }
    const known = overviewAnswers.get(kept);
    if (known?.readiness === readiness) return known.answer as typeof answer;
    // Each entry that needs attention carries what resolves it, as the domain maps it.
    const answer = {
      ...overview,
      attention: {
        ...overview.attention,
        readiness: readiness.map((g) => ({ ...g, stores: g.stores.map((s) => ({ ...s, fix: readinessFix(g, s.storeId) })) })),
        deactivated: overview.attention.deactivated.map((d) => ({ ...d, fix: deactivatedStoreFix(d.storeId, d.flowInstalled) })),
        blocked: overview.attention.blocked.map((b) => ({ ...b, fix: overviewFix(b) })),
      },
    };
    overviewAnswers.set(kept, { readiness, answer });
    return answer;
  },
};
