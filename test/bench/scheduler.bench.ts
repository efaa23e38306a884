/**
 * The scheduler's tick at 1,000 stores (issue 10, item 2), ours beside the earlier way measured alternately
 * in the same run (heap, re-read, heap, re-read, ...):
 * - heap (ours): Scheduler.tick through the group commit; the running pairs' due slots are kept in a heap,
 *   followed when the routing generation moves;
 * - re-read (before): the same transaction doing what each tick did before: read every schedule mark and
 *   look at every (store, scheduled trigger) and every "Scheduled time" workflow in each store's time zone.
 * Both with nothing due (the common minute), once steady and once right after a route change (one
 * activation toggled, so the routing snapshot is built again for both). A fixed clock keeps slots from
 * falling due mid-run.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext, type AppContext } from '../../electron/app-context';
import { loadCatalog } from '../../electron/domain/catalog/load-catalog';
import { latestOccurrence } from '../../electron/domain/workflow/occurrences';
import { isScheduledTimeTrigger, scheduledTimeSchedules } from '../../electron/domain/workflow/scheduled-time';
import type { WorkflowDefinition } from '../../electron/domain/workflow/workflow-definition';
import { latestSlot, localTime } from '../../electron/runtime/schedule-slots';
import { ScheduleStore } from '../../electron/store/schedule-store';

const STORES = 1_000;
const ZONES = ['Europe/Oslo', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'UTC', 'America/Los_Angeles'];
const NOW = Date.parse('2026-01-15T03:17:00Z');
const catalog = loadCatalog();

const mail = { id: 'mail', kind: 'action' as const, task: { app: 'shopify', handle: 'send_internal_email' } };
const birthday = (handle: string): WorkflowDefinition => ({
  trigger: { id: 't', task: { app: 'loyaltylion', handle }, config: {} },
  steps: [{ ...mail, inputs: { to: 'crm@example.com', subject: 'Birthday {{ customer_email }}', body: '-' } }],
});
/** A "Scheduled time" rule as Flow stores it, starting on the bench's day, in each store's own zone (no TZID). */
const ownTime = (time: string, rule: string): WorkflowDefinition => ({
  trigger: {
    id: 't',
    task: { app: 'shopify', handle: 'scheduled_time' },
    config: { recurrence: JSON.stringify([`DTSTART:20260101T${time.replace(':', '')}00${rule ? `\nRRULE:${rule}` : ''}`]) },
  },
  steps: [{ ...mail, inputs: { to: 'ops@example.com', subject: 'Report', body: '-' } }],
});

