import { organizationsContract } from '../contract/organizations';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError, notFound } from '../../domain/domain-error';

function present(ctx: HandlerContext, id: string) {
  const row = ctx.organizations.get(id);
  if (!row) throw notFound('Organization', id);
  const contents = ctx.organizations.contents(id);
  return { ...row, storeCount: contents.stores, workflowCount: contents.workflows };
}

function ensureNameFree(ctx: HandlerContext, name: string, exceptId?: string) {
  const clash = ctx.organizations.findByName(name);
  if (clash && clash.id !== exceptId) {
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

  'organizations.create': ({ name }, ctx) => {
    const at = ctx.now().toISOString();
    const row = { id: ctx.newId(), name, createdAt: at, updatedAt: at };
    ctx.db.transaction(() => {
      ensureNameFree(ctx, name);
      ctx.organizations.insert(row);
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'organization.created',
        organizationId: row.id,
        summary: `Created organization "${name}"`,
        after: row,
      });
    })();
    return present(ctx, row.id);
  },

  'organizations.rename': ({ id, name }, ctx) => {
    ctx.db.transaction(() => {
      const before = ctx.organizations.get(id);
      if (!before) throw notFound('Organization', id);
      ensureNameFree(ctx, name, id);
      ctx.organizations.rename(id, name, ctx.now().toISOString());
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'organization.renamed',
        organizationId: id,
        summary: `Renamed organization "${before.name}" to "${name}"`,
        before: { name: before.name },
        after: { name },
      });
    })();
    return present(ctx, id);
  },

  'organizations.deletionImpact': ({ id }, ctx) => deletionImpact(ctx, id),

  'organizations.delete': ({ id }, ctx) =>
    ctx.db.transaction(() => {
      const impact = deletionImpact(ctx, id);
      ctx.organizations.delete(id);
      ctx.audit.record({
        actor: ctx.actor(),
        action: 'organization.deleted',
        organizationId: id,
        summary: `Deleted organization "${impact.organization.name}" with ${impact.stores} stores and ${impact.workflows} workflows`,
        before: impact,
      });
      return impact;
    })(),
};
