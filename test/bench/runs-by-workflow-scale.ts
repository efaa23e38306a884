/**
 * The lagging index by workflow (migration 18) at 1,000,000 runs, beside what it replaces, on copies of one file:
 *   - the upgrade: migration 18 on a schema-17 file (its index filled from every run, runs_by_workflow dropped, the
 *     foreign key edited out) beside a rebuild of `runs` without the foreign key (what the edit avoids);
 *   - the Runs screen's workflow filter (RunStore.search, a page of 51 within the organization), median of 7, with
 *     0 and TAIL runs above the index's mark, beside the same query on the schema-17 copy (runs_by_workflow);
 *   - a workflow's deletion (its runs with it): ours by the index, schema 17's cascade by runs_by_workflow, and
 *     what a cascade costs with neither (why the foreign key goes).
 *   npx tsx test/bench/runs-by-workflow-scale.ts [runs] [tail]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../electron/store/open-database';
import { migrations } from '../../electron/store/migrations';
import { migration018 } from '../../electron/store/migrations/018-runs-by-workflow-lagging';
import { RunStore, type RunSearch } from '../../electron/store/run-store';
import { WorkflowStore } from '../../electron/store/workflow-store';
import { insertBenchOrganization } from './bench-organization-rows';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const ms = (t: number) => `${(performance.now() - t).toFixed(1)} ms`;

async function main(): Promise<void> {
  const totalRuns = Number(process.argv[2] ?? 1_000_000);
  const tail = Number(process.argv[3] ?? 20_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-runs-by-workflow-'));
  const file = (name: string) => path.join(dir, name);
  const before = migrations.filter((m) => m.version <= 17);
  const { db } = await openDatabase(file('before.db'), { migrations: before });
  const at = '2026-01-01T00:00:00.000Z';
  const org = `org-${'0'.repeat(32)}`;
  const stores = Array.from({ length: 100 }, (_, i) => `store-${String(i).padStart(30, '0')}`);
  const workflows = Array.from({ length: 2_000 }, (_, i) => `workflow-${String(i).padStart(27, '0')}`);
  let t = performance.now();
  const fill = (from: number, to: number) =>
    db.transaction(() => {
      const event = db.prepare(
        `INSERT INTO trigger_events (id, store_id, app_id, trigger_handle, source, payload, received_at) VALUES (?, ?, 'klaviyo', 'x', 'app', '{}', ?)`,
      );
      const run = db.prepare(
        `INSERT INTO runs (id, workflow_id, workflow_version, store_id, event_id, status, started_at, organization_id) VALUES (?, ?, 1, ?, ?, 'succeeded_with_actions', ?, ?)`,
      );
      const t0 = Date.parse(at);
      for (let i = from; i < to; i += 2) {
        const id = `event-${String(i).padStart(9, '0')}`;
        const storeId = stores[(i * 7919) % stores.length]!;
        const time = new Date(t0 + i * 100).toISOString();
        event.run(id, storeId, time);
        for (let k = 0; k < 2 && i + k < to; k++)
          run.run(`${id}-${k}`, workflows[((i + k) * 104729) % workflows.length]!, storeId, id, time, org);
      }
    })();
  db.transaction(() => {
    insertBenchOrganization(db, org, stores, workflows, at);
  })();
  fill(0, totalRuns - tail);
  db.exec('ANALYZE');
  db.close();
  console.log(
    `${totalRuns - tail} runs at schema 17 filled in ${ms(t)}; file ${(fs.statSync(file('before.db')).size / 1e6).toFixed(0)} MB`,
  );
  for (const name of ['ours.db', 'rebuild.db', 'bare.db', 'open.db']) fs.copyFileSync(file('before.db'), file(name));

  const ours = new Database(file('ours.db'));
  ours.pragma('foreign_keys = ON');
  t = performance.now();
  ours.transaction(() => migration018.up(ours))();
  console.log(`migration 18 alone (its index filled from every run, runs_by_workflow dropped, the foreign key edited out): ${ms(t)}`);
  ours.pragma('user_version = 18');
  t = performance.now();
  (await openDatabase(file('open.db'))).db.close();
  console.log(`the whole upgrade at open (quick_check, the backup copy of the file, migration 18): ${ms(t)}`);

  const rebuild = new Database(file('rebuild.db'));
  t = performance.now();
  rebuild.pragma('foreign_keys = OFF');
  rebuild.transaction(() => {
    const sql = rebuild.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'runs'`).pluck().get() as string;
    const indexes = rebuild
      .prepare(`SELECT sql FROM sqlite_schema WHERE tbl_name = 'runs' AND type = 'index' AND sql IS NOT NULL`)
      .pluck()
      .all() as string[];
    rebuild.exec(sql.replace('CREATE TABLE runs', 'CREATE TABLE runs_new').replace(/REFERENCES workflows \(id\) ON DELETE CASCADE/, ''));
    rebuild.exec(`INSERT INTO runs_new SELECT * FROM runs; DROP TABLE runs; ALTER TABLE runs_new RENAME TO runs;`);
    for (const index of indexes) if (!index.includes('runs_by_workflow')) rebuild.exec(index);
  })();
  console.log(`for comparison, a rebuild of runs without the foreign key (copy, indexes again): ${ms(t)}`);
  rebuild.close();

  // The runs recorded since the index was last filled (the tail), on both sides, in commits of 48 runs as the intake
  // writes them (32 events a commit, 1.5 runs each), the two sides alternated commit by commit and timed: the
  // difference is what runs_by_workflow costs on the intake's path, to set beside the pass that replaces it.
  const old = new Database(file('before.db'));
  old.pragma('foreign_keys = ON');
  const writers = [ours, old].map((target) => {
    const stmt = target.prepare(
      `INSERT INTO runs (id, workflow_id, workflow_version, store_id, event_id, status, started_at, organization_id) VALUES (?, ?, 1, ?, ?, 'succeeded_with_actions', ?, ?)`,
    );
    const event = target.prepare(
      `INSERT INTO trigger_events (id, store_id, app_id, trigger_handle, source, payload, received_at) VALUES (?, ?, 'klaviyo', 'x', 'app', '{}', ?)`,
    );
    return target.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 2) {
        const id = `event-${String(i).padStart(9, '0')}`;
        const storeId = stores[(i * 7919) % stores.length]!;
        const time = new Date(Date.parse(at) + i * 100).toISOString();
        event.run(id, storeId, time);
        for (let k = 0; k < 2; k++) stmt.run(`${id}-${k}`, workflows[((i + k) * 104729) % workflows.length]!, storeId, id, time, org);
      }
    });
  });
  const spent = [0, 0];
  for (let from = totalRuns - tail; from < totalRuns; from += 48) {
    writers.forEach((write, side) => {
      const c0 = process.cpuUsage();
      write(from, Math.min(totalRuns, from + 48));
      const c = process.cpuUsage(c0);
      spent[side] = spent[side]! + (c.user + c.system) / 1000;
    });
  }
  console.log(
    `the ${tail} runs above the mark, recorded in commits of 48 runs: ours ${spent[0]!.toFixed(0)} ms CPU, schema 17 (runs_by_workflow) ${spent[1]!.toFixed(0)} ms: the index costs ${(spent[1]! - spent[0]!).toFixed(0)} ms on the intake's path`,
  );
  const runsOurs = new RunStore(ours);
  // Schema 17's RunStore.search for a workflow filter (its statement as main prepares it).
  const runsOld = {
    search: (q: { organizationId?: string; workflowId?: string; limit: number; statuses?: string[] }) =>
      old
        .prepare(
          `SELECT r.id, r.started_at AS startedAt, w.name AS workflowName, s.name AS storeName, e.app_id AS appId FROM runs r
           JOIN workflows w ON w.id = r.workflow_id JOIN stores s ON s.id = r.store_id JOIN trigger_events e ON e.id = r.event_id
           WHERE r.organization_id = ? AND r.workflow_id = ? ${q.statuses ? 'AND r.status IN (?)' : ''} ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
        )
        .all(q.organizationId, q.workflowId, ...(q.statuses ?? []), q.limit),
  };
  const search = (
    store: { search: (q: RunSearch) => unknown[] },
    workflowId: string,
    statuses?: ('has_errors' | 'succeeded_with_actions')[],
  ) => {
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 8; i++) {
      const s = performance.now();
      n = store.search({ organizationId: org, workflowId, limit: 51, ...(statuses ? { statuses } : {}) }).length;
      if (i > 0) times.push(performance.now() - s);
    }
    return `${median(times).toFixed(2)} ms (${n})`;
  };
  for (const [label, statuses] of [
    ['a page of a workflow', undefined],
    ['a status nobody has (every run of the workflow looked at)', ['has_errors'] as 'has_errors'[]],
  ] as const) {
    console.log(
      `workflow filter, ${label}, ${tail} runs above the mark: ours ${search(runsOurs, workflows[7]!, statuses)}; schema 17 ${search(runsOld, workflows[7]!, statuses)}`,
    );
  }
  t = performance.now();
  const c0 = process.cpuUsage();
  const indexed = ours.transaction(() => runsOurs.indexRuns(1_000_000))();
  const c = process.cpuUsage(c0);
  console.log(`the ${indexed} runs above the mark indexed in one pass: ${ms(t)}, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU`);
  console.log(
    `workflow filter, a page, 0 above the mark: ours ${search(runsOurs, workflows[8]!)}; schema 17 ${search(runsOld, workflows[8]!)}`,
  );

  // Retention's purge: the oldest 2,000 events (~4,000 runs) in one transaction, as RunStore.purgeChunk does; ours
  // also fires the trigger that takes each run's entry out of the lagging index and looks at the mark.
  const purge = (target: Database.Database) => {
    const c0 = process.cpuUsage();
    target
      .prepare(`DELETE FROM trigger_events WHERE id IN (SELECT id FROM trigger_events WHERE received_at < ? LIMIT 2000)`)
      .run('2099-01-01');
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const purges: number[][] = [[], []];
  for (let i = 0; i < 3; i++) [ours, old].forEach((target, side) => purges[side]!.push(purge(target)));
  console.log(
    `retention's purge of 2,000 events (~4,000 runs), CPU, 3 times alternated: ours ${purges[0]!.map((v) => v.toFixed(0)).join(', ')} ms; schema 17 ${purges[1]!.map((v) => v.toFixed(0)).join(', ')} ms`,
  );
  const workflowsOurs = new WorkflowStore(ours);
  t = performance.now();
  ours.transaction(() => workflowsOurs.delete(workflows[9]!))();
  console.log(`a workflow's deletion with its ~${Math.round(totalRuns / 2000)} runs: ours ${ms(t)}`);
  old.pragma('foreign_keys = ON');
  t = performance.now();
  old.prepare(`DELETE FROM workflows WHERE id = ?`).run(workflows[9]!);
  console.log(`  schema 17 (cascade by runs_by_workflow): ${ms(t)}`);
  const bare = new Database(file('bare.db'));
  bare.pragma('foreign_keys = ON');
  bare.exec(`DROP INDEX runs_by_workflow`);
  t = performance.now();
  bare.prepare(`DELETE FROM workflows WHERE id = ?`).run(workflows[9]!);
  console.log(`  the foreign key's cascade without an index (each deleted workflow scans every run): ${ms(t)}`);
  for (const d of [ours, old, bare]) d.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
