import type { HandlerContext } from '../handler-context';
import { DomainError } from '../../domain/domain-error';
import { nameClash } from '../../domain/organization/names';
import { firstVersion, type VersionContent } from '../../domain/workflow/versioning';

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

/** Creates a workflow with its version 1 (switched off everywhere); call inside a transaction. */
export function insertWorkflow(ctx: HandlerContext, organizationId: string, content: VersionContent): string {
  ensureWorkflowNameFree(ctx, organizationId, content.name);
  const first = firstVersion(content, ctx.now().toISOString(), ctx.actor());
  const id = ctx.newId();
  ctx.workflows.create({ id, organizationId, name: first.name, description: first.description, createdAt: first.savedAt, updatedAt: first.savedAt }, first);
  return id;
}

