import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { addStore, bigOrder, bigOrderToKlaviyo, openRuntimeApp, orgWithStore, workflow } from './fixture';

const tempDir = useTempDir();
const opened: AppContext[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

/** Order created → tag the order: uses no connector app, so it can run wherever it is enabled. */
const tagOrders = (tag: string): WorkflowDefinition => ({
  trigger: { id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [{ id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: 'order.id', tags: tag } }],
});

/** Invalid: its condition tests a field the trigger does not have. */
const invalid: WorkflowDefinition = {
  ...tagOrders('invalid'),
  steps: [
    {
      id: 'c',
      kind: 'condition',
      condition: { kind: 'compare', field: 'shoe_size', operator: 'equals', value: '44' },
      then: tagOrders('x').steps,
      else: [],
    },
  ],
};

async function open() {
  const app = await openRuntimeApp(tempDir());
  opened.push(app);
  return app;
}

async function ranWorkflows(app: AppContext, storeId: string): Promise<string[]> {
  const { runIds } = await call(app, 'runtime.sendTestEvent', {
    storeId,
    trigger: { app: 'shopify', handle: 'order_created' },
    payload: bigOrder,
  });
  return runIds.map((id) => app.runtime.runs.run(id)!.workflowName).sort();
}

async function state(app: AppContext, workflowId: string, storeId: string) {
  return (await call(app, 'status.pair', { workflowId, storeId })).state;
}

describe('which workflows a trigger event runs', () => {
  it('exactly those running in that store: blocked, off, deactivated and invalid ones never run there', async () => {
    const app = await open();
    const org = await orgWithStore(app);
    const running = await workflow(app, org.organizationId, 'Running', tagOrders('a'), [org.storeId]);
    const off = await workflow(app, org.organizationId, 'Off', tagOrders('b'), []);
    const blocked = await workflow(app, org.organizationId, 'Blocked', bigOrderToKlaviyo, [org.storeId]); // Klaviyo not installed
    const broken = await workflow(app, org.organizationId, 'Invalid', invalid, [org.storeId]);
    const other = await addStore(app, org.organizationId, 'Bergen');
    const elsewhere = await workflow(app, org.organizationId, 'Elsewhere', tagOrders('c'), [other]);

    expect([
      await state(app, running, org.storeId),
      await state(app, off, org.storeId),
      await state(app, blocked, org.storeId),
      await state(app, broken, org.storeId),
      await state(app, elsewhere, org.storeId),
    ]).toEqual(['running', 'off', 'blocked', 'invalid', 'off']);
    expect(await ranWorkflows(app, org.storeId)).toEqual(['Running']);
    expect(await ranWorkflows(app, other)).toEqual(['Elsewhere']);
  });

  it('installed but not set up is still blocked; set up, it runs (R2, R6)', async () => {
    const app = await open();
    const org = await orgWithStore(app);
    const id = await workflow(app, org.organizationId, 'Big orders', bigOrderToKlaviyo, [org.storeId]);
    await call(app, 'apps.install', { appId: 'klaviyo', storeIds: [org.storeId] });
    expect(await state(app, id, org.storeId)).toBe('blocked');
    expect(await ranWorkflows(app, org.storeId)).toEqual([]);
    for (const step of ['account', 'configuration'])
      await call(app, 'apps.setSetupStep', { storeId: org.storeId, appId: 'klaviyo', step, done: true });
    expect(await state(app, id, org.storeId)).toBe('running');
    expect(await ranWorkflows(app, org.storeId)).toEqual(['Big orders']);
  });

  it('uninstalling the Flow app deactivates: nothing runs there; re-enabling makes it run again (R8)', async () => {
    const app = await open();
    const org = await orgWithStore(app);
    const id = await workflow(app, org.organizationId, 'Tagger', tagOrders('a'), [org.storeId]);
    expect(await ranWorkflows(app, org.storeId)).toEqual(['Tagger']);
    await call(app, 'stores.setFlowApp', { storeId: org.storeId, installed: false });
    expect(await state(app, id, org.storeId)).toBe('deactivated');
    expect(await ranWorkflows(app, org.storeId)).toEqual([]);
    await call(app, 'stores.setFlowApp', { storeId: org.storeId, installed: true });
    expect(await ranWorkflows(app, org.storeId)).toEqual([]);
    await call(app, 'activations.reenableDeactivated', { organizationId: org.organizationId });
    expect(await ranWorkflows(app, org.storeId)).toEqual(['Tagger']);
  });

  it('turning a workflow off stops it at once; a saved draft never runs, a published version from the next event', async () => {
    const app = await open();
    const org = await orgWithStore(app);
    const id = await workflow(app, org.organizationId, 'Tagger', tagOrders('v1'), [org.storeId]);
    const send = () =>
      call(app, 'runtime.sendTestEvent', { storeId: org.storeId, trigger: { app: 'shopify', handle: 'order_created' }, payload: bigOrder });
    const first = await send();
    await call(app, 'workflows.save', { id, definition: tagOrders('v2'), expectedVersion: 1 });
    const draft = await send();
    await call(app, 'workflows.publish', { id });
    const second = await send();
    const tagOf = async (runId: string) =>
      ((await call(app, 'runs.get', { runId })).steps[0]!.inputs as { properties: { tags: string } }).properties.tags;
    expect([await tagOf(first.runIds[0]!), await tagOf(draft.runIds[0]!), await tagOf(second.runIds[0]!)]).toEqual(['v1', 'v1', 'v2']);
    expect([first, draft, second].map((r) => app.runtime.runs.run(r.runIds[0]!)!.workflowVersion)).toEqual([1, 1, 2]);

    await call(app, 'activations.set', { workflowId: id, storeIds: [org.storeId], enabled: false });
    expect(await ranWorkflows(app, org.storeId)).toEqual([]);
  });

  it('each store runs its own published version: a staged publish, then a rollback of one store', async () => {
    const app = await open();
    const org = await orgWithStore(app);
    const bergen = await addStore(app, org.organizationId, 'Bergen');
    const id = await workflow(app, org.organizationId, 'Tagger', tagOrders('v1'), [org.storeId, bergen]);
    await call(app, 'workflows.save', { id, definition: tagOrders('v2'), expectedVersion: 1 });
    await call(app, 'workflows.publish', { id, storeIds: [bergen] });
    const tagsIn = async (storeId: string) => {
      const { runIds } = await call(app, 'runtime.sendTestEvent', {
        storeId,
        trigger: { app: 'shopify', handle: 'order_created' },
        payload: bigOrder,
      });
      return runIds.map((r) => app.runtime.runs.run(r)!.workflowVersion);
    };
    expect([await tagsIn(org.storeId), await tagsIn(bergen)]).toEqual([[1], [2]]);
    await call(app, 'workflows.publish', { id });
    expect([await tagsIn(org.storeId), await tagsIn(bergen)]).toEqual([[2], [2]]);
    await call(app, 'workflows.rollback', { id, version: 1, storeIds: [bergen] });
    expect([await tagsIn(org.storeId), await tagsIn(bergen)]).toEqual([[2], [1]]);
    expect(app.handlerContext.publications.runningDefinition(id, bergen)).toMatchObject({ version: 1, definition: tagOrders('v1') });
  });

  it('a store running an older version on another trigger is routed by that version', async () => {
    const app = await open();
    const org = await orgWithStore(app);
    const bergen = await addStore(app, org.organizationId, 'Bergen');
    const id = await workflow(app, org.organizationId, 'Tagger', tagOrders('v1'), [org.storeId, bergen]);
    const onProducts: WorkflowDefinition = {
      trigger: { id: 't', task: { app: 'shopify', handle: 'product_created' }, config: {} },
      steps: [
        {
          id: 'tag',
          kind: 'action',
          task: { app: 'shopify', handle: 'add_product_tags' },
          inputs: { product_id: '{{ product.id }}', tags: 'new' },
        },
      ],
    };
    await call(app, 'workflows.save', { id, definition: onProducts, expectedVersion: 1 });
    await call(app, 'workflows.publish', { id, storeIds: [org.storeId] });
    expect(await ranWorkflows(app, bergen)).toEqual(['Tagger']);
    expect(await ranWorkflows(app, org.storeId)).toEqual([]);
  });

  it('a workflow on another trigger does not run', async () => {
    const app = await open();
    const org = await orgWithStore(app);
    await workflow(
      app,
      org.organizationId,
      'On products',
      { ...tagOrders('p'), trigger: { id: 't', task: { app: 'shopify', handle: 'product_created' }, config: {} } },
      [org.storeId],
    );
    expect(await ranWorkflows(app, org.storeId)).toEqual([]);
  });
});
