import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../electron/api/contract';
import { sampleDefinition } from '../../../electron/domain/organization/sample-definition';
import { useTempDir } from '../../support/temp-dir';
import { startWebApp, type WebApp } from '../../support/web-app';

const tempDir = useTempDir();
let web: WebApp | null = null;
afterEach(async () => {
  await web?.stop();
  web = null;
});

/** One API call over the real HTTP server, as the browser mode makes it. */
async function http<M extends ApiMethod>(
  method: M,
  input: ApiInput<M>,
): Promise<{ status: number; body: { ok?: boolean; value?: ApiOutput<M>; error?: { code: string; message: string } } }> {
  const token = new URL(web!.server.url).searchParams.get('token')!;
  const response = await fetch(`http://127.0.0.1:${web!.server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as never };
}
async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const { status, body } = await http(method, input);
  if (status !== 200) throw new Error(`${method}: ${status} ${JSON.stringify(body)}`);
  return (body.value ?? body) as ApiOutput<M>;
}

/** Four stores; Tag orders v1 running in all of them. */
async function fourStores() {
  web = await startWebApp(path.join(tempDir(), 'flow-admin.db'));
  const catalog = web.app.handlerContext.catalog;
  const org = await call('organizations.create', { name: 'Nordic Goods' });
  const storeIds: string[] = [];
  for (const name of ['Oslo', 'Bergen', 'Tromsø', 'Bodø']) {
    const store = await call('stores.add', {
      organizationId: org.id,
      name,
      domain: `${name.toLowerCase().replace('ø', 'o')}.myshopify.com`,
      timeZone: 'Europe/Oslo',
    });
    storeIds.push(store.id);
  }
  const valid = sampleDefinition(catalog, 'shopify:order_created', ['shopify:add_order_tags']);
  const broken = sampleDefinition(catalog, 'shopify:order_created', ['shopify:add_order_tags'], { missingRequired: true });
  const w = await call('workflows.create', { organizationId: org.id, name: 'Tag orders', definition: valid });
  await call('activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
  const states = async () => (await call('status.workflow', { workflowId: w.id })).items.map((i) => `${i.state}@${i.runningVersion}`);
  return { org, storeIds, w, valid, broken, states };
}

describe('drafts and publishing over the HTTP API', () => {
  it('saving a version with errors leaves every store running the published version; publishing it is refused', async () => {
    const { w, broken, states } = await fourStores();
    expect(await states()).toEqual(['running@1', 'running@1', 'running@1', 'running@1']);
    const saved = await call('workflows.save', { id: w.id, definition: broken, expectedVersion: 1 });
    expect(saved).toMatchObject({ published: false, workflow: { currentVersion: 2, publishedVersion: 1 } });
    expect(await states()).toEqual(['running@1', 'running@1', 'running@1', 'running@1']);

    const impact = await call('workflows.publishImpact', { id: w.id });
    expect(impact).toMatchObject({ version: 2, publishable: false, errors: 1 });
    const refused = await http('workflows.publish', { id: w.id });
    expect(refused.status).not.toBe(200);
    expect(refused.body.error).toMatchObject({ code: 'refused' });
    expect(refused.body.error!.message).toMatch(/^Version 2 of workflow "Tag orders" has 1 error and cannot be published/);
    expect(await states()).toEqual(['running@1', 'running@1', 'running@1', 'running@1']);
    const versions = await call('workflows.versions', { id: w.id });
    expect(versions.map((v) => [v.version, v.published, v.errors, v.runningStoreIds.length])).toEqual([
      [2, false, 1, 0],
      [1, true, 0, 4],
    ]);
  });

  it('publishes to 2 of 4 stores first with its impact shown, then to all; rolls one store back, then all', async () => {
    const { w, storeIds, valid, states } = await fourStores();
    const v2 = { ...valid, steps: valid.steps.map((s) => (s.kind === 'action' ? { ...s, inputs: { ...s.inputs, tags: 'v2' } } : s)) };
    await call('workflows.save', { id: w.id, definition: v2, expectedVersion: 1 });
    const first = storeIds.slice(0, 2);
    const impact = await call('workflows.publishImpact', { id: w.id, storeIds: first });
    expect(impact).toMatchObject({
      version: 2,
      publishable: true,
      changes: 2,
      willBlock: 0,
      summary: 'publishes version 2: changes what runs in 2 stores',
    });

    const staged = await call('workflows.publish', { id: w.id, storeIds: first });
    expect(staged.workflow).toMatchObject({
      publishedVersion: 1,
      storeVersions: expect.arrayContaining(first.map((storeId) => ({ storeId, version: 2 }))),
    });
    const byStore = async () =>
      Object.fromEntries((await call('status.workflow', { workflowId: w.id })).items.map((i) => [i.storeId, i.runningVersion]));
    expect(await byStore()).toEqual({ [storeIds[0]!]: 2, [storeIds[1]!]: 2, [storeIds[2]!]: 1, [storeIds[3]!]: 1 });
    expect(await call('status.pair', { workflowId: w.id, storeId: storeIds[0]! })).toMatchObject({ state: 'running', runningVersion: 2 });

    const rest = await call('workflows.publishImpact', { id: w.id });
    expect(rest).toMatchObject({ changes: 2, unchanged: 2 });
    await call('workflows.publish', { id: w.id });
    expect(await states()).toEqual(['running@2', 'running@2', 'running@2', 'running@2']);

    const one = await call('workflows.rollback', { id: w.id, version: 1, storeIds: [storeIds[3]!] });
    expect(one.impact).toMatchObject({ changes: 1 });
    expect((await byStore())[storeIds[3]!]).toBe(1);
    await call('workflows.rollback', { id: w.id, version: 1 });
    expect(await states()).toEqual(['running@1', 'running@1', 'running@1', 'running@1']);
    const log = (await call('audit.query', { organizationId: w.organizationId, limit: 10 })).entries.map((e) => e.action);
    expect(log.slice(0, 4)).toEqual(['workflow.rolled_back', 'workflow.rolled_back', 'workflow.published', 'workflow.published']);
  });

  it('publishing a version that needs an app some stores lack says which stores will block and why', async () => {
    const { w, storeIds, org } = await fourStores();
    const catalog = web!.app.handlerContext.catalog;
    await call('apps.install', { appId: 'loyaltylion', storeIds: storeIds.slice(0, 2), setupComplete: true });
    const points = sampleDefinition(catalog, 'shopify:order_created', ['loyaltylion:add_points']);
    await call('workflows.save', { id: w.id, definition: points, expectedVersion: 1 });
    const impact = await call('workflows.publishImpact', { id: w.id });
    expect(impact).toMatchObject({
      changes: 4,
      willBlock: 2,
      stopsRunning: 2,
      blockedBecause: [{ code: 'app_not_installed', appId: 'loyaltylion', stores: 2 }],
    });
    expect(impact.summary).toMatch(
      /^publishes version 2: changes what runs in 4 stores; 2 stores will block: LoyaltyLion .* is not installed in this store$/,
    );
    expect(org.id).toBe(w.organizationId);
  });
});
