import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { startHttpServer, type RunningHttpServer } from '../../../electron/server/http-server';
import { useTempDir } from '../../support/temp-dir';
import { flowFixture } from '../../support/transfer-fixture';
import { openRuntimeApp, waitFor } from '../runtime/fixture';

const tempDir = useTempDir();
const token = 'flow-file-runs-token-0123456789';
let app: AppContext;
let server: RunningHttpServer;

afterEach(async () => {
  await server?.close();
  await app?.runtime.stop();
});

/** The admin's API over the real local HTTP server, as the browser mode and the Test panel call it. */
async function api(method: string, input: unknown): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok?: boolean; value?: unknown; error?: unknown };
  if (response.status !== 200) throw new Error(`${method}: ${response.status} ${JSON.stringify(body)}`);
  return (body as { value?: unknown }).value ?? body;
}

async function start() {
  app = await openRuntimeApp(tempDir());
  server = await startHttpServer({ api: app.api, token, port: 0, rendererDir: path.resolve('build/renderer') });
  const organization = await api('organizations.create', { name: 'Nordic Goods' });
  const store = await api('stores.add', { organizationId: organization.id, name: 'Oslo', domain: 'nordic-oslo.myshopify.com' });
  return { organizationId: organization.id as string, storeId: store.id as string };
}

async function runOf(storeId: string, product: Record<string, unknown>) {
  const { runIds } = await api('runtime.sendTestEvent', {
    storeId,
    trigger: { app: 'shopify', handle: 'product_status_updated' },
    payload: { product },
  });
  expect(runIds).toHaveLength(1);
  await waitFor(
    () => app.runtime.runs.run(runIds[0])!.status,
    (s) => s !== 'running' && s !== 'waiting',
    10_000,
  );
  return api('runs.get', { runId: runIds[0] });
}

describe('a real Shopify export runs in the local runtime', () => {
  it('Product status updated → status is ACTIVE → Create redirect URL: imports with no confirmation, validates clean, is enabled, and a run records the redirect mutation, not sent: offline', async () => {
    const { organizationId, storeId } = await start();
    const file = { name: 'product-status-redirect.flow', text: flowFixture('product-status-redirect.flow') };

    const preview = await api('transfer.previewImport', { organizationId, files: [file] });
    expect(preview.files[0]).toMatchObject({
      status: 'ready',
      hash: 'verified',
      issues: [],
      problems: [],
      apps: [],
      workflow: { trigger: { app: 'shopify', handle: 'product_status_updated' }, steps: 2 },
    });

    // No confirmUnknownTasks: every task of the file is one of Shopify's own.
    const { imported } = await api('transfer.import', { organizationId, files: [file] });
    const workflowId = imported[0].workflowId as string;
    expect((await api('workflows.get', { id: workflowId })).problems).toEqual([]);
    await api('activations.set', { workflowId, storeIds: [storeId], enabled: true });
    expect((await api('status.workflow', { workflowId })).items.map((i: { state: string }) => i.state)).toEqual(['running']);
    await app.runtime.start();

    const run = await runOf(storeId, { id: 'gid://shopify/Product/42', handle: 'wool-socks', status: 'ACTIVE' });
    expect(run.status).toBe('succeeded_with_actions');
    // The condition, then the redirect.
    expect(run.steps.map((s: { status: string; outputs: unknown }) => s.status)).toEqual(['succeeded', 'recorded']);
    expect(run.steps[0].outputs).toEqual({ result: true });
    expect(run.steps[1].outputs).toMatchObject({
      notSent: 'offline',
      mutation: 'urlRedirectCreate',
      variables: { urlRedirect: { path: '/products/wool-socks-old', target: '/products/wool-socks' } },
    });

    // A product that is not active takes the condition's false branch: nothing to redirect.
    const draft = await runOf(storeId, { id: 'gid://shopify/Product/43', handle: 'draft-socks', status: 'DRAFT' });
    expect(draft.steps.map((s: { outputs: unknown }) => s.outputs)).toEqual([{ result: false }]);
  });

  it('the hidden order field written as a path (order.id, as Flow exports it) acts on the order of the run', async () => {
    const { organizationId, storeId } = await start();
    const { imported } = await api('transfer.import', {
      organizationId,
      files: [{ name: 'order-metafield-from-attribute.flow', text: flowFixture('order-metafield-from-attribute.flow') }],
    });
    await api('activations.set', { workflowId: imported[0].workflowId, storeIds: [storeId], enabled: true });
    await app.runtime.start();
    const order = { id: 'gid://shopify/Order/1001', name: '#1001', customAttributes: [{ key: 'Delivery date', value: '2026-12-24' }] };
    const { runIds } = await api('runtime.sendTestEvent', {
      storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: { order },
    });
    await waitFor(
      () => app.runtime.runs.run(runIds[0])!.status,
      (s) => s !== 'running' && s !== 'waiting',
      10_000,
    );
    const run = await api('runs.get', { runId: runIds[0] });
    expect(run.steps[0].outputs).toEqual({ result: true });
    expect(run.steps[1].outputs).toMatchObject({
      notSent: 'offline',
      mutation: 'metafieldsSet',
      variables: {
        metafields: [{ ownerId: 'gid://shopify/Order/1001', namespace: 'delivery', key: 'date', type: 'date', value: '2026-12-24' }],
      },
    });
  });
});
