/**
 * The lagging indexes by store (migration 19) at 1,000,000 runs over 1,000 stores, beside schema 18 (runs_by_store,
 * trigger_events_by_store, the foreign keys to stores), on copies of one file:
 *   - the upgrade: migration 19 alone on a schema-18 file (both indexes filled, two indexes dropped, two foreign keys
 *     edited out);
 *   - what the two indexes cost on the intake's path: TAIL runs recorded in commits of 48 runs (32 events), the two
 *     sides alternated commit by commit, CPU;
 *   - the Runs screen's store filter (RunStore.search, a page of 51 within the organization; and a status nobody has,
 *     which reads every run of the store), median of 7, with TAIL and then 0 runs above the mark, beside schema 18's
 *     statement (by runs_by_store);
 *   - a store's deletion with its ~1,000 runs and ~500 events: ours (StoreStore.delete: its history queued, migration
 *     20) and then the runtime's purge of it (HistoryPurgeStore.purgeChunk, a transaction per chunk), beside migration
 *     19's deletion in the deletion's transaction (by the lagging indexes and the rows above their marks, on a copy of
 *     the same file) and schema 18's cascades (by the two indexes);
 *   - an organization's deletion (every run): ours queued, then purged chunk by chunk (each chunk's time: what the
 *     intake waits for at most), beside migration 19's in the deletion's transaction (by runs_by_organization and the
 *     events' index).
 *   npx tsx test/bench/runs-by-store-scale.ts [runs] [tail] [purge chunk]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../electron/store/open-database';
import { migrations } from '../../electron/store/migrations';
import { migration018 } from '../../electron/store/migrations/018-runs-by-workflow-lagging';
import { migration019 } from '../../electron/store/migrations/019-store-indexes-lagging';
import { migration020 } from '../../electron/store/migrations/020-history-purges';
import { HISTORY_PURGE_CHUNK } from '../../electron/runtime/history-purge';
import { HistoryPurgeStore } from '../../electron/store/history-purge-store';
import { OrganizationStore } from '../../electron/store/organization-store';
import { RunStore, type RunSearch, type RunStatus } from '../../electron/store/run-store';
import { StoreStore } from '../../electron/store/store-store';
import { insertBenchOrganization } from './bench-organization-rows';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const since = (t: number) => performance.now() - t;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

async function main(): Promise<void> {
  const totalRuns = Number(process.argv[2] ?? 1_000_000);
  const tail = Number(process.argv[3] ?? 20_000);
  const chunk = Number(process.argv[4] ?? HISTORY_PURGE_CHUNK);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-runs-by-store-'));
  const file = (name: string) => path.join(dir, name);
  const { db } = await openDatabase(file('before.db'), { migrations: migrations.filter((m) => m.version <= 18) });
  const at = '2026-01-01T00:00:00.000Z';
  const org = `org-${'0'.repeat(32)}`;
  const stores = Array.from({ length: 1_000 }, (_, i) => `store-${String(i).padStart(30, '0')}`);
  const workflows = Array.from({ length: 2_000 }, (_, i) => `workflow-${String(i).padStart(27, '0')}`);
  /** Events of 2 runs each, a store and workflows spread evenly, 100 ms apart, as the runtime writes them. */
  const writer = (target: Database.Database) => {
    const event = target.prepare(
      `INSERT INTO trigger_events (id, store_id, app_id, trigger_handle, source, payload, received_at) VALUES (?, ?, 'klaviyo', 'x', 'app', '{}', ?)`,
    );
    const run = target.prepare(
      `INSERT INTO runs (id, workflow_id, workflow_version, store_id, event_id, status, started_at, organization_id) VALUES (?, ?, 1, ?, ?, 'succeeded_with_actions', ?, ?)`,
    );
    return target.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 2) {
        const id = `event-${String(i).padStart(9, '0')}`;
        const storeId = stores[((i / 2) * 7919) % stores.length]!;
        const time = new Date(Date.parse(at) + i * 100).toISOString();
        event.run(id, storeId, time);
        for (let k = 0; k < 2 && i + k < to; k++)
          run.run(`${id}-${k}`, workflows[((i + k) * 104729) % workflows.length]!, storeId, id, time, org);
      }
    });
  };
  let t = performance.now();
  db.transaction(() => insertBenchOrganization(db, org, stores, workflows, at))();
  writer(db)(0, totalRuns - tail);
  // The runs' lagging index by workflow filled up to the last run, as schema 18's runtime keeps it (migration 18 does that).
  db.transaction(() => migration018.up(db))();
  db.exec('ANALYZE');
  db.close();
  console.log(
    `${totalRuns - tail} runs at schema 18 filled in ${since(t).toFixed(0)} ms; file ${(fs.statSync(file('before.db')).size / 1e6).toFixed(0)} MB`,
  );
  fs.copyFileSync(file('before.db'), file('ours.db'));

  const ours = new Database(file('ours.db'));
  ours.pragma('foreign_keys = ON');
  t = performance.now();
  ours.transaction(() => migration019.up(ours))();
  console.log(
    `migration 19 alone (both indexes by store filled, runs_by_store and trigger_events_by_store dropped, two foreign keys edited out): ${since(t).toFixed(0)} ms`,
  );
  ours.pragma('user_version = 19');
  // Migration 20 (the queue of deleted stores' history; the Runs screen's reads look at it).
  ours.transaction(() => migration020.up(ours))();
  ours.pragma('user_version = 20');
  const old = new Database(file('before.db'));
  old.pragma('foreign_keys = ON');

  const writers = [ours, old].map(writer);
  const spent = [0, 0];
  for (let from = totalRuns - tail; from < totalRuns; from += 48) {
    writers.forEach((write, side) => {
      const c0 = process.cpuUsage();
      write(from, Math.min(totalRuns, from + 48));
      spent[side] = spent[side]! + cpuMs(process.cpuUsage(c0));
    });
  }
  console.log(
    `the ${tail} runs above the mark, recorded in commits of 48 runs: ours ${spent[0]!.toFixed(0)} ms CPU, schema 18 ${spent[1]!.toFixed(0)} ms: the two indexes by store cost ${(spent[1]! - spent[0]!).toFixed(0)} ms on the intake's path`,
  );

  const runsOurs = new RunStore(ours);
  // Schema 18's RunStore.search for a store filter (its statement as main prepares it: runs_by_store).
  const oldSearch = (statuses: boolean) =>
    old.prepare(
      `SELECT r.id, r.started_at AS startedAt, w.name AS workflowName, s.name AS storeName, e.app_id AS appId FROM runs r
       JOIN workflows w ON w.id = r.workflow_id JOIN stores s ON s.id = r.store_id JOIN trigger_events e ON e.id = r.event_id
       WHERE r.organization_id = ? AND r.store_id = ? ${statuses ? 'AND r.status IN (?)' : ''} ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
    );
  const runsOld = {
    search: (q: RunSearch) => oldSearch(q.statuses !== undefined).all(q.organizationId, q.storeId, ...(q.statuses ?? []), q.limit),
  };
  const search = (store: { search: (q: RunSearch) => unknown[] }, storeId: string, statuses?: RunStatus[]) => {
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 8; i++) {
      const s = performance.now();
      n = store.search({ organizationId: org, storeId, limit: 51, ...(statuses ? { statuses } : {}) }).length;
      if (i > 0) times.push(since(s));
    }
    return `${median(times).toFixed(2)} ms (${n})`;
  };
  const filters = (label: string, storeId: string) => {
    for (const [what, statuses] of [
      ['a page of a store', undefined],
      ['a status nobody has (every run of the store looked at)', ['has_errors'] as RunStatus[]],
    ] as const) {
      console.log(
        `store filter, ${what}, ${label}: ours ${search(runsOurs, storeId, statuses)}; schema 18 ${search(runsOld, storeId, statuses)}`,
      );
    }
  };
  filters(`${tail} runs above the mark`, stores[7]!);
  t = performance.now();
  const c0 = process.cpuUsage();
  const indexed = ours.transaction(() => runsOurs.indexRuns(1_000_000))();
  console.log(
    `the ${indexed} runs above the mark (and their events) indexed in one pass: ${since(t).toFixed(0)} ms, ${cpuMs(process.cpuUsage(c0)).toFixed(0)} ms CPU`,
  );
  filters('0 above the mark', stores[8]!);

  // Migration 19's deletion in the deletion's transaction (main before migration 20), on a copy of the same file.
  fs.copyFileSync(file('ours.db'), file('inline.db'));
  const inline = new Database(file('inline.db'));
  inline.pragma('foreign_keys = ON');
  inline.exec(`DROP TRIGGER history_purges_below_top_run; DROP TRIGGER history_purges_below_top_event; DROP TABLE history_purges`);
  const storesOurs = new StoreStore(ours);
  const purges = new HistoryPurgeStore(ours);
  const purgeChunk = ours.transaction(() => purges.purgeChunk(chunk));
  /** The runtime's purge of what is queued, a transaction per chunk: each chunk's time and the total. */
  const purge = () => {
    const times: number[] = [];
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (;;) {
      const s = performance.now();
      if (purgeChunk() === null) break;
      times.push(since(s));
    }
    const total = since(t0);
    const sorted = [...times].sort((x, y) => x - y);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
    return `${times.length} chunks of ${chunk}: median ${median(times.length ? times : [0]).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms; total ${(total / 1000).toFixed(2)} s, ${(cpuMs(process.cpuUsage(c0)) / 1000).toFixed(2)} s CPU`;
  };
  const deletion = (target: Database.Database, storeId: string, remove: () => void) => {
    const runs = target.prepare(`SELECT count(*) FROM runs WHERE store_id = ?`).pluck().get(storeId) as number;
    const t0 = performance.now();
    target.transaction(remove)();
    const ms = since(t0);
    const left = target.prepare(`SELECT count(*) FROM runs WHERE store_id = ?`).pluck().get(storeId) as number;
    return `${ms.toFixed(1)} ms (${runs} runs, ${left} left)`;
  };
  for (const i of [9, 10, 11]) {
    const storeId = stores[i]!;
    const o = deletion(ours, storeId, () => storesOurs.delete(storeId));
    const purged = purge();
    const left = ours.prepare(`SELECT count(*) FROM runs WHERE store_id = ?`).pluck().get(storeId) as number;
    const n = deletion(inline, storeId, () => {
      inlineStoreHistory(inline, storeId);
      inline.prepare(`DELETE FROM stores WHERE id = ?`).run(storeId);
    });
    const b = deletion(old, storeId, () => old.prepare(`DELETE FROM stores WHERE id = ?`).run(storeId));
    console.log(
      `a store's deletion: ours ${o}, then its purge ${purged} (${left} left); migration 19 in the deletion ${n}; schema 18 (cascades by the indexes by store) ${b}`,
    );
  }
  const organizationsOurs = new OrganizationStore(ours);
  const o = deletion(ours, stores[12]!, () => organizationsOurs.delete(org));
  const queued = ours.prepare(`SELECT count(*) FROM history_purges`).pluck().get() as number;
  const purged = purge();
  const left = ours.prepare(`SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM trigger_events)`).pluck().get() as number;
  const n = deletion(inline, stores[12]!, () => {
    inlineOrganizationHistory(inline, org);
    inline.prepare(`DELETE FROM organizations WHERE id = ?`).run(org);
  });
  console.log(
    `the organization's deletion (every run and event): ours ${o}, ${queued} stores queued; then the purge ${purged} (${left} runs and events left); migration 19 in the deletion ${n}`,
  );
  for (const d of [ours, old, inline]) d.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Migration 19's store deletion (main af1e173's store-history.ts), in the deletion's transaction. */
