import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { nextOccurrence } from '../../../electron/domain/workflow/occurrences';
import { parseRecurrence } from '../../../electron/domain/workflow/recurrence';
import { validateWorkflow } from '../../../electron/domain/workflow/validate-workflow';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { migrations } from '../../../electron/store/migrations';
import { openTestDatabase } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** A Scheduled time workflow as Flow Admin saved it before: its own `time` and `repeat` keys. */
const legacy = (config: Record<string, string>): WorkflowDefinition => ({
  trigger: { id: 't', task: { app: 'shopify', handle: 'scheduled_time' }, config },
  steps: [
    {
      id: 'mail',
      kind: 'action',
      task: { app: 'shopify', handle: 'send_internal_email' },
      inputs: { to: 'ops@example.com', subject: 'Digest', body: '-' },
    },
  ],
});

const workflows: [string, Record<string, string>][] = [
  ['daily', { time: '14:30', repeat: 'daily', note_from_file: 'kept' }],
  ['weekly', { time: '08:00', repeat: 'weekly' }],
  ['monthly', { time: '06:00', repeat: 'monthly' }],
  ['once', { time: '10:00' }],
  ['unset', { repeat: 'weekly' }],
];

describe('migration 13: the Scheduled time trigger keeps Flow’s recurrence rule instead of time and repeat', () => {
  it('rewrites every version to the rule that runs at the same moments, and the runtime’s marks keep counting', async () => {
    const file = path.join(tempDir(), 'legacy.db');
    const v12 = await openTestDatabase(file, { migrations: migrations.slice(0, 12) });
    v12.db.exec(`
      INSERT INTO organizations VALUES ('o1', 'Nordic Goods', 't', 't');
      INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, created_at, updated_at)
        VALUES ('s1', 'o1', 'Oslo', 'oslo.myshopify.com', 'Europe/Oslo', 1, 't', 't');
    `);
    const version = v12.db.prepare(
      `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by) VALUES (?, 1, ?, '', ?, '2025-03-03T10:00:00.000Z', 'me')`,
    );
    for (const [id, config] of workflows) {
      v12.db
        .prepare(
          `INSERT INTO workflows (id, organization_id, name, description, current_version, published_version, created_at, updated_at) VALUES (?, 'o1', ?, '', 1, 1, 't', 't')`,
        )
        .run(id, id);
      version.run(id, id, JSON.stringify(legacy(config)));
    }
    // The weekly one first ran on Wednesday 5 March at 08:00 in Oslo, the monthly one on 31 January: those
    // fixed its weekday and its day of the month.
    const mark = v12.db.prepare(
      `INSERT INTO scheduled_triggers (store_id, app_id, trigger_handle, workflow_id, last_slot_at, first_slot_at, settings) VALUES ('s1', 'shopify', 'scheduled_time', ?, ?, ?, ?)`,
    );
    mark.run('weekly', Date.parse('2025-03-05T07:00:00Z'), Date.parse('2025-03-05T07:00:00Z'), '08:00 weekly');
    mark.run('monthly', Date.parse('2025-02-28T05:00:00Z'), Date.parse('2025-01-31T05:00:00Z'), '06:00 monthly');
    v12.db.close();

    const { db } = await openTestDatabase(file);
    const stored = new Map(
      (db.prepare('SELECT workflow_id AS id, definition FROM workflow_versions').all() as { id: string; definition: string }[]).map((r) => [
        r.id,
        JSON.parse(r.definition) as WorkflowDefinition,
      ]),
    );
    const marks = db
      .prepare('SELECT workflow_id AS id, last_slot_at AS last, settings FROM scheduled_triggers ORDER BY workflow_id')
      .all() as {
      id: string;
      last: number;
      settings: string;
    }[];
    db.close();

    const config = (id: string) => stored.get(id)!.trigger!.config;
    const rules = (id: string) => JSON.parse(config(id).recurrence!) as string[];
    expect(config('daily')).toEqual({ note_from_file: 'kept', recurrence: expect.any(String) });
    // No TZID: as before, each store's own local time.
    expect(rules('daily')).toEqual(['DTSTART:20250303T143000\nRRULE:FREQ=DAILY;INTERVAL=1;WKST=MO']);
    expect(rules('weekly')).toEqual(['DTSTART:20250305T080000\nRRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=WE;WKST=MO']);
    expect(rules('monthly')).toEqual(['DTSTART:20250131T060000\nRRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;WKST=MO']);
    expect(rules('once')).toEqual(['DTSTART:20250303T100000']);
    expect(rules('unset')).toEqual(['DTSTART:20250303T000000\nRRULE:FREQ=DAILY;INTERVAL=1;WKST=MO']);

    const catalog = loadCatalog();
    for (const [id] of workflows) {
      const problems = validateWorkflow(stored.get(id)!, {
        catalog,
        installedApps: new Set(),
        previousTriggerKey: 'shopify:scheduled_time',
      });
      expect(problems, id).toEqual([]);
    }

    // The marks now name the rules; the next slots are the ones the old settings would have had.
    expect(marks.map((m) => [m.id, m.settings])).toEqual([
      ['monthly', config('monthly').recurrence],
      ['weekly', config('weekly').recurrence],
    ]);
    const next = (id: string) =>
      new Date(
        nextOccurrence(parseRecurrence(config(id).recurrence!).schedules, marks.find((m) => m.id === id)!.last, 'Europe/Oslo'),
      ).toISOString();
    expect(next('weekly')).toBe('2025-03-12T07:00:00.000Z');
    expect(next('monthly')).toBe('2025-03-31T04:00:00.000Z'); // the last day, 06:00 summer time
  });
});
