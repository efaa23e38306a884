import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { Step, WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { bigOrder, openRuntimeApp, orgWithStore, waitFor, workflow } from './fixture';
import { writeShopifyActionsCatalog } from './shopify-actions-catalog';

const tempDir = useTempDir();
const opened: AppContext[] = [];
const servers: WebServer[] = [];

afterEach(async () => {
  for (const app of opened.splice(0)) {
    await app.runtime.stop();
    app.close();
  }
  for (const s of servers.splice(0)) await s.stop();
});

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Answer = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number };

/** A real web server on 127.0.0.1 that a Send HTTP request step talks to; it answers as the test scripts it. */
class WebServer {
  readonly received: Received[] = [];
  answer: (nth: number) => Answer = () => ({ status: 200, body: '{"ok":true}', headers: { 'content-type': 'application/json' } });
  private server: http.Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const a = this.answer(this.received.length);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(a.status, a.headers);
          res.end(a.body ?? '');
        };
        if (a.delayMs) setTimeout(send, a.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    servers.push(this);
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function setUp(steps: Step[], runtime: Record<string, unknown> = {}) {
  const dir = tempDir();
  const app = await openRuntimeApp(dir, {
    catalogDir: writeShopifyActionsCatalog(dir),
    runtime: { effects: { httpTimeoutMs: 2_000, sandbox: { timeMs: 3_000, memoryBytes: 8 << 20, stackBytes: 256 << 10 } }, ...runtime },
  });
  opened.push(app);
  const org = await orgWithStore(app);
  const definition: WorkflowDefinition = {
    trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
    steps,
  };
  await workflow(app, org.organizationId, 'Order to the warehouse', definition, [org.storeId]);
  await app.runtime.start();
  return { app, org };
}

async function runOnce(app: AppContext, storeId: string, payload: Record<string, unknown> = bigOrder) {
  const { runIds } = await call(app, 'runtime.sendTestEvent', { storeId, trigger: { app: 'shopify', handle: 'order_created' }, payload });
  expect(runIds).toHaveLength(1);
  const runId = runIds[0]!;
  await waitFor(
    () => app.runtime.runs.run(runId)!.status,
    (s) => s !== 'running' && s !== 'waiting',
    10_000,
  );
  return call(app, 'runs.get', { runId });
}

const action = (id: string, handle: string, inputs: Record<string, string>): Step => ({
  id,
  kind: 'action',
  task: { app: 'shopify', handle },
  inputs,
});
const log = (id: string, message: string) => action(id, 'log_output', { message });
const http_ = (url: string, extra: Record<string, string> = {}) =>
  action('notify', 'send_http_request', {
    method: 'POST',
    url,
    headers: '[["Content-Type","application/json"],["X-Shop","{{ order.name }}"]]',
    body: '{"order":"{{ order.id }}"}',
    ...extra,
  });

describe("Shopify's own actions in a run", () => {
  it('Add order tags is recorded as the tagsAdd mutation and variables it would send, marked not sent: offline', async () => {
    const { app, org } = await setUp([
      action('tag', 'add_order_tags', { order_id: 'order.id', tags: 'vip, big' }),
      action('date', 'update_order_metafield', {
        order_id: 'order.id',
        namespace: 'custom',
        key: 'delivery_date',
        value: '2026-12-24',
        value_type: 'date',
      }),
      action('mail', 'send_internal_email', {
        address: 'ops@example.com',
        subject: 'Big order {{ order.name }}',
        message: 'Total {{ order.totalPriceSet.shopMoney.amount }}',
      }),
      log('note', 'Tagged {{ order.name }}'),
    ]);
    const run = await runOnce(app, org.storeId);
    expect(run.status).toBe('succeeded_with_actions');
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['tag', 'recorded'],
      ['date', 'recorded'],
      ['mail', 'recorded'],
      ['note', 'succeeded'],
    ]);
    expect(run.steps[0]!.outputs).toEqual({
      notSent: 'offline',
      mutation: 'tagsAdd',
      variables: { id: 'gid://shopify/Order/1001', tags: ['vip', 'big'] },
      call: 'tagsAdd(id: "gid://shopify/Order/1001", tags: ["vip","big"])',
    });
    expect(run.steps[1]!.outputs).toMatchObject({
      notSent: 'offline',
      mutation: 'metafieldsSet',
      variables: {
        metafields: [{ ownerId: 'gid://shopify/Order/1001', namespace: 'custom', key: 'delivery_date', type: 'date', value: '2026-12-24' }],
      },
    });
    expect(run.steps[2]!.outputs).toEqual({
      notSent: 'offline',
      email: { address: 'ops@example.com', subject: 'Big order #1001', message: 'Total 250.0' },
    });
    expect(run.steps[3]!.outputs).toEqual({ log: 'Tagged #1001' });
    expect(run.deliveries).toEqual([]);
  });

  it('Send HTTP request really sends method, headers and body; the answer is recorded and the run goes on after it', async () => {
    const server = await new WebServer().start();
    server.answer = () => ({ status: 201, body: '{"id":42}', headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' } });
    const { app, org } = await setUp([http_(`${server.url}/hooks/orders`), log('after', 'Sent {{ order.name }}')]);
    const run = await runOnce(app, org.storeId);

    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ method: 'POST', url: '/hooks/orders', body: '{"order":"gid://shopify/Order/1001"}' });
    expect(server.received[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-shop': '#1001' });
    expect(run.status).toBe('succeeded_with_actions');
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['notify', 'succeeded'],
      ['after', 'succeeded'],
    ]);
    expect(run.steps[0]!.outputs).toMatchObject({
      value: { statusCode: 201, body: '{"id":42}', headers: expect.arrayContaining([{ name: 'x-request-id', value: 'r-1' }]) },
    });
    expect(run.steps[1]!.outputs).toEqual({ log: 'Sent #1001' });
  });

  it('a 4xx fails the step by default and the steps after it are not carried out', async () => {
    const server = await new WebServer().start();
    server.answer = () => ({ status: 404, body: 'no such hook' });
    const { app, org } = await setUp([http_(`${server.url}/missing`), log('after', 'never')]);
    const run = await runOnce(app, org.storeId);
    expect(run.status).toBe('has_errors');
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([['notify', 'failed']]);
    expect(run.steps[0]!.error).toBe('The server answered 404: no such hook');
    expect(server.received).toHaveLength(1);
  });

  it('on_client_error ignore: the 4xx answer is given to later steps and the run goes on; retry: sent again until it succeeds', async () => {
    const ignoring = await new WebServer().start();
    ignoring.answer = () => ({ status: 409, body: 'duplicate' });
    const first = await setUp([http_(ignoring.url, { on_client_error: 'ignore' }), log('after', 'went on')]);
    const ignored = await runOnce(first.app, first.org.storeId);
    expect(ignored.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['notify', 'succeeded'],
      ['after', 'succeeded'],
    ]);
    expect(ignored.steps[0]!.outputs).toMatchObject({ value: { statusCode: 409, body: 'duplicate' } });

    const retrying = await new WebServer().start();
    retrying.answer = (nth) => (nth < 3 ? { status: 423, body: 'locked' } : { status: 200 });
    const second = await setUp([http_(retrying.url, { on_client_error: 'retry' })]);
    const retried = await runOnce(second.app, second.org.storeId);
    expect(retrying.received).toHaveLength(3);
    expect(retried.steps[0]).toMatchObject({ status: 'succeeded', attempts: 3 });
  });

  it('5xx is retried with the outbox rules until the server answers 2xx', async () => {
    const server = await new WebServer().start();
    server.answer = (nth) => (nth < 3 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' });
    const { app, org } = await setUp([http_(server.url)]);
    const run = await runOnce(app, org.storeId);
    expect(server.received).toHaveLength(3);
    expect(run.steps[0]).toMatchObject({ status: 'succeeded', attempts: 3, outputs: { value: { statusCode: 200, body: 'ok' } } });
    expect(run.deliveries).toEqual([expect.objectContaining({ app: 'shopify', state: 'delivered', attempts: 3, lastStatus: 200 })]);
  });

  it('a server that does not answer in time is tried again; one that never does fails the step saying so', async () => {
    const slowOnce = await new WebServer().start();
    slowOnce.answer = (nth) => (nth === 1 ? { status: 200, delayMs: 1_500 } : { status: 200, body: 'second' });
    const first = await setUp([http_(slowOnce.url)], { effects: { httpTimeoutMs: 300 } });
    const run = await runOnce(first.app, first.org.storeId);
    expect(run.steps[0]).toMatchObject({ status: 'succeeded', attempts: 2, outputs: { value: { body: 'second' } } });

    const never = await new WebServer().start();
    never.answer = () => ({ status: 200, delayMs: 5_000 });
    const second = await setUp([http_(never.url)], { effects: { httpTimeoutMs: 100 } });
    await call(second.app, 'runtime.settings.set', { maxAttempts: 2 });
    const failed = await runOnce(second.app, second.org.storeId);
    expect(failed.steps[0]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.steps[0]!.error).toMatch(/^The server did not answer in time \(no answer within 100 ms\).*gave up after 2 attempts/);
  });

  it('Run code gets the input query answered from the run, its output checked; console lines are kept; later steps go on', async () => {
    const { app, org } = await setUp([
      action('code', 'run_code', {
        input: '{ order { name lineItems { title quantity } } }',
        script: `export default function main({ order }) {\n  console.log('lines', order.lineItems.length);\n  return { message: order.name + ': ' + order.lineItems.map((li) => li.quantity + ' x ' + li.title).join(', ') };\n}`,
        output_schema: 'type Output {\n  "What to write"\n  message: String!\n}',
      }),
      log('after', 'done'),
    ]);
    const order = {
      id: 'gid://shopify/Order/1001',
      name: '#1001',
      lineItems: [
        { title: 'Mug', quantity: 2 },
        { title: 'Tea', quantity: 1 },
      ],
    };
    const run = await runOnce(app, org.storeId, { order });
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['code', 'succeeded'],
      ['after', 'succeeded'],
    ]);
    expect(run.steps[0]!.outputs).toMatchObject({ value: { message: '#1001: 2 x Mug, 1 x Tea' }, logs: ['lines 2'] });
  });

  it('a Run code script that loops forever ends its step with a clear error while the server keeps answering', async () => {
    const { app, org } = await setUp(
      [
        action('code', 'run_code', {
          input: '{ order { name } }',
          script: 'export default function main() { for (;;) {} }',
          output_schema: 'type Output { ok: Boolean }',
        }),
        log('after', 'never'),
      ],
      { effects: { sandbox: { timeMs: 1_500, memoryBytes: 8 << 20, stackBytes: 256 << 10 } } },
    );
    const { runIds } = await call(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: bigOrder,
    });
    await waitFor(
      () => app.runtime.deliveriesInFlight,
      (n) => n === 1,
    );
    // While the script spins, the server takes another event and answers the API.
    const other = await call(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: bigOrder,
    });
    expect(other.runIds).toHaveLength(1);
    expect(app.runtime.runs.run(runIds[0]!)!.status).toBe('running');
    const run = await waitFor(
      () => app.runtime.runs.run(runIds[0]!)!.status,
      (s) => s === 'has_errors',
      15_000,
    );
    expect(run).toBe('has_errors');
    const detail = await call(app, 'runs.get', { runId: runIds[0]! });
    expect(detail.steps.map((s) => [s.stepId, s.status])).toEqual([['code', 'failed']]);
    expect(detail.steps[0]!.error).toBe('Run code failed: The script ran longer than 1500 ms and was stopped');
  });
});
