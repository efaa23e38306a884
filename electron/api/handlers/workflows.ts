import { workflowsContract } from '../contract/workflows';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError, notFound } from '../../domain/domain-error';
import { hasErrors, type ValidationProblem } from '../../domain/workflow/validation-problem';
import { triggerKeyOf, validateWorkflow } from '../../domain/workflow/validate-workflow';
import { parseStoredDefinition, validationContextFor } from '../../domain/workflow/validation-context';
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

/** Names are unique in an organization, ignoring case (done here: SQLite's NOCASE does not fold Æ/Ø/Å). */
function ensureNameFree(ctx: HandlerContext, organizationId: string, name: string, exceptId?: string) {
  const folded = name.toLowerCase();
  const clash = ctx.workflows.names(organizationId).find((w) => w.id !== exceptId && w.name.toLowerCase() === folded);
  if (clash) {
    throw new DomainError('conflict', `A workflow named "${clash.name}" already exists in this organization`, {
      path: ['name'],
      existingId: clash.id,
    });
  }
}

function requireVersion(ctx: HandlerContext, row: WorkflowRow, version: number) {
  const found = ctx.workflows.version(row.id, version);
  if (!found) {
    const message = `Workflow "${row.name}" has no version ${version}; its versions are 1 to ${row.currentVersion}`;
    throw new DomainError('not_found', message, { path: ['version'], version });
  }
  return found;
}

