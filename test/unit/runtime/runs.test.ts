import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { addStore, bigOrder, orderEvent, count, openRuntimeApp, orgWithStore, workflow } from './fixture';
import { useOpenedApps } from '../../support/opened-apps';

const tempDir = useTempDir();
const opened = useOpenedApps();

/** A clock the test moves by hand. */
function clock(start: string) {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), set: (iso: string) => (t = Date.parse(iso)) };
}

const orderTrigger = { id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} };
const tagOrders = (tag: string): WorkflowDefinition => ({
  trigger: orderTrigger,
  steps: [{ id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: 'order.id', tags: tag } }],
});
/** Sends an email only for big orders: small ones succeed without actions. */
const emailBig: WorkflowDefinition = {
  trigger: orderTrigger,
  steps: [
    {
      id: 'big',
      kind: 'condition',
      condition: { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 100 },
      then: [
        {
          id: 'mail',
          kind: 'action',
          task: { app: 'shopify', handle: 'send_internal_email' },
          inputs: { to: 'ops@example.com', subject: 'Big {{ order.name }}', body: '{{ order.totalPriceSet.shopMoney.amount }}' },
        },
      ],
      else: [],
    },
  ],
};

async function order(app: AppContext, storeId: string, payload: Record<string, unknown>) {
  return (await call(app, 'runtime.sendTestEvent', { storeId, trigger: { app: 'shopify', handle: 'order_created' }, payload })).runIds;
}

