import { workflowsContract } from '../contract/workflows';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError, notFound } from '../../domain/domain-error';
import { hasErrors, type ValidationProblem } from '../../domain/workflow/validation-problem';
import { triggerKeyOf, validateWorkflow } from '../../domain/workflow/validate-workflow';
import { validationContextFor } from '../../domain/workflow/validation-context';
import {
  duplicateNote,
  ensureCurrent,
  nextVersion,
  noSuchVersion,
  revertedContent,
  type VersionContent,
} from '../../domain/workflow/versioning';
import { mutation } from '../mutation';
import { ensureWorkflowNameFree as ensureNameFree, insertWorkflow, publishIfNothingRuns } from './workflow-writes';
import { checkWorkflow } from '../../domain/status/workflow-check';
import { appsUsedBy } from '../../domain/workflow/workflow-apps';
import { emptyDefinition, walkSteps, type WorkflowDefinition } from '../../domain/workflow/workflow-definition';
import type { WorkflowRow, WorkflowWithDefinition } from '../../store/workflow-store';

function requireOrganization(ctx: HandlerContext, organizationId: string) {
  const organization = ctx.organizations.get(organizationId);
  if (!organization) throw notFound('Organization', organizationId);
  return organization;
}

function requireWorkflow(ctx: HandlerContext, id: string): WorkflowWithDefinition {
  const row = ctx.workflows.getWithDefinition(id);
  if (!row) throw notFound('Workflow', id);
  return row;
}

function requireVersion(ctx: HandlerContext, row: WorkflowRow, version: number) {
  const found = ctx.workflows.version(row.id, version);
  if (!found) throw noSuchVersion(row, version);
  return found;
}

function problemsOf(ctx: HandlerContext, organizationId: string, definition: WorkflowDefinition, previousTriggerKey: string | null) {
  return validateWorkflow(definition, validationContextFor(ctx, organizationId, previousTriggerKey));
}