/** Refuses an edit based on a version that is no longer current, saying who saved what meanwhile. */
function ensureCurrent(row: WorkflowWithDefinition, expectedVersion: number) {
  if (expectedVersion === row.currentVersion) return;
  const { currentVersion, savedBy, updatedAt: savedAt } = row;
  const details = { path: ['expectedVersion'], expectedVersion, currentVersion, savedBy, savedAt };
  if (expectedVersion > currentVersion) {
    const message = `Workflow "${row.name}" has no version ${expectedVersion}; its current version is ${currentVersion}`;
    throw new DomainError('conflict', message, details);
  }
  throw new DomainError(
    'conflict',
    `${savedBy} saved version ${currentVersion} of workflow "${row.name}" meanwhile (at ${savedAt}); ` +
      `your changes are based on version ${expectedVersion}. Nothing was saved: reload the workflow and apply your changes again.`,
    details,
  );
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
    trigger,
    apps: appsUsedBy(definition),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function detail(ctx: HandlerContext, id: string) {
  const row = requireWorkflow(ctx, id);
  const definition = parseStoredDefinition(row.definition);
  const problems = problemsOf(ctx, row.organizationId, definition, row.previousTriggerKey);
  return { ...summary(ctx, row, definition), definition, savedBy: row.savedBy, note: row.note, problems };
}

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

interface NewVersion {
  name: string;
  description: string;
  definition: WorkflowDefinition;
  note: string;
}

/** Writes the next version and makes it current; call inside a transaction. */
function writeVersion(ctx: HandlerContext, row: WorkflowWithDefinition, next: NewVersion): number {
  const version = row.currentVersion + 1;
  const at = ctx.now().toISOString();
  const definition = JSON.stringify(next.definition);
  ctx.workflows.insertVersion({ workflowId: row.id, version, ...next, definition, savedAt: at, savedBy: ctx.actor() });
  ctx.workflows.setCurrent(row.id, { name: next.name, description: next.description, currentVersion: version, updatedAt: at });
  return version;
}

/** Creates a workflow with its version 1; call inside a transaction. */
function insertWorkflow(ctx: HandlerContext, organizationId: string, first: NewVersion): string {
  ensureNameFree(ctx, organizationId, first.name);
  const at = ctx.now().toISOString();
  const id = ctx.newId();
  const { name, description } = first;
  ctx.workflows.insert({ id, organizationId, name, description, currentVersion: 1, createdAt: at, updatedAt: at });
  const definition = JSON.stringify(first.definition);
  ctx.workflows.insertVersion({ workflowId: id, version: 1, ...first, definition, savedAt: at, savedBy: ctx.actor() });
  return id;
}

function deletionImpact(ctx: HandlerContext, id: string) {
  const row = requireWorkflow(ctx, id);
  const definition = parseStoredDefinition(row.definition);
  return { workflow: summary(ctx, row, definition), ...ctx.workflows.contents(id), row, definition };
}

export const workflowsHandlers: Handlers<typeof workflowsContract> = {
  'workflows.list': ({ organizationId }, ctx) => {
    requireOrganization(ctx, organizationId);
    return ctx.workflows.listWithDefinitions(organizationId).map((row) => summary(ctx, row, parseStoredDefinition(row.definition)));
  },

  'workflows.get': ({ id }, ctx) => detail(ctx, id),

  'workflows.create': ({ organizationId, name, description = '', definition = emptyDefinition }, ctx) => {
    const id = ctx.db.transaction(() => {
      requireOrganization(ctx, organizationId);
      const created = insertWorkflow(ctx, organizationId, { name, description, definition, note: '' });
      const problems = problemsOf(ctx, organizationId, definition, null);
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'workflow.created',
        organizationId,
        workflowId: created,
        summary: `Created workflow "${name}" (${problemWords(problems)})`,
        after: versionDigest(1, name, definition, problems),
      });
      return created;
    })();
    return detail(ctx, id);
  },

  'workflows.save': (input, ctx) => {
    const problems = ctx.db.transaction(() => {
      const row = requireWorkflow(ctx, input.id);
      ensureCurrent(row, input.expectedVersion);
      const name = input.name ?? row.name;
      if (name !== row.name) ensureNameFree(ctx, row.organizationId, name, row.id);
      const before = parseStoredDefinition(row.definition);
      const found = problemsOf(ctx, row.organizationId, input.definition, triggerKeyOf(before));
      const description = input.description ?? row.description;
      const version = writeVersion(ctx, row, { name, description, definition: input.definition, note: input.note ?? '' });
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'workflow.saved',
        organizationId: row.organizationId,
        workflowId: row.id,
        summary: `Saved workflow "${name}" as version ${version} (${problemWords(found)})`,
        before: versionDigest(row.currentVersion, row.name, before),
        after: { ...versionDigest(version, name, input.definition, found), ...(input.note ? { note: input.note } : {}) },
      });
      return found;
    })();
    return { workflow: detail(ctx, input.id), problems };
  },

  'workflows.validate': ({ organizationId, definition, workflowId }, ctx) => {
    requireOrganization(ctx, organizationId);
    let previousTriggerKey: string | null = null;
    if (workflowId !== undefined) {
      const row = requireWorkflow(ctx, workflowId);
      if (row.organizationId !== organizationId) {
        throw new DomainError('refused', `Workflow "${row.name}" belongs to another organization`, { path: ['workflowId'], workflowId });
      }
      previousTriggerKey = triggerKeyOf(parseStoredDefinition(row.definition));
    }
    const problems = problemsOf(ctx, organizationId, definition, previousTriggerKey);
    return { valid: !hasErrors(problems), problems };
  },

  'workflows.versions': ({ id }, ctx) => {
    const row = requireWorkflow(ctx, id);
    return ctx.workflows.versions(id).map(({ workflowId: _, ...v }) => ({ ...v, current: v.version === row.currentVersion }));
  },

  'workflows.version': ({ id, version }, ctx) => {
    const row = requireWorkflow(ctx, id);
    const found = requireVersion(ctx, row, version);
    const definition = parseStoredDefinition(found.definition);
    const earlier = version > 1 ? ctx.workflows.version(id, version - 1) : undefined;
    const previousTriggerKey = earlier ? triggerKeyOf(parseStoredDefinition(earlier.definition)) : null;
    const { definition: _, ...info } = found;
    const problems = problemsOf(ctx, row.organizationId, definition, previousTriggerKey);
    return { ...info, current: version === row.currentVersion, definition, problems };
  },

  'workflows.revert': ({ id, version, expectedVersion }, ctx) => {
    const problems = ctx.db.transaction(() => {
      const row = requireWorkflow(ctx, id);
      ensureCurrent(row, expectedVersion);
      const old = requireVersion(ctx, row, version);
      if (old.name !== row.name) ensureNameFree(ctx, row.organizationId, old.name, row.id);
      const before = parseStoredDefinition(row.definition);
      const definition = parseStoredDefinition(old.definition);
      const found = problemsOf(ctx, row.organizationId, definition, triggerKeyOf(before));
      const note = `Reverted to version ${version}`;
      const next = writeVersion(ctx, row, { name: old.name, description: old.description, definition, note });
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'workflow.reverted',
        organizationId: row.organizationId,
        workflowId: id,
        summary: `Reverted workflow "${old.name}" to version ${version}, saved as version ${next} (${problemWords(found)})`,
        before: versionDigest(row.currentVersion, row.name, before),
        after: { ...versionDigest(next, old.name, definition, found), revertedTo: version },
      });
      return found;
    })();
    return { workflow: detail(ctx, id), problems };
  },

  'workflows.duplicate': ({ id, name }, ctx) => {
    const copyId = ctx.db.transaction(() => {
      const source = requireWorkflow(ctx, id);
      const definition = parseStoredDefinition(source.definition);
      const note = `Duplicated from "${source.name}" version ${source.currentVersion}`;
      const created = insertWorkflow(ctx, source.organizationId, { name, description: source.description, definition, note });
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'workflow.duplicated',
        organizationId: source.organizationId,
        workflowId: created,
        summary: `Duplicated workflow "${source.name}" as "${name}"`,
        before: { workflowId: source.id, ...versionDigest(source.currentVersion, source.name, definition) },
        after: { workflowId: created, ...versionDigest(1, name, definition) },
      });
      return created;
    })();
    return detail(ctx, copyId);
  },

  'workflows.deletionImpact': ({ id }, ctx) => {
    const { workflow, versions, activations } = deletionImpact(ctx, id);
    return { workflow, versions, activations };
  },

  'workflows.delete': ({ id }, ctx) =>
    ctx.db.transaction(() => {
      const { workflow, versions, activations, row, definition } = deletionImpact(ctx, id);
      ctx.workflows.delete(id);
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'workflow.deleted',
        organizationId: row.organizationId,
        workflowId: id,
        summary: `Deleted workflow "${row.name}" with ${versions} versions and ${activations} activations`,
        // The last definition, so a deleted workflow can still be read back from the log.
        before: { ...workflow, versions, activations, definition },
      });
      return { workflow, versions, activations };
    })(),
};