describe('runs: recorded, searched, replayed, waited, purged', () => {
  it('search by workflow, store, status, time and a value of the trigger data', async () => {
    const c = clock('2025-03-01T10:00:00Z');
    const app = await openRuntimeApp(tempDir(), { now: c.now });
    opened.push(app);
    const org = await orgWithStore(app);
    const bergen = await addStore(app, org.organizationId, 'Bergen');
    const tagger = await workflow(app, org.organizationId, 'Tagger', tagOrders('seen'), [org.storeId]);
    const mailer = await workflow(app, org.organizationId, 'Mailer', emailBig, [org.storeId, bergen]);

    await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/1001', email: 'kari@example.com' }));
    c.advance(60_000);
    await order(app, bergen, orderEvent({ id: 'gid://shopify/Order/1002', email: 'ola@example.com', total: 10 }));
    c.advance(60_000);
    await order(app, bergen, orderEvent({ id: 'gid://shopify/Order/1003', email: 'Kari@Example.com', total: 500 }));

    const search = async (filters: Record<string, unknown>) =>
      (await call(app, 'runs.search', { organizationId: org.organizationId, ...filters })).runs
        .map((r) => `${r.workflowName}@${r.storeName}:${r.status}`)
        .sort();

    expect(await search({})).toEqual([
      'Mailer@Bergen:succeeded_with_actions',
      'Mailer@Bergen:succeeded_without_actions',
      'Mailer@Oslo:succeeded_with_actions',
      'Tagger@Oslo:succeeded_with_actions',
    ]);
    expect(await search({ workflowId: tagger })).toEqual(['Tagger@Oslo:succeeded_with_actions']);
    expect(await search({ workflowId: mailer, storeId: bergen })).toEqual([
      'Mailer@Bergen:succeeded_with_actions',
      'Mailer@Bergen:succeeded_without_actions',
    ]);
    expect(await search({ statuses: ['succeeded_without_actions'] })).toEqual(['Mailer@Bergen:succeeded_without_actions']);
    expect(await search({ since: '2025-03-01T10:00:30Z', until: '2025-03-01T10:01:30Z' })).toEqual([
      'Mailer@Bergen:succeeded_without_actions',
    ]);
    // A customer email, whatever its case; an order by its number as well as by its full id.
    expect(await search({ dataValue: 'kari@example.com' })).toEqual([
      'Mailer@Bergen:succeeded_with_actions',
      'Mailer@Oslo:succeeded_with_actions',
      'Tagger@Oslo:succeeded_with_actions',
    ]);
    expect(await search({ dataValue: '1002' })).toEqual(['Mailer@Bergen:succeeded_without_actions']);
    expect(await search({ dataValue: 'gid://shopify/Order/1003' })).toEqual(['Mailer@Bergen:succeeded_with_actions']);
    expect(await search({ dataValue: 'nobody@example.com' })).toEqual([]);

    const page1 = await call(app, 'runs.search', { organizationId: org.organizationId, limit: 3 });
    // Newest first (the two runs of one event start at the same time).
    expect(page1.runs.map((r) => r.startedAt)).toEqual([
      '2025-03-01T10:02:00.000Z',
      '2025-03-01T10:01:00.000Z',
      '2025-03-01T10:00:00.000Z',
    ]);
    const page2 = await call(app, 'runs.search', { organizationId: org.organizationId, limit: 3, after: page1.next! });
    expect(page2).toMatchObject({ runs: [{ startedAt: '2025-03-01T10:00:00.000Z' }], next: null });
    expect([...page1.runs, ...page2.runs].map((r) => r.id).sort()).toEqual(
      (await call(app, 'runs.search', {})).runs.map((r) => r.id).sort(),
    );
  });

  it('a run shows each step with inputs, outputs, timings and errors', async () => {
    const app = await openRuntimeApp(tempDir());
    opened.push(app);
    const org = await orgWithStore(app);
    await workflow(app, org.organizationId, 'Mailer', emailBig, [org.storeId]);
    const [runId] = await order(app, org.storeId, bigOrder);
    const run = await call(app, 'runs.get', { runId: runId! });
    expect(run).toMatchObject({
      workflowName: 'Mailer',
      workflowVersion: 1,
      storeName: 'Oslo',
      status: 'succeeded_with_actions',
      event: { source: 'test', payload: bigOrder },
    });
    expect(run.steps.map((s) => [s.stepId, s.kind, s.status])).toEqual([
      ['big', 'condition', 'succeeded'],
      ['mail', 'action', 'recorded'],
    ]);
    expect(run.steps[0]!.outputs).toEqual({ result: true });
    expect(run.steps[1]!.inputs).toEqual({
      delivery: 'recorded',
      properties: { to: 'ops@example.com', subject: 'Big #1001', body: '250.0' },
    });
    expect(run.steps[1]!.startedAt).toBe(run.startedAt);
  });

  it('replay from the start makes a new run of the same version with the same event', async () => {
    const app = await openRuntimeApp(tempDir());
    opened.push(app);
    const org = await orgWithStore(app);
    const id = await workflow(app, org.organizationId, 'Tagger', tagOrders('v1'), [org.storeId]);
    const [runId] = await order(app, org.storeId, bigOrder);
    await call(app, 'workflows.save', { id, definition: tagOrders('v2'), expectedVersion: 1 });
    const replay = await call(app, 'runs.replay', { runId: runId!, mode: 'from_start' });
    expect(replay.runId).not.toBe(runId);
    const again = await call(app, 'runs.get', { runId: replay.runId });
    expect(again).toMatchObject({ replayOf: runId, workflowVersion: 1, eventId: app.runtime.runs.run(runId!)!.eventId });
    expect((again.steps[0]!.inputs as { properties: { tags: string } }).properties.tags).toBe('v1');
    expect(app.handlerContext.audit.query({ action: 'run.replayed', limit: 5 })).toHaveLength(1);

    expect(await refusal(app, 'runs.replay', { runId: runId!, mode: 'failed_deliveries' })).toMatchObject({
      code: 'refused',
      message: 'The run has no failed deliveries to replay',
    });
    await call(app, 'activations.set', { workflowId: id, storeIds: [org.storeId], enabled: false });
    expect(await refusal(app, 'runs.replay', { runId: runId!, mode: 'from_start' })).toMatchObject({
      code: 'refused',
      message: '"Tagger" is not running in Oslo now, so it cannot run there again',
    });
  });

  it('a wait step pauses the run; it carries on when the time comes', async () => {
    const c = clock('2025-03-01T10:00:00Z');
    const app = await openRuntimeApp(tempDir(), { now: c.now });
    opened.push(app);
    const org = await orgWithStore(app);
    const waiting: WorkflowDefinition = {
      trigger: orderTrigger,
      steps: [{ id: 'wait', kind: 'wait', seconds: 3600 }, ...tagOrders('later').steps],
    };
    await workflow(app, org.organizationId, 'Later', waiting, [org.storeId]);
    const [runId] = await order(app, org.storeId, bigOrder);
    const paused = await call(app, 'runs.get', { runId: runId! });
    expect(paused).toMatchObject({ status: 'waiting', resumeAt: '2025-03-01T11:00:00.000Z' });
    expect(paused.steps.map((s) => [s.stepId, s.status])).toEqual([['wait', 'pending']]);

    c.advance(30 * 60_000);
    expect(await app.runtime.resumeDueRuns()).toBe(0);
    c.advance(31 * 60_000);
    expect(await app.runtime.resumeDueRuns()).toBe(1);
    const done = await call(app, 'runs.get', { runId: runId! });
    expect(done).toMatchObject({ status: 'succeeded_with_actions', resumeAt: null });
    expect(done.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['wait', 'succeeded'],
      ['tag', 'recorded'],
    ]);
  });

  it('runs older than the retention setting are deleted with their events and deliveries', async () => {
    const c = clock('2025-01-01T12:00:00Z');
    const app = await openRuntimeApp(tempDir(), { now: c.now });
    opened.push(app);
    expect((await call(app, 'runtime.settings.get', {})).retentionDays).toBe(90);
    const org = await orgWithStore(app);
    await workflow(app, org.organizationId, 'Tagger', tagOrders('x'), [org.storeId]);
    await order(app, org.storeId, bigOrder);
    c.advance(50 * 86_400_000);
    await order(app, org.storeId, bigOrder);
    c.advance(45 * 86_400_000); // the first is 95 days old, the second 45
    expect(await app.runtime.purge()).toBe(1);
    expect([count(app, 'runs'), count(app, 'trigger_events'), count(app, 'run_steps')]).toEqual([1, 1, 1]);
    await call(app, 'runtime.settings.set', { retentionDays: 30 });
    expect(await app.runtime.purge()).toBe(1);
    expect(count(app, 'runs')).toBe(0);
    expect(await refusal(app, 'runtime.settings.set', { retentionDays: 0 })).toMatchObject({
      code: 'invalid_input',
      message: 'runtime.settings.set: retentionDays: must be at least 1 day',
    });
  });
});
