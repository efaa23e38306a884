import { storesContract } from '../contract/stores';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import { DomainError } from '../../domain/domain-error';
import { emptyCounts, storeCounts } from '../../domain/status/state-grid';
import { mutation } from '../mutation';
import { nameClash } from '../../domain/organization/names';
import type { StoreRow } from '../../store/store-store';
import { requireOrganization, requireStore } from './organization-lookups';

const noCounts = { installedApps: 0, connections: 0 };

function present(ctx: HandlerContext, row: StoreRow) {
  return { ...row, ...(ctx.stores.counts(row.organizationId, row.id).get(row.id) ?? noCounts) };
}

function ensureNameFree(ctx: HandlerContext, organizationId: string, name: string, exceptId?: string) {
  const clash = nameClash(ctx.stores.inOrganization(organizationId), name, exceptId);
  if (clash) {
    throw new DomainError('conflict', `The organization already has a store named "${clash.name}"`, {
      path: ['name'],
      existingId: clash.id,
    });
  }
}

function removalImpact(ctx: HandlerContext, storeId: string) {
  const store = present(ctx, requireStore(ctx, storeId));
  const activations = ctx.activations.ofStore(storeId);
  return {
    store,
    installations: store.installedApps,
    connections: store.connections,
    activations: activations.length,
    enabledWorkflows: activations.filter((a) => a.enabled).length,
  };
}

function flowUninstallImpact(ctx: HandlerContext, storeId: string) {
  const store = present(ctx, requireStore(ctx, storeId));
  const enabled = new Set(ctx.activations.enabledWorkflowIds(storeId));
  const workflows = ctx.workflows
    .names(store.organizationId)
    .filter((w) => enabled.has(w.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { store, deactivates: workflows.length, workflows };
}

export const storesHandlers: Handlers<typeof storesContract> = {
  'stores.list': ({ organizationId }, ctx) => {
    requireOrganization(ctx, organizationId);
    const counts = ctx.stores.counts(organizationId);
    const { grid, storeIndex } = ctx.statusFacts.organization(organizationId);
    const states = storeCounts(grid);
    return ctx.stores.list(organizationId).map((row) => {
      const s = storeIndex.get(row.id);
      return { ...row, ...(counts.get(row.id) ?? noCounts), workflows: s === undefined ? emptyCounts() : states[s]! };
    });
  },

  'stores.get': ({ storeId }, ctx) => present(ctx, requireStore(ctx, storeId)),

  'stores.add': mutation('store.added', (input, ctx) => {
    const organization = requireOrganization(ctx, input.organizationId);
    ensureNameFree(ctx, organization.id, input.name);
    const taken = ctx.stores.findByDomain(input.domain);
    if (taken) {
      throw new DomainError('conflict', `The address ${input.domain} is already used by the store "${taken.name}"`, {
        path: ['domain'],
        existingId: taken.id,
      });
    }
    const at = ctx.now().toISOString();
    const row: StoreRow = {
      id: ctx.newId(),
      organizationId: input.organizationId,
      name: input.name,
      domain: input.domain,
      timeZone: input.timeZone,
      flowInstalled: input.flowInstalled,
      flowUninstalledAt: null,
      createdAt: at,
      updatedAt: at,
    };
    ctx.stores.insert(row);
    return {
      value: present(ctx, requireStore(ctx, row.id)),
      audit: {
        organizationId: organization.id,
        storeId: row.id,
        summary: `Added store "${row.name}" (${row.domain}) to "${organization.name}"`,
        after: row,
      },
    };
  }),

  'stores.rename': mutation('store.renamed', ({ storeId, name }, ctx) => {
    const before = requireStore(ctx, storeId);
    ensureNameFree(ctx, before.organizationId, name, storeId);
    ctx.stores.rename(storeId, name, ctx.now().toISOString());
    return {
      value: present(ctx, requireStore(ctx, storeId)),
      audit: {
        organizationId: before.organizationId,
        storeId,
        summary: `Renamed store "${before.name}" to "${name}"`,
        before: { name: before.name },
        after: { name },
      },
    };
  }),

  'stores.removalImpact': ({ storeId }, ctx) => removalImpact(ctx, storeId),

  'stores.remove': mutation('store.removed', ({ storeId }, ctx) => {
    const impact = removalImpact(ctx, storeId);
    ctx.stores.delete(storeId);
    return {
      value: impact,
      audit: {
        organizationId: impact.store.organizationId,
        storeId,
        summary: `Removed store "${impact.store.name}" with ${impact.installations} installations, ${impact.connections} connections and ${impact.activations} activations`,
        before: impact,
      },
    };
  }),

  'stores.flowUninstallImpact': ({ storeId }, ctx) => flowUninstallImpact(ctx, storeId),

  'stores.setFlowApp': mutation(['store.flow_installed', 'store.flow_uninstalled'], ({ storeId, installed }, ctx) => {
    const before = requireStore(ctx, storeId);
    if (before.flowInstalled === installed) return { value: { store: present(ctx, before), deactivated: 0, workflowIds: [] }, audit: null };
    const at = ctx.now().toISOString();
    const workflowIds = installed ? [] : ctx.activations.deactivateStore(storeId, at);
    ctx.stores.setFlowInstalled(storeId, installed, at);
    return {
      value: { store: present(ctx, requireStore(ctx, storeId)), deactivated: workflowIds.length, workflowIds },
      audit: {
        action: installed ? 'store.flow_installed' : 'store.flow_uninstalled',
        organizationId: before.organizationId,
        storeId,
        summary: installed
          ? `Installed the Flow app in "${before.name}"`
          : `Uninstalled the Flow app from "${before.name}": deactivated ${workflowIds.length} workflows there (R8)`,
        before: { flowInstalled: before.flowInstalled },
        after: { flowInstalled: installed, storeName: before.name, ...(installed ? {} : { deactivatedWorkflowIds: workflowIds }) },
        subjects: { workflowIds },
      },
    };
  }),
};
