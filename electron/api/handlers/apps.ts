import { appsContract } from '../contract/apps';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import type { CatalogApp } from '../../domain/catalog/catalog-schema';
import { DomainError } from '../../domain/domain-error';
import { allSetupSteps, missingSetup, setupProgress } from '../../domain/organization/setup-progress';
import { mutation } from '../mutation';
import { requireConnectorApp, requireOrganization, requireStore, requireStoresOf } from './organization-lookups';

function listEntry(app: CatalogApp) {
  return { appId: app.id, name: app.name, triggers: app.triggers.length, actions: app.actions.length };
}

/** Enabled (workflow, store) pairs that use the app, among the stores where it is installed. */
function uninstallImpact(ctx: HandlerContext, app: CatalogApp, storeIds: readonly string[]) {
  const stores = requireStoresOf(ctx, null, storeIds);
  const organizationId = stores[0]!.organizationId;
  const installedIn = [
    ...ctx.installations.storesWithApp(
      app.id,
      stores.map((s) => s.id),
    ),
  ];
  const using = ctx.statusFacts
    .workflows({ organizationId })
    .filter((w) => w.appsUsed.includes(app.id))
    .map((w) => w.id);
  const blocks = using.length && installedIn.length ? ctx.activations.enabledPairsUsing(using, installedIn) : 0;
  return { stores, organizationId, installedIn, using, blocks };
}

function names(stores: readonly { id: string; name: string }[], ids: readonly string[]): string {
  const wanted = new Set(ids);
  const list = stores.filter((s) => wanted.has(s.id)).map((s) => `"${s.name}"`);
  return list.length > 5 ? `${list.length} stores` : list.join(', ');
}