function summary(ctx: HandlerContext, row: WorkflowRow, definition: WorkflowDefinition) {
  const t = definition.trigger?.task;
  const trigger = t ? { app: t.app, handle: t.handle, name: ctx.catalog.trigger(t.app, t.handle)?.name ?? null } : null;
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    description: row.description,
    currentVersion: row.currentVersion,
    publishedVersion: row.publishedVersion,
    trigger,
    apps: appsUsedBy(definition),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A workflow's current version (the draft, when newer than what runs) with its problems and where what is published runs. */
export function workflowDetailOf(ctx: HandlerContext, id: string) {
  const row = requireWorkflow(ctx, id);
  const { definition } = row;
  const problems = problemsOf(ctx, row.organizationId, definition, row.previousTriggerKey);
  const storeVersions = [...ctx.publications.publication(id).storeVersions].map(([storeId, version]) => ({ storeId, version }));
  return { ...summary(ctx, row, definition), definition, savedBy: row.savedBy, note: row.note, problems, storeVersions };
}
const detail = workflowDetailOf;

/** For the audit log: what a version is, in a few words, not the whole definition. */
function versionDigest(version: number, name: string, definition: WorkflowDefinition, problems?: readonly ValidationProblem[]) {
  return {
    version,
    name,
    trigger: triggerKeyOf(definition),
    steps: [...walkSteps(definition.steps)].length,
    apps: appsUsedBy(definition),
    ...(problems ? problemCounts(problems) : {}),
  };
}

function problemCounts(problems: readonly ValidationProblem[]) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

function problemWords(problems: readonly ValidationProblem[]): string {
  const { errors, warnings } = problemCounts(problems);
  if (problems.length === 0) return 'no problems';
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [errors ? part(errors, 'error') : '', warnings ? part(warnings, 'warning') : ''].filter(Boolean).join(', ');
}

/** Writes the next version and makes it current; call inside a transaction. */
function writeVersion(ctx: HandlerContext, row: WorkflowWithDefinition, content: VersionContent): number {
  const next = nextVersion(row, content, ctx.now().toISOString(), ctx.actor());
  ctx.workflows.writeVersion(row.id, next);
  return next.version;
}

function deletionImpact(ctx: HandlerContext, id: string) {
  const row = requireWorkflow(ctx, id);
  const { definition } = row;
  return { workflow: summary(ctx, row, definition), ...ctx.workflows.contents(id), row, definition };
}

export const workflowsHandlers: Handlers<typeof workflowsContract> = {
  'workflows.list': ({ organizationId }, ctx) => {
    requireOrganization(ctx, organizationId);
    return ctx.workflows.listWithDefinitions(organizationId).map((row) => summary(ctx, row, row.definition));
  },

  'workflows.get': ({ id }, ctx) => detail(ctx, id),

  'workflows.create': mutation('workflow.created', ({ organizationId, name, description = '', definition = emptyDefinition }, ctx) => {
    requireOrganization(ctx, organizationId);
    const created = insertWorkflow(ctx, organizationId, { name, description, definition, note: '' });
    const problems = problemsOf(ctx, organizationId, definition, null);
    return {
      value: detail(ctx, created),
      audit: {
        organizationId,
        workflowId: created,
        summary: `Created workflow "${name}" (${problemWords(problems)})`,
        after: versionDigest(1, name, definition, problems),
      },
    };
  }),

  'workflows.save': mutation('workflow.saved', (input, ctx) => {
    const row = requireWorkflow(ctx, input.id);
    ensureCurrent(row, input.expectedVersion);
    const name = input.name ?? row.name;
    if (name !== row.name) ensureNameFree(ctx, row.organizationId, name, row.id);
    const before = row.definition;
    const found = problemsOf(ctx, row.organizationId, input.definition, triggerKeyOf(before));
    const description = input.description ?? row.description;
    const version = writeVersion(ctx, row, { name, description, definition: input.definition, note: input.note ?? '' });
    const published = publishIfNothingRuns(ctx, row.id, version, input.definition);
    return {
      value: { workflow: detail(ctx, input.id), problems: found, published },
      audit: {
        organizationId: row.organizationId,
        workflowId: row.id,
        summary: `Saved workflow "${name}" as version ${version} (${problemWords(found)}; ${published ? 'published, as it runs nowhere' : 'a draft: what runs is unchanged'})`,
        before: versionDigest(row.currentVersion, row.name, before),
        after: { ...versionDigest(version, name, input.definition, found), ...(input.note ? { note: input.note } : {}) },
      },
    };
  }),

  'workflows.validate': ({ organizationId, definition, workflowId }, ctx) => {
    requireOrganization(ctx, organizationId);
    let previousTriggerKey: string | null = null;
    if (workflowId !== undefined) {
      const row = requireWorkflow(ctx, workflowId);
      if (row.organizationId !== organizationId) {
        throw new DomainError('refused', `Workflow "${row.name}" belongs to another organization`, { path: ['workflowId'], workflowId });
      }
      previousTriggerKey = triggerKeyOf(row.definition);
    }
    const problems = problemsOf(ctx, organizationId, definition, previousTriggerKey);
    return { valid: !hasErrors(problems), problems };
  },

  'workflows.versions': ({ id }, ctx) => {
    const row = requireWorkflow(ctx, id);
    const runningIn = ctx.publications.storesByVersion(id);
    return ctx.workflows.versions(id).map(({ workflowId: _, ...v }) => {
      // Judged as the status and publishing judge it, so "has errors" here means "cannot be published".
      const definition = ctx.workflows.version(id, v.version)!.definition;
      const errors = checkWorkflow(definition, ctx.catalog).problems.filter((p) => p.severity === 'error').length;
      return {
        ...v,
        current: v.version === row.currentVersion,
        published: v.version === row.publishedVersion,
        runningStoreIds: runningIn.get(v.version) ?? [],
        errors,
      };
    });
  },

  'workflows.version': ({ id, version }, ctx) => {
    const row = requireWorkflow(ctx, id);
    const found = requireVersion(ctx, row, version);
    const earlier = version > 1 ? ctx.workflows.version(id, version - 1) : undefined;
    const previousTriggerKey = earlier ? triggerKeyOf(earlier.definition) : null;
    const { definition, workflowId: _, ...info } = found;
    const problems = problemsOf(ctx, row.organizationId, definition, previousTriggerKey);
    return { ...info, workflowId: id, current: version === row.currentVersion, definition, problems };
  },

  'workflows.revert': mutation('workflow.reverted', ({ id, version, expectedVersion }, ctx) => {
    const row = requireWorkflow(ctx, id);
    ensureCurrent(row, expectedVersion);
    const old = requireVersion(ctx, row, version);
    if (old.name !== row.name) ensureNameFree(ctx, row.organizationId, old.name, row.id);
    const before = row.definition;
    const content = revertedContent(old, version);
    const found = problemsOf(ctx, row.organizationId, content.definition, triggerKeyOf(before));
    const next = writeVersion(ctx, row, content);
    const published = publishIfNothingRuns(ctx, id, next, content.definition);
    return {
      value: { workflow: detail(ctx, id), problems: found, published },
      audit: {
        organizationId: row.organizationId,
        workflowId: id,
        summary: `Reverted workflow "${old.name}" to version ${version}, saved as version ${next} (${problemWords(found)}; ${published ? 'published, as it runs nowhere' : 'a draft: what runs is unchanged'})`,
        before: versionDigest(row.currentVersion, row.name, before),
        after: { ...versionDigest(next, old.name, content.definition, found), revertedTo: version },
      },
    };
  }),

  'workflows.duplicate': mutation('workflow.duplicated', ({ id, name }, ctx) => {
    const source = requireWorkflow(ctx, id);
    const { definition } = source;
    const created = insertWorkflow(ctx, source.organizationId, {
      name,
      description: source.description,
      definition,
      note: duplicateNote(source),
    });
    return {
      value: detail(ctx, created),
      audit: {
        organizationId: source.organizationId,
        workflowId: created,
        summary: `Duplicated workflow "${source.name}" as "${name}"`,
        before: { workflowId: source.id, ...versionDigest(source.currentVersion, source.name, definition) },
        after: { workflowId: created, ...versionDigest(1, name, definition) },
      },
    };
  }),

  'workflows.deletionImpact': ({ id }, ctx) => {
    const { workflow, versions, activations } = deletionImpact(ctx, id);
    return { workflow, versions, activations };
  },

  'workflows.delete': mutation('workflow.deleted', ({ id }, ctx) => {
    const { workflow, versions, activations, row, definition } = deletionImpact(ctx, id);
    ctx.workflows.delete(id);
    return {
      value: { workflow, versions, activations },
      audit: {
        organizationId: row.organizationId,
        workflowId: id,
        summary: `Deleted workflow "${row.name}" with ${versions} versions and ${activations} activations`,
        // The last definition, so a deleted workflow can still be read back from the log.
        before: { ...workflow, versions, activations, definition },
      },
    };
  }),
};
