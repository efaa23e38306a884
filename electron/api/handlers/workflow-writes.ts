import type { HandlerContext } from '../handler-context';
import { DomainError } from '../../domain/domain-error';
import { nameClash } from '../../domain/organization/names';
import { checkWorkflow } from '../../domain/status/workflow-check';
import { publishesOnSave, publishTo } from '../../domain/workflow/publishing';
import { firstVersion, type VersionContent } from '../../domain/workflow/versioning';
import type { WorkflowDefinition } from '../../domain/workflow/workflow-definition';

/** Writes shared by the handlers that make workflows: create, duplicate, import and copy. */

/** Names are unique in an organization, as people read them (case and accents aside). */
export function ensureWorkflowNameFree(ctx: HandlerContext, organizationId: string, name: string, exceptId?: string) {
  const clash = nameClash(ctx.workflows.names(organizationId), name, exceptId);
  if (clash) {
    throw new DomainError('conflict', `A workflow named "${clash.name}" already exists in this organization`, {
      path: ['name'],
      existingId: clash.id,
    });
  }
}

/** Creates a workflow with its version 1 (switched off everywhere; published when it has no errors); call inside a transaction. */
export function insertWorkflow(ctx: HandlerContext, organizationId: string, content: VersionContent): string {
  ensureWorkflowNameFree(ctx, organizationId, content.name);
  const first = firstVersion(content, ctx.now().toISOString(), ctx.actor());
  const id = ctx.newId();
  ctx.workflows.create(
    { id, organizationId, name: first.name, description: first.description, createdAt: first.savedAt, updatedAt: first.savedAt },
    first,
  );
  publishIfNothingRuns(ctx, id, first.version, first.definition);
  return id;
}

/**
 * After a save: publishes the saved version too when that changes nothing that runs (publishesOnSave), so a
 * workflow switched off everywhere is simply replaced, while a live one keeps running its published version
 * and the save stays a draft. Errors are judged as the status judges them. Returns whether it published.
 */
export function publishIfNothingRuns(ctx: HandlerContext, workflowId: string, version: number, definition: WorkflowDefinition): boolean {
  const publication = ctx.publications.publication(workflowId);
  const errors = checkWorkflow(definition, ctx.catalog).problems.filter((p) => p.severity === 'error').length;
  if (
    !publishesOnSave(
      { enabledStores: ctx.publications.enabledStoreCount(workflowId), publishedVersion: publication.publishedVersion },
      errors,
    )
  )
    return false;
  ctx.publications.write(workflowId, publishTo(publication, version, null), ctx.now().toISOString(), ctx.actor());
  return true;
}