export const appsHandlers: Handlers<typeof appsContract> = {
  'apps.lists': ({ organizationId }, ctx) => {
    requireOrganization(ctx, organizationId);
    const byApp = new Map<string, { storeIds: string[]; notSetUpStoreIds: string[] }>();
    for (const row of ctx.installations.ofOrganization(organizationId)) {
      let entry = byApp.get(row.appId);
      if (!entry) byApp.set(row.appId, (entry = { storeIds: [], notSetUpStoreIds: [] }));
      entry.storeIds.push(row.storeId);
      if (missingSetup(ctx.catalog.app(row.appId), row.setupDone).length > 0) entry.notSetUpStoreIds.push(row.storeId);
    }
    const connectors = ctx.catalog.apps.filter((a) => !a.builtIn);
    return {
      installed: connectors.filter((a) => byApp.has(a.id)).map((a) => ({ ...listEntry(a), ...byApp.get(a.id)! })),
      notInstalled: connectors.filter((a) => !byApp.has(a.id)).map(listEntry),
    };
  },

  'apps.ofStore': ({ storeId }, ctx) => {
    requireStore(ctx, storeId);
    const installed = new Map(ctx.installations.ofStore(storeId).map((i) => [i.appId, i]));
    const connected = new Set(ctx.connections.ofStore(storeId).map((c) => c.appId));
    return ctx.catalog.apps
      .filter((a) => !a.builtIn)
      .map((app) => {
        const installation = installed.get(app.id);
        const setup = setupProgress(app, installation?.setupDone ?? []);
        return {
          appId: app.id,
          name: app.name,
          installed: installation !== undefined,
          installedAt: installation?.installedAt ?? null,
          setup,
          usable: installation !== undefined && setup.setUp && (!app.flowConnection || connected.has(app.id)),
          flowConnection: app.flowConnection,
          connected: connected.has(app.id),
        };
      });
  },

  'apps.install': mutation('app.installed', ({ appId, storeIds, setupComplete }, ctx) => {
    const app = requireConnectorApp(ctx, appId);
    const stores = requireStoresOf(ctx, null, storeIds);
    const ids = stores.map((s) => s.id);
    const already = ctx.installations.storesWithApp(app.id, ids);
    const installed = ids.filter((id) => !already.has(id));
    const value = { appId: app.id, installed, alreadyInstalled: ids.filter((id) => already.has(id)) };
    if (installed.length === 0) return { value, audit: null };
    const setupDone = setupComplete ? allSetupSteps(app) : [];
    ctx.installations.insertMany(app.id, installed, ctx.now().toISOString(), setupDone);
    return {
      value,
      audit: {
        organizationId: stores[0]!.organizationId,
        storeId: installed.length === 1 ? installed[0]! : null,
        summary: `Installed ${app.name.en} in ${names(stores, installed)}${setupComplete ? ', set up' : ''}`,
        after: { appId: app.id, storeIds: installed, setupDone },
        subjects: { storeIds: installed },
      },
    };
  }),

  'apps.uninstallImpact': ({ appId, storeIds }, ctx) => {
    const app = requireConnectorApp(ctx, appId);
    const impact = uninstallImpact(ctx, app, storeIds);
    return {
      appId: app.id,
      installedIn: impact.installedIn.length,
      workflowsUsingApp: impact.using.length,
      blocksEnabledPairs: impact.blocks,
    };
  },

  'apps.uninstall': mutation('app.uninstalled', ({ appId, storeIds }, ctx) => {
    const app = requireConnectorApp(ctx, appId);
    const impact = uninstallImpact(ctx, app, storeIds);
    const uninstalled = impact.installedIn;
    const removed = new Set(uninstalled);
    const value = {
      appId: app.id,
      uninstalled,
      notInstalled: impact.stores.map((s) => s.id).filter((id) => !removed.has(id)),
      blockedEnabledPairs: impact.blocks,
    };
    if (uninstalled.length === 0) return { value, audit: null };
    const before = uninstalled.map((id) => ctx.installations.get(id, app.id)!);
    ctx.installations.deleteMany(app.id, uninstalled);
    return {
      value,
      audit: {
        organizationId: impact.organizationId,
        storeId: uninstalled.length === 1 ? uninstalled[0]! : null,
        summary: `Uninstalled ${app.name.en} from ${names(impact.stores, uninstalled)}; ${impact.blocks} enabled workflow activations are blocked by it now`,
        before: { appId: app.id, installations: before },
        after: { appId: app.id, storeIds: [], blockedEnabledPairs: impact.blocks },
        subjects: { storeIds: uninstalled, workflowIds: impact.using },
      },
    };
  }),

  'apps.setSetupStep': mutation('app.setup_changed', ({ storeId, appId, step, done }, ctx) => {
    const store = requireStore(ctx, storeId);
    const app = requireConnectorApp(ctx, appId);
    const installation = ctx.installations.get(storeId, app.id);
    if (!installation) {
      throw new DomainError('refused', `${app.name.en} is not installed in the store "${store.name}": install it before setting it up`, {
        reason: 'app_not_installed',
        storeId,
        appId: app.id,
      });
    }
    const known = app.setup.map((s) => s.key);
    if (!known.includes(step)) {
      const steps = known.length ? `its steps are ${known.join(', ')}` : 'it has no setup steps';
      throw new DomainError('invalid_input', `step: ${app.name.en} has no setup step "${step}"; ${steps}`, { path: ['step'], known });
    }
    const before = installation.setupDone;
    const after = known.filter((key) => (key === step ? done : before.includes(key)));
    const value = { storeId, appId: app.id, installedAt: installation.installedAt, setup: setupProgress(app, after) };
    if (after.join() === before.join()) return { value, audit: null };
    ctx.installations.setSetupDone(storeId, app.id, after);
    const stepName = app.setup.find((s) => s.key === step)!.name.en;
    return {
      value,
      audit: {
        organizationId: store.organizationId,
        storeId,
        summary: `${done ? 'Completed' : 'Reopened'} the ${app.name.en} setup step "${stepName}" in "${store.name}"`,
        before: { appId: app.id, setupDone: before },
        after: { appId: app.id, setupDone: after },
      },
    };
  }),
};
