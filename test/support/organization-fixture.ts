import type { AppContext } from '../../electron/app-context';
import { sampleDefinition, type SampleOptions } from '../../electron/domain/organization/sample-definition';
import { call } from './app';

/** An organization with named stores (Flow installed), made through the API. */
export async function organizationWithStores(app: AppContext, storeNames: readonly string[], name = 'Nordic Goods') {
  const organization = await call(app, 'organizations.create', { name });
  const stores: Record<string, string> = {};
  for (const storeName of storeNames) {
    const slug = `${name}-${storeName}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const store = await call(app, 'stores.add', {
      organizationId: organization.id,
      name: storeName,
      domain: `${slug}.myshopify.com`,
      timeZone: 'Europe/Oslo',
    });
    stores[storeName] = store.id;
  }
  return { organizationId: organization.id, stores, storeIds: Object.values(stores) };
}

/** A workflow made through the API from catalog names, e.g. ('shopify:order_created', ['loyaltylion:add_points']). */
export async function workflowWith(
  app: AppContext,
  organizationId: string,
  name: string,
  trigger: string,
  actions: readonly string[],
  options: SampleOptions = {},
) {
  const definition = sampleDefinition(app.handlerContext.catalog, trigger, actions, options);
  return call(app, 'workflows.create', { organizationId, name, definition });
}

/** Installs the app and completes its setup, and connects it where Flow keeps its connection. */
export async function installReady(app: AppContext, appId: string, storeIds: string[]) {
  await call(app, 'apps.install', { appId, storeIds, setupComplete: true });
  if (app.handlerContext.catalog.app(appId)?.flowConnection) {
    for (const storeId of storeIds) await call(app, 'connections.set', { storeId, appId, account: 'ops@example.com', secret: 'token-123' });
  }
}

/** The state of every store for the workflow, by store name. */
export async function statesByStore(app: AppContext, workflowId: string): Promise<Record<string, string>> {
  const status = await call(app, 'status.workflow', { workflowId });
  return Object.fromEntries(status.items.map((i) => [i.name, i.state]));
}
