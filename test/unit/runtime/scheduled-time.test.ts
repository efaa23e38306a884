import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { openRuntimeApp, orgWithStore, workflow } from './fixture';
import { useOpenedApps } from '../../support/opened-apps';

const tempDir = useTempDir();
const opened = useOpenedApps();

/**
 * Shopify's "Scheduled time" with one schedule as Flow stores it (`recurrence`: a JSON list of DTSTART and
 * RRULE texts) → an internal email whose subject is the slot in the store's time.
 */
function scheduled(start: string, rule?: string): WorkflowDefinition {
  const config = { recurrence: JSON.stringify([rule ? `${start}\nRRULE:${rule}` : start]) };
  return {
    trigger: { id: 'when', task: { app: 'shopify', handle: 'scheduled_time' }, config },
    steps: [
      {
        id: 'mail',
        kind: 'action',
        task: { app: 'shopify', handle: 'send_internal_email' },
        inputs: { to: 'ops@example.com', subject: 'Digest {{ scheduledAt | date: "%Y-%m-%d %H:%M" }}', body: '-' },
      },
    ],
  };
}

interface Clock {
  set(iso: string): void;
  now: () => Date;
}

function clock(iso: string): Clock {
  let t = Date.parse(iso);
  return { set: (next) => void (t = Date.parse(next)), now: () => new Date(t) };
}

async function open(dir: string, c: Clock): Promise<AppContext> {
  const app = await openRuntimeApp(dir, { now: c.now, runtime: { schedulerIntervalMs: 3_600_000 } });
  opened.push(app);
  return app;
}

async function closeApp(app: AppContext): Promise<void> {
  opened.splice(opened.indexOf(app), 1);
  await app.runtime.stop();
  app.close();
}

/** What a user sees in the runs list: which workflow ran in which store, for which local slot. */
async function runs(app: AppContext): Promise<string[]> {
  const found = (await call(app, 'runs.search', {})).runs;
  const seen: string[] = [];
  for (const run of found) {
    const detail = await call(app, 'runs.get', { runId: run.id });
    const subject = (detail.steps[0]!.inputs as { properties: { subject: string } }).properties.subject;
    seen.push(`${run.workflowName} @ ${run.storeName}: ${subject}`);
  }
  return seen.sort();
}

async function tickAt(app: AppContext, c: Clock, iso: string): Promise<void> {
  c.set(iso);
  await app.runtime.tickScheduler();
}

const DAILY = 'FREQ=DAILY;INTERVAL=1';

/** An organization with a store in Oslo and one in New York. */
async function osloAndNewYork(app: AppContext) {
  const org = await orgWithStore(app, [], 'Europe/Oslo');
  const ny = await call(app, 'stores.add', {
    organizationId: org.organizationId,
    name: 'New York',
    domain: 'nordic-goods-ny.myshopify.com',
    timeZone: 'America/New_York',
  });
  return { org, ny };
}

/** Oslo and New York, running "Afternoon" daily at 14:30 in each store's own time (a rule without a zone). */
async function afternoonInOsloAndNewYork(app: AppContext) {
  const { org, ny } = await osloAndNewYork(app);
  const id = await workflow(app, org.organizationId, 'Afternoon', scheduled('DTSTART:20250310T143000', DAILY), [org.storeId, ny.id]);
  return { org, ny, id };
}

