import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { connectApp, count, FakeApp, openRuntimeApp, orgWithStore, triggerHeaders, waitFor, workflow, type Org } from '../runtime/fixture';

/**
 * Intake at full speed over real HTTP: concurrent signed requests share commits, and an acknowledgement
 * still means the event is in the database. The crash case (SIGKILL mid-stream) is kill-during-intake.test.ts.
 */
const tempDir = useTempDir();

/** LoyaltyLion "moved up a tier" → Klaviyo "Track an event", delivered to the app's endpoint. */
const tierUpToKlaviyo: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'loyaltylion', handle: 'customer_moved_up_tier' }, config: {} },
  steps: [
    {
      id: 'track',
      kind: 'action',
      task: { app: 'klaviyo', handle: 'track_event' },
      inputs: { event_name: 'Tier {{ tier }}', customer_email: '{{ customer_email }}', value: '{{ points_balance }}' },
    },
  ],
};

let app: AppContext;
let org: Org;
let secret: string;
const klaviyo = new FakeApp();

beforeEach(async () => {
  app = await openRuntimeApp(tempDir());
  org = await orgWithStore(app, ['loyaltylion', 'klaviyo']);
  await workflow(app, org.organizationId, 'Tier up to Klaviyo', tierUpToKlaviyo, [org.storeId]);
  await klaviyo.start();
  klaviyo.received.length = 0;
  await connectApp(app, klaviyo, org.storeId, 'klaviyo');
  secret = (await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'loyaltylion', url: klaviyo.url })).secret!;
  await app.runtime.start();
});

afterEach(async () => {
  await app.runtime.stop();
  await klaviyo.stop();
  app.close();
});

/** `n` signed requests for distinct customers, ready to send (and to send again unchanged). */
function requests(n: number): { body: string; headers: Record<string, string> }[] {
  return Array.from({ length: n }, (_, i) => {
    const body = JSON.stringify({
      store: org.domain,
      app: 'loyaltylion',
      trigger: 'customer_moved_up_tier',
      payload: {
        customer_id: `gid://shopify/Customer/${i + 1}`,
        customer_email: `customer${i + 1}@example.com`,
        points_balance: 1000 + i,
        tier: 'gold',
        previous_tier: 'silver',
      },
    });
    return { body, headers: triggerHeaders(body, secret, { eventId: `tier-${i + 1}` }) };
  });
}

const send = (all: { body: string; headers: Record<string, string> }[]) =>
  Promise.all(
    all.map(async ({ body, headers }) => {
      const response = await fetch(app.runtime.triggerEndpointUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: response.status, body: (await response.json()) as any };
    }),
  );

describe('signed triggers over HTTP, many at once', () => {
  it('60 concurrent requests are all acknowledged, all stored with their runs, and every delivery reaches the app', async () => {
    const answers = await send(requests(60));
    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(200));
    // Acknowledged means durable: read at once, without waiting for anything.
    expect(count(app, 'trigger_events')).toBe(60);
    expect(count(app, 'runs')).toBe(60);
    expect(new Set(answers.map((a) => a.body.eventId)).size).toBe(60);
    const received = await waitFor(
      () => klaviyo.received,
      (r) => r.length >= 60,
    );
    expect(received.every((d) => d.signatureValid)).toBe(true);
    expect(new Set(received.map((d) => (d.body.properties as { customer_email: string }).customer_email)).size).toBe(60);
    await waitFor(
      () => app.runtime.outbox.counts().delivered,
      (n) => n === 60,
    );
  });

  it('when the commit fails (disk full), every request of the batch gets a 500 and none is stored, not even half: the apps’ retries are recorded', async () => {
    const batch = requests(20);
    // The fault, on the runtime's own connection: every run written fails, after the event and its id are.
    app.db.exec(`CREATE TEMP TRIGGER full_disk BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const failed = await send(batch);
    expect(failed.map((a) => a.status)).toEqual(Array(20).fill(500));
    expect(failed[0]!.body.error).toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/could not be recorded: database or disk is full/),
    });
    for (const table of ['trigger_events', 'runs', 'outbox']) expect(count(app, table), table).toBe(0);

    // Space again: the same requests (same event ids) are new events, not duplicates of something half kept.
    app.db.exec(`DROP TRIGGER temp.full_disk`);
    const retried = await send(batch);
    expect(retried.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(retried.every((a) => a.body.duplicate === undefined && a.body.runIds.length === 1)).toBe(true);
    expect(count(app, 'trigger_events')).toBe(20);
    expect(count(app, 'runs')).toBe(20);
  });
});
