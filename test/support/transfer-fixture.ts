import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { AppContext } from '../../electron/app-context';
import type { WorkflowDefinition } from '../../electron/domain/workflow/workflow-definition';
import { call } from './app';

export const flowFixtureDir = path.resolve('test/fixtures/flow');

export function flowFixture(name: string): string {
  return fs.readFileSync(path.join(flowFixtureDir, name), 'utf8');
}

/** Every hand-made good fixture (not the bad/ ones). */
export function goodFixtures(): string[] {
  return fs
    .readdirSync(flowFixtureDir)
    .filter((f) => f.endsWith('.flow'))
    .sort();
}

export function zipOf(entries: Record<string, string | Uint8Array>): string {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(entries)) zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  return Buffer.from(zipSync(zippable)).toString('base64');
}

/** Rows of the tables that make an organization's content, for "nothing was written" checks. */
export function rowCounts(app: AppContext): Record<string, number> {
  const count = (table: string) => app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return Object.fromEntries(
    ['organizations', 'stores', 'installations', 'connections', 'workflows', 'workflow_versions', 'activations', 'audit_log'].map((t) => [
      t,
      count(t),
    ]),
  );
}

export const orderTagDefinition: WorkflowDefinition = {
  trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [
    {
      id: 'big',
      kind: 'condition',
      condition: { kind: 'compare', field: 'order.totalPrice', operator: 'greater_than', value: 100 },
      then: [
        {
          id: 'points',
          kind: 'action',
          task: { app: 'loyaltylion', handle: 'add_points' },
          inputs: { customer_id: '{{ order.customer.id }}', points: '10' },
        },
      ],
      else: [
        { id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: 'order.id', tags: 'small' } },
      ],
    },
  ],
};

/**
 * An organization with something of everything a backup holds: three stores (one without the Flow app),
 * apps installed and partly set up, a connection and an app endpoint with secrets, workflows with several
 * versions, activations, and the audit log all this wrote. Built through the API, as an admin would.
 */
export async function buildOrganization(app: AppContext, name = 'Nordic Goods') {
  const organization = await call(app, 'organizations.create', { name });
  const oslo = await call(app, 'stores.add', {
    organizationId: organization.id,
    name: 'Oslo',
    domain: `oslo-${organization.id.slice(0, 8)}.myshopify.com`,
    timeZone: 'Europe/Oslo',
  });
  const bergen = await call(app, 'stores.add', {
    organizationId: organization.id,
    name: 'Bergen',
    domain: `bergen-${organization.id.slice(0, 8)}.myshopify.com`,
  });
  const trondheim = await call(app, 'stores.add', {
    organizationId: organization.id,
    name: 'Trondheim',
    domain: `trd-${organization.id.slice(0, 8)}.myshopify.com`,
    flowInstalled: false,
  });
  await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: [oslo.id], setupComplete: true });
  await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: [bergen.id] });
  await call(app, 'apps.install', { appId: 'asana', storeIds: [oslo.id], setupComplete: true });
  await call(app, 'connections.set', { storeId: oslo.id, appId: 'asana', account: 'ops@nordic.example', secret: 'asana-token-123' });
  await call(app, 'runtime.setAppEndpoint', {
    storeId: oslo.id,
    appId: 'loyaltylion',
    url: 'https://loyaltylion.example/flow',
    secret: 'endpoint-secret-0123456789',
  });

  const tagging = await call(app, 'workflows.create', {
    organizationId: organization.id,
    name: 'Tag orders',
    definition: orderTagDefinition,
  });
  const changed: WorkflowDefinition = structuredClone(orderTagDefinition);
  (changed.steps[0] as { condition: unknown }).condition = {
    kind: 'compare',
    field: 'order.totalPrice',
    operator: 'greater_than',
    value: 200,
  };
  await call(app, 'workflows.save', { id: tagging.id, definition: changed, note: 'Raised the limit', expectedVersion: 1 });
  const empty = await call(app, 'workflows.create', { organizationId: organization.id, name: 'Draft' });
  await call(app, 'activations.set', { workflowId: tagging.id, storeIds: [oslo.id, bergen.id], enabled: true });
  await call(app, 'activations.set', { workflowId: tagging.id, storeIds: [bergen.id], enabled: false });
  return { organization, stores: { oslo, bergen, trondheim }, workflows: { tagging, empty } };
}
