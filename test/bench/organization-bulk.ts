/**
 * Bulk activation writes at the large organization (issue 10's target: ≤ 1.2× the raw-SQL baseline), each
 * measured alternately with its baseline in the same run (ours, baseline, baseline, ours, ...), so load drift
 * on a shared machine moves both alike. The baseline does the same work as ours, as plainly as it can be
 * written on a second connection to the same file: it reads what the change needs (the stores, the pairs'
 * activations), applies the same rule per pair, writes the same activation rows, the same activity record
 * (one audit_log entry with the same before/after JSON, one audit_subjects row per store or workflow it
 * touched), in one transaction, committed at the same `synchronous = FULL`. The bench checks that both wrote
 * the same rows before timing. Beside them: the bare durable commit (one one-row write committed), the floor
 * of any write on this disk.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { AppContext } from '../../electron/app-context';
import type { BenchRow } from './bench-table';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Timed {
  wall: number[];
  cpu: number[];
}

/**
 * Times `a` and `b` alternately (the order flipped every round), each after its own `reset`: medians of the
 * wall time and of the process's CPU time (user + system, which waiting for a core on a loaded machine does
 * not inflate; both run on this thread).
 */
export async function alternately(
  a: () => unknown,
  b: () => unknown,
  reset: () => void,
  { iterations = 15, warmup = 3 } = {},
): Promise<{ wall: [number, number]; cpu: [number, number] }> {
  const ta: Timed = { wall: [], cpu: [] };
  const tb: Timed = { wall: [], cpu: [] };
  const time = async (work: () => unknown, into: Timed, keep: boolean) => {
    reset();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await work();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (keep) {
      into.wall.push(wall);
      into.cpu.push((used.user + used.system) / 1000);
    }
  };
  for (let i = 0; i < warmup + iterations; i++) {
    const keep = i >= warmup;
    if (i % 2 === 0) {
      await time(a, ta, keep);
      await time(b, tb, keep);
    } else {
      await time(b, tb, keep);
      await time(a, ta, keep);
    }
  }
  return { wall: [median(ta.wall), median(tb.wall)], cpu: [median(ta.cpu), median(tb.cpu)] };
}

