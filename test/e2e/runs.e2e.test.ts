import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppContext } from '../../electron/app-context';
import type { WorkflowDefinition } from '../../electron/domain/workflow/workflow-definition';
import { DELIVERY_SIGNATURE_HEADER, signatureMatches } from '../../electron/runtime/signature';
import type { RunningHttpServer } from '../../electron/server/http-server';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';
import { screenshotPath } from '../support/screenshots';
import { seedOrganization, type SeededOrganization } from '../support/seed-organization';

/**
 * The local Flow runtime through the UI: an app's endpoint set on the store's page, test events sent from
 * the Runs screen and the editor's Test panel, runs and their deliveries followed, failed deliveries
 * replayed, runs found by a customer's email. A real HTTP server on 127.0.0.1 plays the app and checks
 * every delivery's signature with the secret the UI showed once.
 */
const e2e = useE2e();
let app: AppContext;
let server: RunningHttpServer;
let seeded: SeededOrganization;
let page: Page;
let klaviyo: FakeApp;

interface Received {
  body: Record<string, unknown>;
  signatureValid: boolean;
}

/** The Klaviyo app: records what it receives, answers with `status` (the test turns it to 500 and back). */
class FakeApp {
  received: Received[] = [];
  secret = '';
  status = 200;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = req.headers[DELIVERY_SIGNATURE_HEADER.toLowerCase()];
      this.received.push({
        body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
        signatureValid: signatureMatches(raw, this.secret, typeof header === 'string' ? header : undefined),
      });
      res.writeHead(this.status, { 'content-type': 'application/json' });
      res.end(this.status === 200 ? '{"ok":true}' : '{"error":"down for maintenance"}');
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/flow/actions`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

beforeEach(async () => {
  // Browser mode as `npm run web` runs it, with the runtime started and retry gaps made tiny. The app's answer
  // may wait (the fake app shares this process with the runtime and Chromium's driver on a loaded machine): a
  // delivery that times out would be sent twice, so the wait allowed is not made tiny.
  ({ app, server } = await e2e.startWebApp(undefined, {
    runtime: {
      delivery: { baseDelayMs: 5, maxDelayMs: 40, pollDelayMs: 10, maxPollDelayMs: 40, timeoutMs: 15_000 },
      idleMs: 20,
      triggerPort: 0,
      log: () => {},
    },
  }));
  await app.runtime.start();
  seeded = await seedOrganization(app);
  klaviyo = new FakeApp();
  await klaviyo.start();
  page = await e2e.newPage();
});
afterEach(async () => klaviyo.stop());

async function open(hash: string) {
  await page.goto(`${server.url}${hash}`);
  await page.locator('main h1').first().waitFor();
}

/** Sets Klaviyo's endpoint in the store through its card, and hands the secret the UI shows once to the app. */
async function setKlaviyoEndpoint(storeId: string) {
  await open(`#/stores/${storeId}`);
  const card = page.getByRole('region', { name: 'App endpoints' });
  await card.getByRole('button', { name: 'Set endpoint: Klaviyo - Email Marketing' }).click();
  const url = card.getByLabel('Endpoint URL for Klaviyo - Email Marketing');
  await url.fill('ftp://127.0.0.1/flow');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => card.getByRole('alert').first().textContent()).toBe('Must be a web address starting with http:// or https://.');
  expect(await url.getAttribute('aria-invalid')).toBe('true');
  await url.fill(klaviyo.url);
  await card.getByRole('button', { name: 'Save' }).click();
  const secretBox = card.getByRole('region', { name: 'Signing secret for Klaviyo - Email Marketing' });
  await secretBox.waitFor();
  expect(await secretBox.textContent()).toContain('it is shown only this once');
  klaviyo.secret = (await secretBox.locator('code').textContent()) ?? '';
  expect(klaviyo.secret.length).toBeGreaterThanOrEqual(16);
  await secretBox.getByRole('button', { name: 'I have copied it' }).click();
  // Shown once: gone from the page, and the card says where deliveries go now.
  expect(await page.getByText(klaviyo.secret).count()).toBe(0);
  await expect.poll(() => card.textContent()).toContain(klaviyo.url);
}