/** 1,000 stores in six time zones, LoyaltyLion set up everywhere; 2 birthday and 4 "Scheduled time" workflows running in every store. */
async function seed(dir: string): Promise<{ app: AppContext; firstWorkflow: string; stores: string[] }> {
  const app = await openAppContext({ databasePath: path.join(dir, 'scheduler.db'), userName: 'bench', now: () => new Date(NOW) });
  const db = app.db;
  const at = new Date(NOW).toISOString();
  const orgId = randomUUID();
  const stores = Array.from({ length: STORES }, () => randomUUID());
  const workflows: [string, WorkflowDefinition][] = [
    ['Birthday today', birthday('customer_birthday_today')],
    ['Birthday in 7 days', birthday('customer_birthday_in_7_days')],
    ['Daily report', ownTime('14:30', 'FREQ=DAILY;INTERVAL=1')],
    ['Weekly report', ownTime('08:00', 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO')],
    ['Monthly report', ownTime('06:00', 'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1')],
    ['Launch', ownTime('10:00', '')],
  ];
  const ids: string[] = [];
  db.transaction(() => {
    db.prepare(`INSERT INTO organizations VALUES (?, 'Scheduler bench', ?, ?)`).run(orgId, at, at);
    const store = db.prepare(
      `INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    const install = db.prepare(`INSERT INTO installations (store_id, app_id, installed_at, setup_done) VALUES (?, 'loyaltylion', ?, ?)`);
    const setup = JSON.stringify(catalog.app('loyaltylion')!.setup.map((x) => x.key));
    stores.forEach((id, i) => {
      store.run(id, orgId, `Store ${i}`, `sched-${i}.myshopify.com`, ZONES[i % ZONES.length], at, at);
      install.run(id, at, setup);
    });
    const workflow = db.prepare(
      `INSERT INTO workflows (id, organization_id, name, current_version, published_version, created_at, updated_at) VALUES (?, ?, ?, 1, 1, ?, ?)`,
    );
    const version = db.prepare(
      `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by) VALUES (?, 1, ?, '', ?, ?, 'bench')`,
    );
    const activation = db.prepare(`INSERT INTO activations (workflow_id, store_id, enabled, updated_at) VALUES (?, ?, 1, ?)`);
    for (const [name, definition] of workflows) {
      const id = randomUUID();
      ids.push(id);
      workflow.run(id, orgId, name, at, at);
      version.run(id, name, JSON.stringify(definition), at);
      for (const s of stores) activation.run(id, s, at);
    }
  })();
  return { app, firstWorkflow: ids[0]!, stores };
}

/** What each tick did before the heap, read-only (nothing is due at the bench's clock): how many it would fire. */
function rereadTick(app: AppContext, schedules: ScheduleStore): number {
  const scheduled = catalog.apps.flatMap((a) =>
    a.triggers.filter((t) => t.schedule && !t.deprecated).map((trigger) => ({ appId: a.id, trigger, schedule: trigger.schedule! })),
  );
  const snapshot = app.runtime.routing.current();
  const key = (m: { storeId: string; appId: string; triggerHandle: string; workflowId: string }) =>
    `${m.storeId}|${m.appId}|${m.triggerHandle}|${m.workflowId}`;
  const marks = new Map(schedules.all().map((m) => [key(m), m]));
  let due = 0;
  for (const store of snapshot.stores.values()) {
    if (!store.flowInstalled) continue;
    localTime(NOW, store.timeZone);
    for (const { appId, trigger, schedule } of scheduled) {
      const where = { storeId: store.id, appId, triggerHandle: trigger.handle };
      if (!isScheduledTimeTrigger({ app: appId, handle: trigger.handle })) {
        const slot = latestSlot(NOW, schedule.at, store.timeZone);
        const last = marks.get(key({ ...where, workflowId: '' }))?.lastSlotAt;
        // First seen (the old tick marked it here and fired nothing), or nothing new since the last slot.
        if (last === undefined || slot <= last) continue;
        if (snapshot.running(store.id, appId, trigger.handle).length > 0) due++;
        continue;
      }
      for (const workflow of snapshot.running(store.id, appId, trigger.handle)) {
        const own = scheduledTimeSchedules(workflow.compiled.triggerConfig);
        const mark = marks.get(key({ ...where, workflowId: workflow.workflowId }));
        if (!mark || mark.settings !== own.text) continue;
        const slot = latestOccurrence(own.schedules, NOW, store.timeZone);
        if (slot !== null && slot > mark.lastSlotAt) due++;
      }
    }
  }
  return due;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timed(work: () => Promise<number>): Promise<number> {
  const t = performance.now();
  const fired = await work();
  if (fired !== 0) throw new Error(`the bench's clock should leave nothing due, ${fired} fired`);
  return performance.now() - t;
}

export async function printSchedulerBench(options: { iterations?: number } = {}): Promise<void> {
  const iterations = options.iterations ?? 9;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-scheduler-bench-'));
  const { app, firstWorkflow, stores } = await seed(dir);
  try {
    const schedules = new ScheduleStore(app.db);
    const heap = () => app.runtime.tickScheduler();
    const reread = () => app.runtime.commit.run(() => rereadTick(app, schedules));
    // The first tick sees every pair for the first time: each counts from now (marks written), nothing fires.
    const first = performance.now();
    await app.runtime.tickScheduler();
    const firstMs = performance.now() - first;
    const pairs = app.db.prepare(`SELECT count(*) FROM scheduled_triggers`).pluck().get() as number;
    const toggle = (n: number) =>
      app.db.prepare(`UPDATE activations SET enabled = ? WHERE workflow_id = ? AND store_id = ?`).run(n % 2, firstWorkflow, stores[0]);
    const steady = { heap: [] as number[], reread: [] as number[] };
    const changed = { heap: [] as number[], reread: [] as number[] };
    for (let i = 0; i < iterations + 1; i++) {
      // Steady: the heap has followed the last change (a tick, not timed), so both see an unchanged generation.
      await timed(heap);
      const h = await timed(heap);
      const r = await timed(reread);
      // After a change: routing builds its snapshot again in both; the heap then syncs the running pairs.
      toggle(2 * i);
      const hc = await timed(heap);
      toggle(2 * i + 1);
      const rc = await timed(reread);
      if (i === 0) continue; // warm-up
      steady.heap.push(h);
      steady.reread.push(r);
      changed.heap.push(hc);
      changed.reread.push(rc);
    }
    const ms = (v: number[]) => `${median(v).toFixed(2)} ms`;
    console.log(
      `${STORES.toLocaleString('en-US')} stores in ${ZONES.length} time zones, ${pairs.toLocaleString('en-US')} running scheduled pairs (first tick, marks written: ${firstMs.toFixed(0)} ms)`,
    );
    console.log(
      `tick, nothing changed (median of ${iterations}, alternated): heap ${ms(steady.heap)} vs re-read every mark ${ms(steady.reread)} (${(median(steady.reread) / median(steady.heap)).toFixed(0)}×)`,
    );
    console.log(
      `tick after a route change (median of ${iterations}, alternated): heap ${ms(changed.heap)} vs re-read ${ms(changed.reread)}`,
    );
  } finally {
    app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
