import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { connectApp, type AppAnswer } from './fixture';
import { finished, sendOrder, useStoreWithApp } from './store-with-app';

const tempDir = useTempDir();
const { storeWithApp } = useStoreWithApp(tempDir);

/** Oslo runs "Big orders" (Klaviyo's Track an event), with Klaviyo installed and set up but no endpoint yet. */
const setUp = (answer?: (nth: number) => AppAnswer) => storeWithApp({ answer, connect: false, start: false });

async function orderFinished(app: AppContext, storeId: string) {
  await finished(app, await sendOrder(app, storeId));
}

describe('readiness: a running workflow whose deliveries cannot go through says so beside Running', () => {
  it("no endpoint for the app in the store: still running, with the warning and its fix on the pair, the store's and the workflow's page, and the Overview; setting the endpoint clears it", async () => {
    const { app, fake, org, workflowId } = await setUp();
    const pair = await call(app, 'status.pair', { workflowId, storeId: org.storeId });
    expect(pair.state).toBe('running');
    expect(pair.warnings).toEqual([
      {
        code: 'endpoint_missing',
        appId: 'klaviyo',
        failed: 0,
        message: 'No endpoint is set for Klaviyo - Email Marketing in this store',
        fix: { kind: 'set_endpoint', storeId: org.storeId, appId: 'klaviyo', inPlace: false },
      },
    ]);
    const store = await call(app, 'status.store', { storeId: org.storeId });
    expect(store.items[0]).toMatchObject({ state: 'running', warnings: [{ code: 'endpoint_missing' }] });
    const where = await call(app, 'status.workflow', { workflowId });
    expect(where.items[0]).toMatchObject({ state: 'running', warnings: [{ code: 'endpoint_missing' }] });
    const overview = await call(app, 'status.overview', { organizationId: org.organizationId });
    expect(overview.counts.pairs.running).toBe(1);
    expect(overview.attention.readiness).toEqual([
      {
        code: 'endpoint_missing',
        appId: 'klaviyo',
        message: 'No endpoint is set for Klaviyo - Email Marketing in 1 store where workflows using it run',
        pairs: 1,
        workflows: 1,
        stores: [
          {
            storeId: org.storeId,
            storeName: 'Oslo',
            fix: { kind: 'set_endpoint', storeId: org.storeId, appId: 'klaviyo', inPlace: false },
          },
        ],
      },
    ]);

    await connectApp(app, fake, org.storeId);
    expect((await call(app, 'status.pair', { workflowId, storeId: org.storeId })).warnings).toEqual([]);
    expect((await call(app, 'status.overview', { organizationId: org.organizationId })).attention.readiness).toEqual([]);
  });

  it('deliveries the app refuses: a warning counting the failures since the last one that went through, cleared by the next that goes through', async () => {
    let refusing = true;
    const { app, fake, org, workflowId } = await setUp(() =>
      refusing ? { status: 422, body: '{"error":"unknown list"}' } : { status: 200 },
    );
    await connectApp(app, fake, org.storeId);
    await app.runtime.start();
    await orderFinished(app, org.storeId);
    await orderFinished(app, org.storeId);
    const pair = await call(app, 'status.pair', { workflowId, storeId: org.storeId });
    expect(pair.state).toBe('running');
    expect(pair.warnings).toEqual([
      {
        code: 'deliveries_failing',
        appId: 'klaviyo',
        failed: 2,
        message: '2 deliveries to Klaviyo - Email Marketing failed in this store since the last one that went through',
        fix: { kind: 'see_deliveries', storeId: org.storeId, appId: 'klaviyo', inPlace: false },
      },
    ]);
    const overview = await call(app, 'status.overview', { organizationId: org.organizationId });
    expect(overview.attention.readiness).toMatchObject([
      { code: 'deliveries_failing', appId: 'klaviyo', pairs: 1, stores: [{ storeName: 'Oslo' }] },
    ]);

    // Asked again before anything changed, the Overview says the same; once a delivery goes through, it no longer does.
    expect((await call(app, 'status.overview', { organizationId: org.organizationId })).attention.readiness).toEqual(
      overview.attention.readiness,
    );

    refusing = false;
    await orderFinished(app, org.storeId);
    expect((await call(app, 'status.pair', { workflowId, storeId: org.storeId })).warnings).toEqual([]);
    expect((await call(app, 'status.overview', { organizationId: org.organizationId })).attention.readiness).toEqual([]);
  });

  it('a blocked or switched-off pair carries no readiness warning: only what runs can fail to deliver', async () => {
    const { app, org, workflowId } = await setUp();
    await call(app, 'activations.set', { workflowId, storeIds: [org.storeId], enabled: false });
    const pair = await call(app, 'status.pair', { workflowId, storeId: org.storeId });
    expect(pair).toMatchObject({ state: 'off', warnings: [] });
    expect((await call(app, 'status.overview', { organizationId: org.organizationId })).attention.readiness).toEqual([]);
  });
});