/** The Runs screen's "Send test event" form: Oslo, Customer created, the example payload with this email. */
async function sendCustomerCreated(email: string) {
  await open('#/runs');
  const form = page.getByRole('form', { name: 'Send test event' });
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'Send test event' }).click();
  await form.getByLabel('Store').selectOption({ label: 'Nordic Goods Oslo' });
  await form.getByLabel('Trigger').selectOption({ label: 'Customer created' });
  const payload = form.getByLabel('Event data (JSON)');
  await expect.poll(() => payload.inputValue()).toContain('"customer": {');
  // Customer created gives the customer as the Admin API returns it (an example built from the schema).
  const sample = JSON.parse(await payload.inputValue()) as { customer: Record<string, unknown> };
  await payload.fill(JSON.stringify({ ...sample, customer: { ...sample.customer, email } }, null, 2));
  await form.getByRole('button', { name: 'Send test event' }).click();
  const ran = form.getByRole('status');
  await expect.poll(() => ran.textContent()).toContain('1 workflow ran in Nordic Goods Oslo:');
  await ran.getByRole('link', { name: 'Welcome new customers' }).click();
  await expect.poll(() => page.locator('main h1').textContent()).toBe('Run of Welcome new customers');
}

const runStatus = () => page.locator('main .heading-bar').textContent();
const delivery = () => page.getByRole('group', { name: /^Delivery to Klaviyo/ });

