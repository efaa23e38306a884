import type { publishingContract } from '../contract/publishing';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError, notFound } from '../../domain/domain-error';
import { buildWorkflowFacts, type WorkflowFacts } from '../../domain/status/status-facts';
import { checkWorkflow } from '../../domain/status/workflow-check';
import { publishImpact, type PublishImpact } from '../../domain/workflow/publish-impact';
import { ensurePublishable, isRollback, publishTo } from '../../domain/workflow/publishing';
import { noSuchVersion } from '../../domain/workflow/versioning';
import { mutation } from '../mutation';
import { workflowDetailOf } from './workflows';

interface Target {
  id: string;
  version?: number | undefined;
  storeIds?: readonly string[] | undefined;
}

/** The workflow, the version (the draft when none is given), the stores reached, and the impact of publishing. */
function impactOf(ctx: HandlerContext, { id, version, storeIds }: Target) {
  const row = ctx.workflows.get(id);
  if (!row) throw notFound('Workflow', id);
  const chosen = version ?? row.currentVersion;
  const factsOf = versionFacts(ctx, row.id, row.name);
  const target = factsOf(chosen);
  if (!target) throw noSuchVersion(row, chosen);
  const stores = ctx.statusFacts.stores({ organizationId: row.organizationId });
  if (storeIds) {
    const known = new Set(stores.map((s) => s.id));
    const unknown = storeIds.find((s) => !known.has(s));
    if (unknown)
      throw new DomainError('not_found', `Store ${unknown} is not a store of this workflow's organization`, {
        path: ['storeIds'],
        storeId: unknown,
      });
  }
  const reached = storeIds ? stores.filter((s) => storeIds.includes(s.id)) : stores;
  const activations = ctx.statusFacts.activationsOfWorkflow(row.id);
  const publication = ctx.publications.publication(row.id);
  const impact = publishImpact({
    version: chosen,
    target,
    factsOf,
    publication,
    stores: reached.map((store) => ({
      store,
      activation: activations.get(store.id) ?? null,
    })),
    catalog: ctx.catalog,
  });
  return {
    row,
    version: chosen,
    target,
    publication,
    impact,
    storeIds: storeIds ? reached.map((s) => s.id) : null,
    allStores: stores,
  };
}

/** Facts of each version as the status judges it (apps used, errors), worked out once per call. */
function versionFacts(ctx: HandlerContext, workflowId: string, name: string): (version: number) => WorkflowFacts | null {
  const known = new Map<number, WorkflowFacts | null>();
  return (version) => {
    if (!known.has(version)) {
      const found = ctx.workflows.version(workflowId, version);
      const check = found && checkWorkflow(found.definition, ctx.catalog);
      known.set(version, check ? buildWorkflowFacts(workflowId, name, check.appsUsed, check.problems) : null);
    }
    return known.get(version)!;
  };
}

const where = (storeIds: readonly string[] | null, impact: PublishImpact) =>
  storeIds === null ? 'all stores' : impact.stores.length === 1 ? `store ${impact.stores[0]!.name}` : `${impact.stores.length} stores`;

/** Publishes (or rolls back to) a version in one transaction, refused when it has errors. */
function publish(ctx: HandlerContext, input: Target, kind: 'publish' | 'rollback') {
  const { row, version, target, publication, impact, storeIds, allStores } = impactOf(ctx, input);
  ensurePublishable(row.name, version, target.errors);
  const rollback = isRollback(publication, version, storeIds ?? allStores.map((s) => s.id));
  if (kind === 'rollback' && version >= row.currentVersion) {
    throw new DomainError(
      'refused',
      `Version ${version} is the latest of workflow "${row.name}": publish it instead of rolling back to it`,
      {
        path: ['version'],
        version,
      },
    );
  }
  ctx.publications.write(row.id, publishTo(publication, version, storeIds), ctx.now().toISOString(), ctx.actor());
  const action = rollback ? ('workflow.rolled_back' as const) : ('workflow.published' as const);
  const verb = rollback
    ? `Rolled back workflow "${row.name}" to version ${version} in ${where(storeIds, impact)}`
    : `Published version ${version} of workflow "${row.name}" to ${where(storeIds, impact)}`;
  const changed = impact.stores.filter((s) => s.enabled && s.fromVersion !== version);
  return {
    value: { workflow: workflowDetailOf(ctx, row.id), impact },
    audit: {
      action,
      organizationId: row.organizationId,
      workflowId: row.id,
      storeId: impact.stores.length === 1 ? impact.stores[0]!.storeId : null,
      summary: `${verb}: ${impact.summary.replace(/^publishes version \d+: /, '')}`,
      before: {
        publishedVersion: publication.publishedVersion,
        storeVersions: Object.fromEntries(publication.storeVersions),
      },
      after: {
        name: row.name,
        version,
        storeIds: storeIds ?? 'all',
        changes: impact.changes,
        willBlock: impact.willBlock,
      },
      subjects: { storeIds: changed.map((s) => s.storeId) },
    },
  };
}

export const publishingHandlers: Handlers<typeof publishingContract> = {
  'workflows.publishImpact': (input, ctx) => impactOf(ctx, input).impact,
  'workflows.publish': mutation(['workflow.published', 'workflow.rolled_back'], (input, ctx) => publish(ctx, input, 'publish')),
  'workflows.rollback': mutation(['workflow.published', 'workflow.rolled_back'], (input, ctx) => publish(ctx, input, 'rollback')),
};