function inlineStoreHistory(db: Database.Database, storeId: string): void {
  db.prepare(`DELETE FROM runs WHERE id IN (SELECT run_id FROM runs_indexed_by_store WHERE store_id = ?)`).run(storeId);
  db.prepare(`DELETE FROM runs WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs') AND store_id = ?`).run(
    storeId,
  );
  db.prepare(`DELETE FROM trigger_events WHERE rowid IN (SELECT event_rowid FROM trigger_events_indexed_by_store WHERE store_id = ?)`).run(
    storeId,
  );
  db.prepare(
    `DELETE FROM trigger_events WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'trigger_events') AND store_id = ?`,
  ).run(storeId);
}

/** Migration 19's organization deletion (main af1e173's store-history.ts), in the deletion's transaction. */
function inlineOrganizationHistory(db: Database.Database, organizationId: string): void {
  db.prepare(`DELETE FROM runs WHERE organization_id = ?`).run(organizationId);
  db.prepare(
    `DELETE FROM trigger_events WHERE rowid IN (
       SELECT x.event_rowid FROM stores s CROSS JOIN trigger_events_indexed_by_store x ON x.store_id = s.id WHERE s.organization_id = ?)`,
  ).run(organizationId);
  db.prepare(
    `DELETE FROM trigger_events WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'trigger_events')
       AND store_id IN (SELECT id FROM stores WHERE organization_id = ?)`,
  ).run(organizationId);
}

void main();