describe('runs in Chromium', () => {
  it('delivers a test event to the app, shows retries and the failure when the app is down, replays the failed delivery, and finds runs by email', async () => {
    // Settings: where apps send triggers, and fewer attempts per delivery so a failure comes quickly.
    await open('#/settings');
    const runtimeCard = page.getByRole('form', { name: 'Local Flow runtime' });
    await expect.poll(() => runtimeCard.textContent()).toContain(app.runtime.triggerEndpointUrl!);
    expect(await runtimeCard.getByLabel('Keep runs for (days)').inputValue()).toBe('90');
    await runtimeCard.getByLabel('Attempts per delivery').fill('0');
    await runtimeCard.getByRole('button', { name: 'Save runtime settings' }).click();
    await expect.poll(() => runtimeCard.locator('#runtime-maxAttempts-error').textContent()).toBe('Must be at least 1.');
    await runtimeCard.getByLabel('Attempts per delivery').fill('3');
    await runtimeCard.getByRole('button', { name: 'Save runtime settings' }).click();
    await expect.poll(() => runtimeCard.getByRole('status').textContent()).toBe('Runtime settings saved');
    expect((await call(app, 'runtime.settings.get', {})).maxAttempts).toBe(3);

    await setKlaviyoEndpoint(seeded.stores.Oslo!);

    // A payload that does not fit the trigger is refused at the field, saying which value is wrong.
    await open('#/runs');
    await page.getByRole('button', { name: 'Send test event' }).click();
    const form = page.getByRole('form', { name: 'Send test event' });
    await form.getByLabel('Store').selectOption({ label: 'Nordic Goods Oslo' });
    await form.getByLabel('Trigger').selectOption({ label: 'Customer created' });
    const payload = form.getByLabel('Event data (JSON)');
    await expect.poll(() => payload.inputValue()).toContain('"customer": {');
    await payload.fill('{ "customer": ');
    await form.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => form.locator('#test-event-payload-error').textContent()).toContain('The event data is not valid JSON');
    await payload.fill('{ "customer": "kari@example.com", "shoe_size": 42 }');
    await form.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => form.locator('#test-event-payload-error').textContent()).toContain('customer: must be an object (Customer)');
    expect(await form.locator('#test-event-payload-error').textContent()).toContain('not a field of this trigger: shoe_size');
    expect(await payload.getAttribute('aria-invalid')).toBe('true');
    expect(klaviyo.received).toHaveLength(0);

    // The app answers: the run succeeds and its delivery is done, signed with the secret shown once.
    await sendCustomerCreated('kari@example.com');
    await expect.poll(() => runStatus(), { timeout: 10_000 }).toContain('Succeeded');
    await expect.poll(() => delivery().textContent()).toContain('Delivered');
    expect(await delivery().textContent()).toContain('HTTP 200');
    expect(klaviyo.received).toHaveLength(1);
    expect(klaviyo.received[0]!.signatureValid).toBe(true);
    expect(klaviyo.received[0]!.body).toMatchObject({
      handle: 'track_event',
      properties: { event_name: 'Welcome', customer_email: 'kari@example.com' },
    });
    const steps = page.getByRole('region', { name: 'Steps' });
    expect(await steps.textContent()).toContain('Action · Klaviyo - Email Marketing: Track an event');
    expect(await page.getByRole('region', { name: 'Trigger event' }).textContent()).toContain('"email": "kari@example.com"');
    expect(await page.getByRole('region', { name: 'Summary' }).textContent()).toMatch(/Welcome new customers\s+version 1/);
    await page.screenshot({ path: screenshotPath('run.png'), fullPage: true });

    // The app goes down: three attempts, then the delivery fails and the run has errors.
    klaviyo.status = 500;
    await sendCustomerCreated('ola.nordmann@example.com');
    await expect.poll(() => runStatus(), { timeout: 10_000 }).toContain('Has errors');
    await expect.poll(() => delivery().textContent()).toContain('Delivery failed');
    const failed = (await delivery().textContent()) ?? '';
    expect(failed).toMatch(/Attempts\s*3/);
    expect(failed).toContain('HTTP 500');
    expect(
      klaviyo.received.filter((r) => (r.body.properties as Record<string, unknown>).customer_email === 'ola.nordmann@example.com'),
    ).toHaveLength(3);

    // Back up: the failed delivery is replayed, with its own action run id, and arrives.
    klaviyo.status = 200;
    await page.getByRole('button', { name: 'Replay failed deliveries' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Replay' }).getByRole('status').textContent())
      .toBe('1 delivery is being sent again.');
    await expect.poll(() => delivery().textContent(), { timeout: 10_000 }).toContain('Delivered');
    await expect.poll(() => runStatus()).toContain('Succeeded');
    const actionRunIds = klaviyo.received.slice(1).map((r) => r.body.action_run_id);
    expect(new Set(actionRunIds).size).toBe(1);
    expect(klaviyo.received.at(-1)!.signatureValid).toBe(true);
    // Nothing left to replay: the API's refusal is shown where the button is.
    await page.getByRole('button', { name: 'Replay failed deliveries' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Replay' }).getByRole('alert').textContent())
      .toBe('The run has no failed deliveries to replay');

    // Search by a customer's email, whatever its case.
    await open('#/runs');
    const rows = page.getByRole('table', { name: 'Runs, newest first' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel("Value in the trigger's data").fill('KARI@example.com');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Welcome new customers');
    await rows.first().getByRole('link').click();
    await expect.poll(() => page.getByRole('region', { name: 'Trigger event' }).textContent()).toContain('kari@example.com');
    await open('#/runs');
    await page.getByLabel('Status').selectOption({ label: 'Has errors' });
    await expect.poll(() => page.getByText('No runs match this search.').isVisible()).toBe(true);
  });

  it("sends the Test panel's example as a real test event, links to the run, and shows why the delivery failed without an endpoint", async () => {
    await open(`#/workflows/${seeded.workflows['Welcome new customers']}`);
    const panel = page.getByRole('region', { name: 'Test' });
    await panel.getByRole('button', { name: 'Fill in an example event' }).click();
    await expect.poll(() => panel.getByLabel('Event data (JSON)').inputValue()).toContain('"customer": {');
    await panel.getByLabel('Store to send it to').selectOption({ label: 'Nordic Goods Bergen' });
    await panel.getByRole('button', { name: 'Send test event' }).click();
    const ran = panel.getByRole('status').filter({ hasText: 'ran in' });
    await expect.poll(() => ran.textContent()).toContain('1 workflow ran in Nordic Goods Bergen:');
    await ran.getByRole('link', { name: 'Welcome new customers' }).click();
    await expect.poll(() => runStatus(), { timeout: 10_000 }).toContain('Has errors');
    // Bergen has no endpoint for Klaviyo: the step says so, and nothing reached the app.
    await expect.poll(() => page.getByRole('region', { name: 'Steps' }).textContent()).toMatch(/endpoint/i);
    expect(klaviyo.received).toHaveLength(0);

    // A store where the workflow does not run: the event is received, and the panel says no workflow ran.
    await open(`#/workflows/${seeded.workflows['Welcome new customers']}`);
    await panel.getByRole('button', { name: 'Fill in an example event' }).click();
    await panel.getByLabel('Store to send it to').selectOption({ label: 'Nordic Goods Helsinki' });
    await panel.getByRole('button', { name: 'Send test event' }).click();
    await expect
      .poll(() => panel.getByRole('status').filter({ hasText: 'no workflow ran' }).textContent())
      .toContain('none is running on this trigger in Nordic Goods Helsinki');
  });

  it("shows Shopify's own actions offline: the Admin API mutation each would send, marked not sent, and saves the screenshot", async () => {
    const definition: WorkflowDefinition = {
      trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
      steps: [
        {
          id: 'tag',
          kind: 'action',
          task: { app: 'shopify', handle: 'add_order_tags' },
          inputs: { order_id: 'order.id', tags: 'vip, big-order' },
        },
        {
          id: 'mail',
          kind: 'action',
          task: { app: 'shopify', handle: 'send_internal_email' },
          inputs: {
            to: 'ops@example.com',
            subject: 'VIP order {{ order.name }}',
            body: 'Total {{ order.totalPriceSet.shopMoney.amount }}',
          },
        },
        {
          id: 'log',
          kind: 'action',
          task: { app: 'shopify', handle: 'log_output' },
          inputs: { message: 'Tagged {{ order.name }} as VIP' },
        },
      ],
    };
    const created = await call(app, 'workflows.create', { organizationId: seeded.organizationId, name: 'Tag VIP orders', definition });
    await call(app, 'activations.set', { workflowId: created.id, storeIds: [seeded.stores.Oslo!], enabled: true });
    const order = {
      order: {
        id: 'gid://shopify/Order/1001',
        name: '#1001',
        totalPriceSet: { shopMoney: { amount: '2500.0', currencyCode: 'NOK' } },
        customer: { email: 'kari@example.com' },
      },
    };
    const { runIds } = await call(app, 'runtime.sendTestEvent', {
      storeId: seeded.stores.Oslo!,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: order,
    });
    const runs = await Promise.all(runIds.map((runId) => call(app, 'runs.get', { runId })));
    const run = runs.find((r) => r.workflowId === created.id)!;
    await open(`#/runs/${run.id}`);
    const steps = page.getByRole('region', { name: 'Steps' });
    await expect.poll(() => steps.textContent()).toContain('Not sent: offline');
    const tag = steps.getByRole('listitem').filter({ hasText: 'Add order tags' });
    expect(await tag.textContent()).toContain('Admin API mutation');
    expect(await tag.textContent()).toContain('tagsAdd(id: "gid://shopify/Order/1001", tags: ["vip","big-order"])');
    expect(await steps.getByRole('listitem').filter({ hasText: 'Send internal email' }).textContent()).toContain('VIP order #1001');
    expect(await steps.textContent()).toContain('Tagged #1001 as VIP');
    await page.screenshot({ path: screenshotPath('run-offline-mutation.png'), fullPage: true });
  });

  it("pages through many runs with the API's cursor and saves the Runs screenshot", async () => {
    // 60 runs, more than a page: the list shows 50 and loads the rest on request. Oslo's Klaviyo answers, Bergen's has no endpoint.
    klaviyo.secret = (
      await call(app, 'runtime.setAppEndpoint', { storeId: seeded.stores.Oslo!, appId: 'klaviyo', url: klaviyo.url })
    ).secret!;
    for (let i = 0; i < 30; i += 1) {
      for (const [trigger, payload] of [
        ['customer_created', { customer: { email: `customer${i}@example.com`, firstName: 'Kari' } }],
        [
          'order_created',
          {
            order: {
              id: `gid://shopify/Order/${2000 + i}`,
              name: `#${2000 + i}`,
              totalPriceSet: { shopMoney: { amount: `${1000 + i * 300}.0`, currencyCode: 'NOK' } },
              customer: { email: `customer${i}@example.com` },
            },
          },
        ],
      ] as const) {
        await call(app, 'runtime.sendTestEvent', {
          storeId: seeded.stores[i % 2 ? 'Oslo' : 'Bergen']!,
          trigger: { app: 'shopify', handle: trigger },
          payload,
        });
      }
    }
    await open('#/runs');
    const rows = page.getByRole('table', { name: 'Runs, newest first' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await page.screenshot({ path: screenshotPath('runs.png') });
    const total = (await call(app, 'runs.search', { organizationId: seeded.organizationId, limit: 500 })).runs.length;
    expect(total).toBeGreaterThan(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(total);
    // An order found by its number alone.
    await page.getByLabel("Value in the trigger's data").fill('2007');
    await expect.poll(async () => (await rows.allTextContents()).map((text) => text.includes('Order created'))).toEqual([true, true]);
    expect(await rows.first().textContent()).toContain('Nordic Goods Oslo');
  });
});
