import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { latestSlot, localDateAfter, zonedInstant } from '../../../electron/runtime/schedule-slots';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { openRuntimeApp, orgWithStore, workflow } from './fixture';
import { useOpenedApps } from '../../support/opened-apps';

const tempDir = useTempDir();
const opened = useOpenedApps();

describe('slots in a time zone', () => {
  it('09:00 in Oslo is 08:00 UTC in winter and 07:00 UTC in summer, across the change of clocks', () => {
    expect(new Date(zonedInstant(2025, 3, 29, 9, 0, 'Europe/Oslo')).toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(new Date(zonedInstant(2025, 3, 30, 9, 0, 'Europe/Oslo')).toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(new Date(zonedInstant(2025, 10, 26, 9, 0, 'Europe/Oslo')).toISOString()).toBe('2025-10-26T08:00:00.000Z');
    expect(new Date(zonedInstant(2025, 7, 1, 0, 0, 'America/Los_Angeles')).toISOString()).toBe('2025-07-01T07:00:00.000Z');
    expect(new Date(zonedInstant(2025, 7, 1, 0, 0, 'Asia/Kolkata')).toISOString()).toBe('2025-06-30T18:30:00.000Z');
  });

  it('the latest slot not after now: today once its time has come, else yesterday', () => {
    const at = (iso: string) => new Date(latestSlot(Date.parse(iso), '09:00', 'Europe/Oslo')).toISOString();
    expect(at('2025-03-10T07:59:00Z')).toBe('2025-03-09T08:00:00.000Z');
    expect(at('2025-03-10T08:00:00Z')).toBe('2025-03-10T08:00:00.000Z');
    expect(at('2025-03-10T23:30:00Z')).toBe('2025-03-10T08:00:00.000Z'); // 00:30 on the 11th in Oslo
    // Midnight in Auckland is the previous day in UTC.
    expect(new Date(latestSlot(Date.parse('2025-01-15T12:00:00Z'), '00:00', 'Pacific/Auckland')).toISOString()).toBe(
      '2025-01-15T11:00:00.000Z',
    );
  });

  it('a local date some days later, at local midnight', () => {
    expect(new Date(localDateAfter(Date.parse('2025-03-10T08:00:00Z'), 7, 'Europe/Oslo')).toISOString()).toBe('2025-03-16T23:00:00.000Z');
  });
});

const birthdayTrigger = { id: 't', task: { app: 'loyaltylion', handle: 'customer_birthday_today' }, config: {} };
const birthdayGreeting: WorkflowDefinition = {
  trigger: birthdayTrigger,
  steps: [
    {
      id: 'mail',
      kind: 'action',
      task: { app: 'shopify', handle: 'send_internal_email' },
      inputs: { to: 'crm@example.com', subject: 'Birthdays {{ birthday | date: "%Y-%m-%d" }}', body: '-' },
    },
  ],
};

describe('scheduled triggers', () => {
  it('fire at 09:00 in the store’s time zone while the app runs; slots missed while closed are caught up once at start', async () => {
    const dir = tempDir();
    let t = Date.parse('2025-03-10T07:30:00Z'); // 08:30 in Oslo
    const now = () => new Date(t);
    let app = await openRuntimeApp(dir, { now, runtime: { schedulerIntervalMs: 3_600_000 } });
    const org = await orgWithStore(app, ['loyaltylion'], 'Europe/Oslo');
    await workflow(app, org.organizationId, 'Birthdays', birthdayGreeting, [org.storeId]);
    await app.runtime.start();
    const runsNow = async () => (await call(app, 'runs.search', {})).runs;
    expect(await runsNow()).toEqual([]);

    t = Date.parse('2025-03-10T07:59:59Z');
    await app.runtime.tickScheduler();
    expect(await runsNow()).toEqual([]);
    t = Date.parse('2025-03-10T08:00:30Z'); // 09:00:30 in Oslo
    await app.runtime.tickScheduler();
    await app.runtime.tickScheduler();
    const fired = await runsNow();
    expect(fired).toHaveLength(1);
    const run = await call(app, 'runs.get', { runId: fired[0]!.id });
    expect(run.event).toMatchObject({ source: 'schedule', payload: { birthday: '2025-03-09T23:00:00.000Z' } });
    expect((run.steps[0]!.inputs as { properties: { subject: string } }).properties.subject).toBe('Birthdays 2025-03-10');

    // Closed for four days.
    await app.runtime.stop();
    app.close();
    t = Date.parse('2025-03-14T12:00:00Z');
    app = await openRuntimeApp(dir, { now, runtime: { schedulerIntervalMs: 3_600_000 } });
    opened.push(app);
    await app.runtime.start();
    const after = (await call(app, 'runs.search', {})).runs;
    expect(after).toHaveLength(2);
    const caughtUp = await call(app, 'runs.get', { runId: after[0]!.id });
    expect(caughtUp.event.payload).toEqual({ birthday: '2025-03-13T23:00:00.000Z' });
    await app.runtime.tickScheduler();
    expect((await call(app, 'runs.search', {})).runs).toHaveLength(2);
  });

  it('a store without a running workflow on the trigger gets no event', async () => {
    let t = Date.parse('2025-03-10T07:30:00Z');
    const app = await openRuntimeApp(tempDir(), { now: () => new Date(t), runtime: { schedulerIntervalMs: 3_600_000 } });
    opened.push(app);
    const org = await orgWithStore(app, [], 'Europe/Oslo'); // LoyaltyLion not installed: the workflow is blocked
    await workflow(app, org.organizationId, 'Birthdays', birthdayGreeting, [org.storeId]);
    await app.runtime.start();
    t = Date.parse('2025-03-10T08:30:00Z');
    await app.runtime.tickScheduler();
    expect(app.db.prepare('SELECT count(*) AS n FROM trigger_events').get()).toEqual({ n: 0 });
  });
});

describe('the scheduler follows changes between ticks', () => {
  it('a workflow disabled before its slot gets no event; enabled again after a missed slot, it counts from then (no catch-up)', async () => {
    let t = Date.parse('2025-03-10T07:30:00Z'); // 08:30 in Oslo
    const app = await openRuntimeApp(tempDir(), { now: () => new Date(t), runtime: { schedulerIntervalMs: 3_600_000 } });
    opened.push(app);
    const org = await orgWithStore(app, ['loyaltylion'], 'Europe/Oslo');
    const workflowId = await workflow(app, org.organizationId, 'Birthdays', birthdayGreeting, [org.storeId]);
    await app.runtime.start();
    const events = () => app.db.prepare('SELECT count(*) FROM trigger_events').pluck().get();

    await call(app, 'activations.set', { workflowId, storeIds: [org.storeId], enabled: false });
    t = Date.parse('2025-03-10T08:00:30Z'); // 09:00:30 in Oslo: the slot passes while it is disabled
    await app.runtime.tickScheduler();
    expect(events()).toBe(0);

    t = Date.parse('2025-03-10T12:00:00Z');
    await call(app, 'activations.set', { workflowId, storeIds: [org.storeId], enabled: true });
    await app.runtime.tickScheduler();
    expect(events()).toBe(0);

    t = Date.parse('2025-03-11T08:00:30Z'); // the next day's 09:00
    await app.runtime.tickScheduler();
    await app.runtime.tickScheduler();
    expect(events()).toBe(1);
  });
});
