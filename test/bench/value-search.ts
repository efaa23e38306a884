/**
 * The Runs screen's search by a value of the trigger data at 1,000,000 runs (issue 10: < 50 ms): ours (the
 * full-text terms of migration 16, RunStore.search) beside the earlier table (trigger_event_values, a B-tree by
 * value, NOCASE) filled with the same values in the same file, alternated, median of 7 each.
 * 200,000 events of 5 runs each; every event has 5 values: its order id, its number, its customer's email (one of
 * 5,000 customers: ~40 events each) and two more.
 *   npx tsx test/bench/value-search.ts [runs]
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext } from '../../electron/app-context';
import { insertBenchOrganization } from './bench-organization-rows';

const percentile = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.floor(((v.length - 1) * p) / 100)]!;

async function main(): Promise<void> {
  const totalRuns = Number(process.argv[2] ?? 1_000_000);
  const runsPerEvent = 5;
  const events = totalRuns / runsPerEvent;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-value-search-'));
  const app = await openAppContext({ databasePath: path.join(dir, 'bench.db'), userName: 'bench', runtime: { log: () => {} } });
  const { db } = app;
  const runs = app.runtime.runs;
  const at = '2026-01-01T00:00:00.000Z';
  const org = randomUUID();
  const stores = Array.from({ length: 100 }, () => randomUUID());
  const workflows = Array.from({ length: 50 }, () => randomUUID());
  const started = performance.now();
  db.transaction(() => {
    insertBenchOrganization(db, org, stores, workflows, at);
    db.exec(`CREATE TABLE trigger_event_values (
        value TEXT NOT NULL COLLATE NOCASE, event_id TEXT NOT NULL REFERENCES trigger_events (id) ON DELETE CASCADE,
        PRIMARY KEY (value, event_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX trigger_event_values_by_event ON trigger_event_values (event_id);`);
    const event = db.prepare(
      `INSERT INTO trigger_events (id, store_id, app_id, trigger_handle, source, payload, received_at) VALUES (?, ?, 'shopify', 'order_created', 'app', '{}', ?)`,
    );
    const run = db.prepare(
      `INSERT INTO runs (id, workflow_id, workflow_version, store_id, event_id, status, started_at, organization_id) VALUES (?, ?, 1, ?, ?, 'succeeded_with_actions', ?, ?)`,
    );
    const oldValue = db.prepare(`INSERT OR IGNORE INTO trigger_event_values (value, event_id) VALUES (?, ?)`);
    const t0 = Date.parse(at);
    for (let i = 0; i < events; i++) {
      const id = `event-${String(i).padStart(9, '0')}`;
      const storeId = stores[i % stores.length]!;
      const time = new Date(t0 + i * 1000).toISOString();
      const rowid = Number(event.run(id, storeId, time).lastInsertRowid);
      for (let k = 0; k < runsPerEvent; k++) run.run(`${id}-run-${k}`, workflows[(i + k) % workflows.length]!, storeId, id, time, org);
      const values = [
        `gid://shopify/Order/${100000 + i}`,
        String(100000 + i),
        `customer${i % 5000}@example.com`,
        `SKU-${i % 977}`,
        `#${i}`,
      ];
      runs.insertEventValues(rowid, values);
      for (const v of values) oldValue.run(v, id);
    }
  })();
  db.exec('ANALYZE');
  console.log(`${events} events, ${totalRuns} runs filled in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const before = db.prepare(
    `SELECT r.id FROM runs r JOIN workflows w ON w.id = r.workflow_id JOIN stores s ON s.id = r.store_id JOIN trigger_events e ON e.id = r.event_id
     JOIN trigger_event_values v ON v.event_id = r.event_id AND v.value = ? WHERE r.organization_id = ? ORDER BY r.started_at DESC, r.id DESC LIMIT 51`,
  );
  const cases: [string, string][] = [
    ['an order number (1 event, 5 runs)', '123456'],
    ['a customer email in another case (~40 events, 200 runs)', 'Customer77@Example.com'],
    ['a SKU (~205 events, 1,025 runs)', 'sku-12'],
    ['a value no event has', 'nobody@example.com'],
  ];
  for (const [label, value] of cases) {
    const ours: number[] = [];
    const theirs: number[] = [];
    const n = [0, 0];
    for (let i = 0; i < 8; i++) {
      let t = performance.now();
      n[0] = runs.search({ organizationId: org, dataValue: value, limit: 51 }).length;
      if (i > 0) ours.push(performance.now() - t);
      t = performance.now();
      n[1] = before.all(value, org).length;
      if (i > 0) theirs.push(performance.now() - t);
    }
    console.log(
      `${label}: ours ${percentile(ours, 50).toFixed(2)} ms (${n[0]} runs), the earlier table ${percentile(theirs, 50).toFixed(2)} ms (${n[1]} runs)`,
    );
  }
  const size = (name: string) => (db.prepare(`SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?`).pluck().get(name) as number) / 1024 / 1024;
  console.log(
    `size: terms ${size('trigger_event_terms%').toFixed(1)} MB, the earlier table and its index ${size('trigger_event_values%').toFixed(1)} MB`,
  );
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