async function api(app: AppContext, method: string, input: unknown): Promise<unknown> {
  const result = await app.api.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** The same writes as activation-changes.ts, by hand: one transaction, the same rows and the same activity record. */
function baselineStatements(raw: Database.Database) {
  return {
    stores: raw.prepare<[string], [string, string, number]>(`SELECT id, name, flow_installed FROM stores WHERE organization_id = ?`).raw(),
    store: raw.prepare<[string], [string, string, number]>(`SELECT organization_id, name, flow_installed FROM stores WHERE id = ?`).raw(),
    workflow: raw.prepare<[string], [string, string]>(`SELECT organization_id, name FROM workflows WHERE id = ?`).raw(),
    organization: raw.prepare<[string], [string]>(`SELECT name FROM organizations WHERE id = ?`).raw(),
    ofWorkflow: raw
      .prepare<[string], [string, number, string | null]>(`SELECT store_id, enabled, deactivated_at FROM activations WHERE workflow_id = ?`)
      .raw(),
    deactivatedIn: raw
      .prepare<[string], [string, string]>(
        `SELECT workflow_id, deactivated_at FROM activations WHERE store_id = ? AND deactivated_at IS NOT NULL`,
      )
      .raw(),
    upsert: raw.prepare(
      `INSERT INTO activations (workflow_id, store_id, enabled, deactivated_at, updated_at) VALUES (?, ?, 1, NULL, ?)
       ON CONFLICT (workflow_id, store_id) DO UPDATE SET enabled = 1, deactivated_at = NULL, updated_at = excluded.updated_at`,
    ),
    reenable: raw.prepare(
      `UPDATE activations SET enabled = 1, deactivated_at = NULL, updated_at = ? WHERE workflow_id = ? AND store_id = ?`,
    ),
    audit: raw.prepare(
      `INSERT INTO audit_log (at, actor, action, organization_id, store_id, workflow_id, summary, before_json, after_json)
       VALUES (?, 'bench', ?, ?, ?, ?, ?, ?, ?)`,
    ),
    storeSubject: raw.prepare(`INSERT INTO audit_subjects (seq, store_id) VALUES (?, ?)`),
    workflowSubject: raw.prepare(`INSERT INTO audit_subjects (seq, workflow_id) VALUES (?, ?)`),
    bulkChange: raw.prepare(`INSERT INTO bulk_changes (id, organization_id, action, at, actor, pairs) VALUES (?, ?, ?, ?, 'bench', ?)`),
  };
}

type Statements = ReturnType<typeof baselineStatements>;
type Kept = [boolean, string | null] | null;
type Pair = [string, string, Kept, Kept];

/** The baseline's COMMIT times (the WAL written and synced), in the order they ran. */
const commitTimes: number[] = [];

/** One transaction, as better-sqlite3's `transaction` runs it, timing its COMMIT on its own. */
function inTransaction(raw: Database.Database, work: () => void): void {
  raw.exec('BEGIN');
  try {
    work();
  } catch (error) {
    raw.exec('ROLLBACK');
    throw error;
  }
  const start = performance.now();
  raw.exec('COMMIT');
  commitTimes.push(performance.now() - start);
}

/** A matrix bulk change also keeps every pair with its activation before and after, for its undo (activation-bulk.ts). */
function keepForUndo(q: Statements, organizationId: string, action: string, at: string, pairs: Pair[] | null): object {
  if (!pairs) return {};
  const id = randomUUID();
  q.bulkChange.run(id, organizationId, action, at, JSON.stringify(pairs));
  return { bulkChangeId: id };
}

/** activations.set { storeIds: 'all', enabled: true } by hand; with `undo`, activations.bulk's row (one workflow, every store). */
function baselineEnable(raw: Database.Database, q: Statements, workflowId: string, undo: boolean): void {
  inTransaction(raw, () => {
    const at = new Date().toISOString();
    const [organizationId, name] = q.workflow.get(workflowId)!;
    const current = new Map(q.ofWorkflow.all(workflowId).map(([s, e, d]) => [s, [e, d] as const]));
    const before = { off: [] as string[], enabled: [] as string[], deactivated: [] as string[] };
    const changed: string[] = [];
    const pairs: Pair[] | null = undo ? [] : null;
    for (const [storeId] of q.stores.all(organizationId)) {
      const a = current.get(storeId);
      if (a?.[0] === 1) continue;
      q.upsert.run(workflowId, storeId, at);
      changed.push(storeId);
      (a?.[1] ? before.deactivated : before.off).push(storeId);
      pairs?.push([workflowId, storeId, a ? [a[0] === 1, a[1]] : null, [true, null]]);
    }
    if (changed.length === 0) return;
    const kept = keepForUndo(q, organizationId, 'enable', at, pairs);
    const seq = q.audit.run(
      at,
      'activation.enabled',
      organizationId,
      null,
      workflowId,
      `Enabled "${name}" in ${changed.length} stores`,
      JSON.stringify(before),
      JSON.stringify({ enabled: true, workflowName: name, ...kept }),
    ).lastInsertRowid;
    for (const storeId of changed) q.storeSubject.run(seq, storeId);
  });
}

/**
 * activations.reenableDeactivated { storeIds: [storeId] } by hand (the store has the Flow app); with `undo`,
 * activations.bulk's column (re-enable in one store).
 */
function baselineReenable(raw: Database.Database, q: Statements, organizationId: string, storeId: string, undo: boolean): void {
  inTransaction(raw, () => {
    const at = new Date().toISOString();
    const [organizationName] = q.organization.get(organizationId)!;
    const [, , flow] = q.store.get(storeId)!;
    if (!flow) return;
    const deactivated = q.deactivatedIn.all(storeId);
    for (const [w] of deactivated) q.reenable.run(at, w, storeId);
    if (deactivated.length === 0) return;
    const workflowIds = deactivated.map(([w]) => w);
    const pairs: Pair[] | null = undo ? deactivated.map(([w, d]) => [w, storeId, [false, d], [true, null]]) : null;
    const kept = keepForUndo(q, organizationId, 'reenable', at, pairs);
    const seq = q.audit.run(
      at,
      'activation.reenabled',
      organizationId,
      storeId,
      workflowIds.length === 1 ? workflowIds[0]! : null,
      `Re-enabled ${workflowIds.length} workflow activations deactivated by uninstalling the Flow app, in 1 stores of "${organizationName}" (R8)`,
      JSON.stringify({ deactivated: { [storeId]: workflowIds } }),
      JSON.stringify({ enabled: true, ...kept }),
    ).lastInsertRowid;
    q.storeSubject.run(seq, storeId);
    for (const w of workflowIds) q.workflowSubject.run(seq, w);
  });
}

/** What a write left: the activations of the pairs, the last activity entry and how many subjects it lists. */
function footprint(raw: Database.Database, workflowId: string | null, storeId: string | null): string {
  const activations = raw
    .prepare(
      `SELECT count(*), sum(enabled), count(deactivated_at) FROM activations WHERE (@w IS NULL OR workflow_id = @w) AND (@s IS NULL OR store_id = @s)`,
    )
    .raw()
    .get({ w: workflowId, s: storeId });
  const entry = raw
    .prepare(
      `SELECT action, organization_id, store_id, workflow_id, summary, before_json, json_remove(after_json, '$.bulkChangeId'),
        (SELECT count(*) FROM audit_subjects s WHERE s.seq = a.seq) FROM audit_log a ORDER BY seq DESC LIMIT 1`,
    )
    .raw()
    .get();
  const kept = raw.prepare(`SELECT action, pairs FROM bulk_changes ORDER BY rowid DESC LIMIT 1`).raw().get();
  return JSON.stringify([activations, entry, kept]);
}

export interface BulkFixture {
  app: AppContext;
  /** A second connection to the same file, at the app's pragmas. */
  raw: Database.Database;
  organizationId: string;
  /** The workflow enabled in the fewest stores: enabling it everywhere writes ~1,000 rows. */
  quietWorkflow: string;
  /** A store with the Flow app, where every workflow is deactivated before each re-enable. */
  busyStore: string;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
/** The wall-clock row (the target's) and, beneath it, the same work's CPU time. */
const rows = (operation: string, { wall, cpu }: { wall: [number, number]; cpu: [number, number] }): BenchRow[] => [
  { operation, ours: wall[0], baseline: wall[1], target: { ratio: 1.2 } },
  { operation: '  the same, CPU time of the process', ours: cpu[0], baseline: cpu[1] },
];

/** Bulk enable and re-enable, ours alternated with the baseline; the bare durable commit beside them. */
export async function measureBulkWrites(f: BulkFixture): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const { app, raw, organizationId, quietWorkflow, busyStore } = f;
  const q = baselineStatements(raw);
  // Resets go through a third connection: a write by another connection empties both sides' page caches alike
  // (a reset on the baseline's own connection would leave it warm and ours cold).
  const resets = new Database(raw.name);
  resets.pragma('synchronous = FULL');
  const resetEnable = () => void resets.prepare(`DELETE FROM activations WHERE workflow_id = ?`).run(quietWorkflow);
  const deactivateStore = () =>
    void resets
      .prepare(
        `INSERT INTO activations (workflow_id, store_id, enabled, deactivated_at, updated_at)
         SELECT id, ?, 0, '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z' FROM workflows WHERE organization_id = ?
         ON CONFLICT (workflow_id, store_id) DO UPDATE SET enabled = 0, deactivated_at = excluded.deactivated_at`,
      )
      .run(busyStore, organizationId);

  const sides = {
    enable: {
      ours: () => api(app, 'activations.set', { workflowId: quietWorkflow, storeIds: 'all', enabled: true }),
      baseline: () => baselineEnable(raw, q, quietWorkflow, false),
    },
    reenable: {
      ours: () => api(app, 'activations.reenableDeactivated', { organizationId, storeIds: [busyStore] }),
      baseline: () => baselineReenable(raw, q, organizationId, busyStore, false),
    },
    bulkRow: {
      ours: () => api(app, 'activations.bulk', { organizationId, action: 'enable', selection: { workflowIds: [quietWorkflow] } }),
      baseline: () => baselineEnable(raw, q, quietWorkflow, true),
    },
    bulkColumn: {
      ours: () => api(app, 'activations.bulk', { organizationId, action: 'reenable', selection: { storeIds: [busyStore] } }),
      baseline: () => baselineReenable(raw, q, organizationId, busyStore, true),
    },
  };
  const resetOf = { enable: resetEnable, reenable: deactivateStore, bulkRow: resetEnable, bulkColumn: deactivateStore };
  const byWorkflow: [string | null, string | null] = [quietWorkflow, null];
  const byStore: [string | null, string | null] = [null, busyStore];
  const scope = { enable: byWorkflow, reenable: byStore, bulkRow: byWorkflow, bulkColumn: byStore };
  const figures = {} as Record<keyof typeof sides, { wall: [number, number]; cpu: [number, number] }>;
  const commits = {} as Record<keyof typeof sides, number>;
  for (const key of Object.keys(sides) as (keyof typeof sides)[]) {
    const { ours, baseline } = sides[key];
    // The same work: after each, the same activation rows, activity entry (but for its time) and undo record.
    resetOf[key]();
    await ours();
    const a = footprint(raw, ...scope[key]);
    resetOf[key]();
    await baseline();
    const b = footprint(raw, ...scope[key]);
    if (a !== b) throw new Error(`${key}: the baseline does not write what ours writes:\n ours ${a}\n base ${b}`);
    commitTimes.length = 0;
    figures[key] = await alternately(ours, baseline, resetOf[key]);
    commits[key] = median(commitTimes);
  }

  // The floor: one row written and committed durably (WAL append + fsync), on the same file and connection.
  raw.exec(`CREATE TABLE IF NOT EXISTS bench_commit (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`);
  raw.prepare(`INSERT OR IGNORE INTO bench_commit VALUES (1, 0)`).run();
  const bump = raw.prepare(`UPDATE bench_commit SET n = n + 1 WHERE id = 1`);
  const commit = raw.transaction(() => void bump.run());
  const bare: number[] = [];
  for (let i = 0; i < 25; i++) {
    const start = performance.now();
    commit();
    if (i >= 5) bare.push(performance.now() - start);
  }
  const storeCount = q.stores.all(organizationId).length;
  deactivateStore();
  const workflowCount = q.deactivatedIn.all(busyStore).length;
  sides.reenable.baseline();
  resets.close();
  return {
    rows: [
      ...rows(`bulk enable: one workflow in ${storeCount.toLocaleString('en-US')} stores (activations.set)`, figures.enable),
      ...rows(
        `bulk re-enable: ${workflowCount.toLocaleString('en-US')} workflows of one store (reenableDeactivated, R8)`,
        figures.reenable,
      ),
      ...rows(`matrix bulk: enable a row in ${storeCount.toLocaleString('en-US')} stores, kept for undo`, figures.bulkRow),
      ...rows(`matrix bulk: re-enable a column of ${workflowCount.toLocaleString('en-US')} workflows, kept for undo`, figures.bulkColumn),
      { operation: 'the bare durable commit (one row written, synchronous = FULL)', ours: median(bare) },
    ],
    notes: [
      'bulk writes: ours and the baseline write the same activation rows, activity entry and undo record (checked before timing);',
      `of the baseline's time, its COMMIT alone (WAL written and synced), median: enable ${fmt(commits.enable)}, re-enable ${fmt(commits.reenable)}, matrix row ${fmt(commits.bulkRow)}, matrix column ${fmt(commits.bulkColumn)}`,
    ],
  };
}
