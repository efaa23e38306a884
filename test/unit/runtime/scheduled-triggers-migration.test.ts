import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { latestSchemaVersion } from '../../../electron/store/migrations';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { openRuntimeApp, orgWithStore, workflow } from './fixture';
import { useOpenedApps } from '../../support/opened-apps';

const tempDir = useTempDir();
const opened = useOpenedApps();

const birthdays: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'loyaltylion', handle: 'customer_birthday_today' }, config: {} },
  steps: [
    {
      id: 'mail',
      kind: 'action',
      task: { app: 'shopify', handle: 'send_internal_email' },
      inputs: { to: 'crm@example.com', subject: 'Birthdays', body: '-' },
    },
  ],
};
/** Daily at 14:30 in each store's own time (no TZID), as Flow stores a schedule. */
const recurrence = JSON.stringify(['DTSTART:20250301T143000\nRRULE:FREQ=DAILY;INTERVAL=1']);
const digest: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'shopify', handle: 'scheduled_time' }, config: { recurrence } },
  steps: [
    {
      id: 'mail',
      kind: 'action',
      task: { app: 'shopify', handle: 'send_internal_email' },
      inputs: { to: 'ops@example.com', subject: 'Digest', body: '-' },
    },
  ],
};

/** The bookkeeping table as schema 4 had it: one row per (store, trigger). */
function backToSchema4(file: string, storeId: string): void {
  const raw = new Database(file);
  raw.exec(`
    DROP TABLE scheduled_triggers;
    CREATE TABLE scheduled_triggers (
      store_id        TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
      app_id          TEXT NOT NULL,
      trigger_handle  TEXT NOT NULL,
      last_slot_at    INTEGER NOT NULL,
      PRIMARY KEY (store_id, app_id, trigger_handle)
    ) STRICT, WITHOUT ROWID;
  `);
  const insert = raw.prepare('INSERT INTO scheduled_triggers VALUES (?, ?, ?, ?)');
  insert.run(storeId, 'loyaltylion', 'customer_birthday_today', Date.parse('2025-03-10T08:00:00Z'));
  insert.run(storeId, 'shopify', 'scheduled_time', Date.parse('2025-03-09T23:00:00Z'));
  raw.pragma('user_version = 4');
  raw.close();
}

describe('migration 5: scheduled-trigger bookkeeping per workflow', () => {
  it('keeps the existing rows, which go on counting: a birthday missed while closed is still caught up once', async () => {
    const dir = tempDir();
    let t = Date.parse('2025-03-10T07:30:00Z');
    const now = () => new Date(t);
    let app = await openRuntimeApp(dir, { now });
    const org = await orgWithStore(app, ['loyaltylion'], 'Europe/Oslo');
    await workflow(app, org.organizationId, 'Birthdays', birthdays, [org.storeId]);
    await workflow(app, org.organizationId, 'Digest', digest, [org.storeId]);
    app.close();
    backToSchema4(path.join(dir, 'flow-admin.db'), org.storeId);

    t = Date.parse('2025-03-14T12:00:00Z'); // four days later, 13:00 in Oslo
    app = await openRuntimeApp(dir, { now });
    opened.push(app);
    expect(app.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    const rows = () =>
      app.db
        .prepare(
          'SELECT app_id, trigger_handle, workflow_id, last_slot_at, first_slot_at, settings FROM scheduled_triggers ORDER BY app_id, trigger_handle',
        )
        .all();
    expect(rows()).toEqual([
      {
        app_id: 'loyaltylion',
        trigger_handle: 'customer_birthday_today',
        workflow_id: '',
        last_slot_at: Date.parse('2025-03-10T08:00:00Z'),
        first_slot_at: null,
        settings: null,
      },
      {
        app_id: 'shopify',
        trigger_handle: 'scheduled_time',
        workflow_id: '',
        last_slot_at: Date.parse('2025-03-09T23:00:00Z'),
        first_slot_at: null,
        settings: null,
      },
    ]);

    await app.runtime.start();
    const runs = (await call(app, 'runs.search', {})).runs;
    expect(runs.map((r) => r.workflowName)).toEqual(['Birthdays']);
    const run = await call(app, 'runs.get', { runId: runs[0]!.id });
    expect(run.event.payload).toEqual({ birthday: '2025-03-13T23:00:00.000Z' });
    // The old store-wide row of the scheduled time gives way to the workflow's own, counted from now.
    const scheduledTime = (rows() as { trigger_handle: string; workflow_id: string; settings: string | null }[]).filter(
      (r) => r.trigger_handle === 'scheduled_time',
    );
    expect(scheduledTime).toHaveLength(1);
    expect(scheduledTime[0]).toMatchObject({ settings: recurrence });
    expect(scheduledTime[0]!.workflow_id).not.toBe('');

    t = Date.parse('2025-03-14T13:30:30Z');
    await app.runtime.tickScheduler();
    expect((await call(app, 'runs.search', {})).runs.map((r) => r.workflowName).sort()).toEqual(['Birthdays', 'Digest']);
  });
});
