import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { openAppContext, type AppContext, type AppContextOptions } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { randomUUID } from 'node:crypto';
import { DELIVERY_SIGNATURE_HEADER, sign, signatureMatches, triggerSigningInput } from '../../../electron/runtime/signature';
import { call, closeAfterTest } from '../../support/app';

/** Retry gaps small enough for tests, large enough to tell apart. */
export const fastDelivery = { baseDelayMs: 5, maxDelayMs: 40, pollDelayMs: 10, maxPollDelayMs: 40, timeoutMs: 2_000 };

/** An app with the runtime tuned for tests; closed after the test (test/unit/setup.ts). */
export async function openRuntimeApp(dir: string, options: Partial<AppContextOptions> = {}): Promise<AppContext> {
  const app = await openAppContext({
    databasePath: path.join(dir, 'flow-admin.db'),
    userName: 'test-admin',
    ...options,
    runtime: { delivery: fastDelivery, idleMs: 20, triggerPort: 0, log: () => {}, ...options.runtime },
  });
  return closeAfterTest(app);
}

export interface Org {
  organizationId: string;
  storeId: string;
  domain: string;
}

/** An organization with one store (Flow installed) and the given apps installed and set up there. */
export async function orgWithStore(app: AppContext, apps: string[] = [], timeZone = 'Europe/Oslo'): Promise<Org> {
  const org = await call(app, 'organizations.create', { name: 'Nordic Goods' });
  const domain = 'nordic-goods-oslo.myshopify.com';
  const store = await call(app, 'stores.add', { organizationId: org.id, name: 'Oslo', domain, timeZone });
  for (const appId of apps) await call(app, 'apps.install', { appId, storeIds: [store.id], setupComplete: true });
  return { organizationId: org.id, storeId: store.id, domain };
}

export async function addStore(app: AppContext, organizationId: string, name: string, apps: string[] = []): Promise<string> {
  const store = await call(app, 'stores.add', { organizationId, name, domain: `${name.toLowerCase()}.myshopify.com`, timeZone: 'UTC' });
  for (const appId of apps) await call(app, 'apps.install', { appId, storeIds: [store.id], setupComplete: true });
  return store.id;
}

/** Creates a workflow and enables it in the given stores. */
export async function workflow(
  app: AppContext,
  organizationId: string,
  name: string,
  definition: WorkflowDefinition,
  storeIds: string[],
): Promise<string> {
  const created = await call(app, 'workflows.create', { organizationId, name, definition });
  if (storeIds.length > 0) await call(app, 'activations.set', { workflowId: created.id, storeIds, enabled: true });
  return created.id;
}

/** Order created → if the total is over 100, Klaviyo "Track an event" (delivered to the app) and a Shopify tag (recorded). */
export const bigOrderToKlaviyo: WorkflowDefinition = {
  trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [
    {
      id: 'is-big',
      kind: 'condition',
      condition: { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 100 },
      then: [
        {
          id: 'track',
          kind: 'action',
          task: { app: 'klaviyo', handle: 'track_event' },
          inputs: {
            event_name: 'Big order {{ order.name }}',
            customer_email: '{{ order.customer.email }}',
            value: '{{ order.totalPriceSet.shopMoney.amount }}',
          },
        },
        {
          id: 'tag',
          kind: 'action',
          task: { app: 'shopify', handle: 'add_order_tags' },
          inputs: { order_id: 'order.id', tags: 'big' },
        },
      ],
      else: [],
    },
  ],
};

/** An Order created event as Flow gives it: the order as the Admin API returns it (Money amounts are decimal strings). */
export const bigOrder = {
  order: {
    id: 'gid://shopify/Order/1001',
    name: '#1001',
    totalPriceSet: { shopMoney: { amount: '250.0', currencyCode: 'NOK' } },
    customer: { email: 'kari@example.com' },
  },
};

/** The big order with some of its fields changed: `{ name: '#1002' }`, `{ total: 5 }`, `{ email: 'ola@example.com' }`. */
export function orderEvent(change: { id?: string; name?: string; total?: number | string; email?: string; tags?: string[] }) {
  const order: Record<string, unknown> = { ...bigOrder.order };
  if (change.id !== undefined) order.id = change.id;
  if (change.name !== undefined) order.name = change.name;
  if (change.total !== undefined) order.totalPriceSet = { shopMoney: { amount: String(change.total), currencyCode: 'NOK' } };
  if (change.email !== undefined) order.customer = { email: change.email };
  if (change.tags !== undefined) order.tags = change.tags;
  return { order };
}

export interface ReceivedDelivery {
  actionRunId: string;
  body: Record<string, unknown>;
  signatureValid: boolean;
  at: number;
}

/** What the fake app answers to one request: a status, headers and a body. */
export type AppAnswer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

/**
 * A real HTTP server on 127.0.0.1 playing the app: it verifies each delivery's signature with the secret
 * Flow Admin gave it, records what it received, and answers as the test scripts it.
 */
export class FakeApp {
  readonly received: ReceivedDelivery[] = [];
  secret = '';
  answer: (delivery: ReceivedDelivery, nth: number) => AppAnswer = () => ({ status: 200, body: '{"ok":true}' });
  private server: http.Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/flow/actions`;
  }

  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        const header = req.headers[DELIVERY_SIGNATURE_HEADER.toLowerCase()];
        const delivery: ReceivedDelivery = {
          actionRunId: String(body.action_run_id),
          body,
          signatureValid: signatureMatches(raw, this.secret, typeof header === 'string' ? header : undefined),
          at: Date.now(),
        };
        this.received.push(delivery);
        const nth = this.received.filter((d) => d.actionRunId === delivery.actionRunId).length;
        const answer = this.answer(delivery, nth);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(answer.body ?? '');
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Sets the app's endpoint in the store and hands the secret to the fake app. */
export async function connectApp(app: AppContext, fake: FakeApp, storeId: string, appId = 'klaviyo'): Promise<string> {
  const result = await call(app, 'runtime.setAppEndpoint', { storeId, appId, url: fake.url });
  fake.secret = result.secret!;
  return result.secret!;
}

/** Polls until the condition holds, failing after the timeout with what it last saw. */
export async function waitFor<T>(read: () => T, holds: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const start = Date.now();
  let value = read();
  while (!holds(value)) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms; last seen: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
    value = read();
  }
  return value;
}

/** The three headers an app sends with a trigger: the time, a fresh event id, and the signature over both and the body. */
export function triggerHeaders(text: string, secret: string, at: { timestamp?: string; eventId?: string } = {}): Record<string, string> {
  const timestamp = at.timestamp ?? String(Math.floor(Date.now() / 1000));
  const eventId = at.eventId ?? randomUUID();
  return {
    'X-Flow-Admin-Timestamp': timestamp,
    'X-Flow-Admin-Event-Id': eventId,
    'X-Flow-Admin-Hmac-Sha256': sign(triggerSigningInput(timestamp, eventId, text), secret),
  };
}

/** An app's trigger request to the trigger endpoint, signed (or not) with the secret. */
export async function postTrigger(
  url: string,
  body: unknown,
  secret: string | null,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? triggerHeaders(text, secret) : {}), ...headers },
    body: text,
  });
  return { status: response.status, body: await response.json() };
}

export function count(app: AppContext, table: string): number {
  return (app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