describe('Shopify’s scheduled time, per workflow', () => {
  it('a rule without a time zone fires at 14:30 store time in two stores in different time zones, and only it', async () => {
    const c = clock('2025-03-10T12:00:00Z'); // 13:00 in Oslo, 08:00 in New York (already on summer time)
    const app = await open(tempDir(), c);
    const { org, ny } = await osloAndNewYork(app);
    await workflow(app, org.organizationId, 'Afternoon', scheduled('DTSTART:20250310T143000', DAILY), [org.storeId, ny.id]);
    await workflow(app, org.organizationId, 'Morning', scheduled('DTSTART:20250310T090000', DAILY), [org.storeId]);
    await app.runtime.start();

    await tickAt(app, c, '2025-03-10T13:29:59Z');
    expect(await runs(app)).toEqual([]);
    await tickAt(app, c, '2025-03-10T13:30:20Z'); // 14:30:20 in Oslo
    await app.runtime.tickScheduler();
    expect(await runs(app)).toEqual(['Afternoon @ Oslo: Digest 2025-03-10 14:30']);

    await tickAt(app, c, '2025-03-10T18:29:00Z');
    expect(await runs(app)).toHaveLength(1);
    await tickAt(app, c, '2025-03-10T18:30:05Z'); // 14:30:05 in New York
    expect(await runs(app)).toEqual(['Afternoon @ New York: Digest 2025-03-10 14:30', 'Afternoon @ Oslo: Digest 2025-03-10 14:30']);

    await tickAt(app, c, '2025-03-11T08:00:10Z'); // 09:00:10 in Oslo: the other workflow's time
    await tickAt(app, c, '2025-03-11T13:31:00Z');
    await tickAt(app, c, '2025-03-11T18:31:00Z');
    expect(await runs(app)).toEqual([
      'Afternoon @ New York: Digest 2025-03-10 14:30',
      'Afternoon @ New York: Digest 2025-03-11 14:30',
      'Afternoon @ Oslo: Digest 2025-03-10 14:30',
      'Afternoon @ Oslo: Digest 2025-03-11 14:30',
      'Morning @ Oslo: Digest 2025-03-11 09:00',
    ]);
  });

  it('a rule with a time zone (TZID) fires at that zone’s time in every store, as Flow runs it', async () => {
    const c = clock('2025-03-10T12:00:00Z');
    const app = await open(tempDir(), c);
    const { org, ny } = await osloAndNewYork(app);
    const start = 'DTSTART;TZID=America/New_York:20250310T090000';
    await workflow(app, org.organizationId, 'New York morning', scheduled(start, DAILY), [org.storeId, ny.id]);
    await app.runtime.start();
    await tickAt(app, c, '2025-03-10T12:59:00Z');
    expect(await runs(app)).toEqual([]);
    await tickAt(app, c, '2025-03-10T13:00:10Z'); // 09:00 in New York, 14:00 in Oslo
    expect(await runs(app)).toEqual([
      'New York morning @ New York: Digest 2025-03-10 09:00',
      'New York morning @ Oslo: Digest 2025-03-10 14:00',
    ]);
  });

  it('weekly fires again 7 days later, not the next day; without a repeat rule it fires once', async () => {
    const c = clock('2025-03-10T12:00:00Z'); // Monday, 13:00 in Oslo
    const app = await open(tempDir(), c);
    const org = await orgWithStore(app, [], 'Europe/Oslo');
    await workflow(app, org.organizationId, 'Weekly', scheduled('DTSTART:20250310T143000', 'FREQ=WEEKLY;INTERVAL=1'), [org.storeId]);
    await workflow(app, org.organizationId, 'Once', scheduled('DTSTART:20250310T143000'), [org.storeId]);
    await app.runtime.start();

    for (let day = 10; day <= 18; day++) {
      const d = String(day).padStart(2, '0');
      await tickAt(app, c, `2025-03-${d}T00:10:00Z`); // 01:10 in Oslo
      await tickAt(app, c, `2025-03-${d}T13:31:00Z`); // 14:31 in Oslo
    }
    const seen = await runs(app);
    expect(seen.filter((r) => r.startsWith('Weekly'))).toEqual([
      'Weekly @ Oslo: Digest 2025-03-10 14:30',
      'Weekly @ Oslo: Digest 2025-03-17 14:30',
    ]);
    expect(seen.filter((r) => r.startsWith('Once'))).toEqual(['Once @ Oslo: Digest 2025-03-10 14:30']);
  });

  it('monthly on the last day of the month (BYMONTHDAY=-1) fires on the 31st, the 28th, the 31st', async () => {
    const c = clock('2025-01-31T10:00:00Z'); // Friday 31 January, 11:00 in Oslo
    const app = await open(tempDir(), c);
    const org = await orgWithStore(app, [], 'Europe/Oslo');
    await workflow(app, org.organizationId, 'Monthly', scheduled('DTSTART:20250131T143000', 'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1'), [
      org.storeId,
    ]);
    await app.runtime.start();
    for (let day = Date.parse('2025-01-31T13:31:00Z'); day <= Date.parse('2025-04-02T13:31:00Z'); day += 24 * 3_600_000) {
      await tickAt(app, c, new Date(day).toISOString());
    }
    expect(await runs(app)).toEqual([
      'Monthly @ Oslo: Digest 2025-01-31 14:30',
      'Monthly @ Oslo: Digest 2025-02-28 14:30',
      'Monthly @ Oslo: Digest 2025-03-31 14:30',
    ]);
  });

  it('slots missed while closed are caught up once at start, for each workflow; a one-time slot missed fires once', async () => {
    const dir = tempDir();
    const c = clock('2025-03-10T12:00:00Z');
    let app = await open(dir, c);
    const org = await orgWithStore(app, [], 'Europe/Oslo');
    await workflow(app, org.organizationId, 'Daily', scheduled('DTSTART:20250310T143000', DAILY), [org.storeId]);
    await workflow(app, org.organizationId, 'Once', scheduled('DTSTART:20250310T160000'), [org.storeId]);
    await app.runtime.start();
    await tickAt(app, c, '2025-03-10T13:31:00Z');
    expect(await runs(app)).toEqual(['Daily @ Oslo: Digest 2025-03-10 14:30']);

    await closeApp(app); // closed before the one-time 16:00 and for four days
    c.set('2025-03-14T20:00:00Z');
    app = await open(dir, c);
    await app.runtime.start();
    await app.runtime.tickScheduler();
    expect(await runs(app)).toEqual([
      'Daily @ Oslo: Digest 2025-03-10 14:30',
      'Daily @ Oslo: Digest 2025-03-14 14:30',
      'Once @ Oslo: Digest 2025-03-10 16:00',
    ]);

    await closeApp(app);
    c.set('2025-03-15T10:00:00Z');
    app = await open(dir, c);
    await app.runtime.start();
    expect(await runs(app)).toHaveLength(3);
  });

  it('keeps the local time across daylight-saving changes, in both directions', async () => {
    const c = clock('2025-03-28T12:00:00Z');
    const app = await open(tempDir(), c);
    const { org, id } = await afternoonInOsloAndNewYork(app);
    await app.runtime.start();
    const instants = async () => {
      const found = (await call(app, 'runs.search', {})).runs;
      const out: string[] = [];
      for (const run of found)
        out.push(
          `${run.storeName} ${((await call(app, 'runs.get', { runId: run.id })).event.payload as { scheduledAt: string }).scheduledAt}`,
        );
      return out.sort();
    };

    // Oslo: 13:30 UTC on Saturday 29 March, 12:30 UTC on Sunday 30 March (summer time began at 02:00).
    await tickAt(app, c, '2025-03-29T13:30:30Z');
    await tickAt(app, c, '2025-03-30T12:29:00Z');
    const oslo = async () => (await instants()).filter((r) => r.startsWith('Oslo'));
    expect(await oslo()).toEqual(['Oslo 2025-03-29T13:30:00.000Z']);
    await tickAt(app, c, '2025-03-30T12:30:30Z');
    expect(await oslo()).toEqual(['Oslo 2025-03-29T13:30:00.000Z', 'Oslo 2025-03-30T12:30:00.000Z']);

    // New York in the autumn: 18:30 UTC on Saturday 1 November, 19:30 UTC on Sunday 2 November.
    await call(app, 'activations.set', { workflowId: id, storeIds: [org.storeId], enabled: false });
    c.set('2025-11-01T12:00:00Z');
    await app.runtime.tickScheduler();
    await tickAt(app, c, '2025-11-01T18:30:30Z');
    await tickAt(app, c, '2025-11-02T18:31:00Z'); // 13:31 in New York: not yet
    await tickAt(app, c, '2025-11-02T19:30:30Z');
    expect((await instants()).filter((r) => r.startsWith('New York 2025-11'))).toEqual([
      'New York 2025-11-01T18:30:00.000Z',
      'New York 2025-11-02T19:30:00.000Z',
    ]);
  });

  it('a change in one store moves only its pairs: stopped there, the other store still fires; a store moved to another zone fires at its new local time', async () => {
    const c = clock('2025-03-10T12:00:00Z');
    const app = await open(tempDir(), c);
    const { org, ny, id } = await afternoonInOsloAndNewYork(app);
    await app.runtime.start();
    await tickAt(app, c, '2025-03-10T12:01:00Z');
    await call(app, 'activations.set', { workflowId: id, storeIds: [ny.id], enabled: false });
    await tickAt(app, c, '2025-03-10T13:30:20Z'); // 14:30 in Oslo
    await tickAt(app, c, '2025-03-10T18:30:05Z'); // 14:30 in New York, stopped there
    expect(await runs(app)).toEqual(['Afternoon @ Oslo: Digest 2025-03-10 14:30']);

    // The Oslo store moves to Tokyo (another program changing the file counts as much as the API).
    app.db.prepare(`UPDATE stores SET time_zone = 'Asia/Tokyo' WHERE id = ?`).run(org.storeId);
    await tickAt(app, c, '2025-03-10T19:00:00Z');
    await tickAt(app, c, '2025-03-11T05:30:10Z'); // 14:30 in Tokyo
    expect(await runs(app)).toEqual(['Afternoon @ Oslo: Digest 2025-03-10 14:30', 'Afternoon @ Oslo: Digest 2025-03-11 14:30']);
  });

  it('a workflow stopped and started again counts from then; changed settings count from the change', async () => {
    const c = clock('2025-03-10T12:00:00Z');
    const app = await open(tempDir(), c);
    const org = await orgWithStore(app, [], 'Europe/Oslo');
    const id = await workflow(app, org.organizationId, 'Daily', scheduled('DTSTART:20250310T143000', DAILY), [org.storeId]);
    await app.runtime.start();
    await call(app, 'activations.set', { workflowId: id, storeIds: [org.storeId], enabled: false });
    await tickAt(app, c, '2025-03-10T14:00:00Z');
    await call(app, 'activations.set', { workflowId: id, storeIds: [org.storeId], enabled: true });
    await tickAt(app, c, '2025-03-10T14:30:00Z');
    expect(await runs(app)).toEqual([]); // the 14:30 it was stopped over is not caught up

    const saved = await call(app, 'workflows.get', { id });
    await call(app, 'workflows.save', {
      id,
      definition: scheduled('DTSTART:20250310T080000', DAILY),
      expectedVersion: saved.currentVersion,
    });
    // Enabled, so the save is a draft: the new settings count once published.
    await call(app, 'workflows.publish', { id });
    await tickAt(app, c, '2025-03-10T15:00:00Z');
    await tickAt(app, c, '2025-03-11T07:00:30Z');
    expect(await runs(app)).toEqual(['Daily @ Oslo: Digest 2025-03-11 08:00']);
  });
});
