import { organizationsContract } from '../contract/organizations';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError, notFound } from '../../domain/domain-error';
import { nameClash } from '../../domain/organization/names';
import { mutation } from '../mutation';

function present(ctx: HandlerContext, id: string) {
  const row = ctx.organizations.get(id);
  if (!row) throw notFound('Organization', id);
  const contents = ctx.organizations.contents(id);
  return { ...row, storeCount: contents.stores, workflowCount: contents.workflows };
}

/** Organization names are unique, as people read them (case and accents aside). */
function ensureNameFree(ctx: HandlerContext, name: string, exceptId?: string) {
  const clash = nameClash(ctx.organizations.list(), name, exceptId);
  if (clash) {
    throw new DomainError('conflict', `An organization named "${clash.name}" already exists`, {
      path: ['name'],
      existingId: clash.id,
    });
  }
}

function deletionImpact(ctx: HandlerContext, id: string) {
  const organization = present(ctx, id);
  const { stores, workflows, installations } = ctx.organizations.contents(id);
  return { organization, stores, workflows, installations };
}

export const organizationsHandlers: Handlers<typeof organizationsContract> = {
  'organizations.list': (_input, ctx) =>
    ctx.organizations.list().map((row) => {
      const contents = ctx.organizations.contents(row.id);
      return { ...row, storeCount: contents.stores, workflowCount: contents.workflows };
    }),

  'organizations.create': mutation('organization.created', ({ name }, ctx) => {
    ensureNameFree(ctx, name);
    const at = ctx.now().toISOString();
    const row = { id: ctx.newId(), name, createdAt: at, updatedAt: at };
    ctx.organizations.insert(row);
    return { value: present(ctx, row.id), audit: { organizationId: row.id, summary: `Created organization "${name}"`, after: row } };
  }),

  'organizations.rename': mutation('organization.renamed', ({ id, name }, ctx) => {
    const before = ctx.organizations.get(id);
    if (!before) throw notFound('Organization', id);
    ensureNameFree(ctx, name, id);
    ctx.organizations.rename(id, name, ctx.now().toISOString());
    return {
      value: present(ctx, id),
      audit: {
        organizationId: id,
        summary: `Renamed organization "${before.name}" to "${name}"`,
        before: { name: before.name },
        after: { name },
      },
    };
  }),

  'organizations.deletionImpact': ({ id }, ctx) => deletionImpact(ctx, id),

  'organizations.delete': mutation('organization.deleted', ({ id }, ctx) => {
    const impact = deletionImpact(ctx, id);
    ctx.organizations.delete(id);
    const summary = `Deleted organization "${impact.organization.name}" with ${impact.stores} stores and ${impact.workflows} workflows`;
    return { value: impact, audit: { organizationId: id, summary, before: impact } };
  }),
};
