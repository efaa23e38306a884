/**
 * The organization at scale: 1 organization, 1,000 stores, every catalog app, 2,000 workflows (the generator's
 * spread), measured through the API dispatcher (input validation included), each figure beside the same work
 * done with raw prepared statements in one transaction on a second connection to the same file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openAppContext, type AppContext } from '../../electron/app-context';
import { loadCatalog } from '../../electron/domain/catalog/load-catalog';
import { formatTable, medianMs, type BenchRow } from './bench-table';
import { measureBulkWrites } from './organization-bulk';
import { measureServerRss } from './organization-rss';
import { generateOrganizationFile } from './generated-organization-file';

const catalog = loadCatalog();
const flowConnection = new Set(catalog.apps.filter((a) => a.flowConnection).map((a) => a.id));
const setupOf = new Map(catalog.apps.map((a) => [a.id, a.setup.map((s) => s.key)]));

async function api(app: AppContext, method: string, input: unknown): Promise<unknown> {
  const result = await app.api.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** Raw SQL for what status needs; a state per pair computed inline, as plainly as it can be written. */
function rawStatements(raw: Database.Database) {
  return {
    stores: raw.prepare(`SELECT id, flow_installed FROM stores WHERE organization_id = ?`).raw(),
    store: raw.prepare(`SELECT id, flow_installed FROM stores WHERE id = ?`).raw(),
    installs: raw
      .prepare(
        `SELECT i.store_id, i.app_id, i.setup_done FROM installations i JOIN stores s ON s.id = i.store_id WHERE s.organization_id = ?`,
      )
      .raw(),
    installsOfStore: raw.prepare(`SELECT store_id, app_id, setup_done FROM installations WHERE store_id = ?`).raw(),
    connections: raw
      .prepare(`SELECT c.store_id, c.app_id FROM connections c JOIN stores s ON s.id = c.store_id WHERE s.organization_id = ?`)
      .raw(),
    connectionsOfStore: raw.prepare(`SELECT store_id, app_id FROM connections WHERE store_id = ?`).raw(),
    checks: raw
      .prepare(
        `SELECT w.id, c.apps_used, c.problems FROM workflows w JOIN workflow_checks c ON c.workflow_id = w.id WHERE w.organization_id = ?`,
      )
      .raw(),
    check: raw
      .prepare(
        `SELECT w.id, c.apps_used, c.problems, w.organization_id FROM workflows w JOIN workflow_checks c ON c.workflow_id = w.id WHERE w.id = ?`,
      )
      .raw(),
    activations: raw
      .prepare(
        `SELECT workflow_id, store_id, enabled, deactivated_at FROM activations WHERE workflow_id IN (SELECT id FROM workflows WHERE organization_id = ?)`,
      )
      .raw(),
    activationsOfStore: raw.prepare(`SELECT workflow_id, enabled, deactivated_at FROM activations WHERE store_id = ?`).raw(),
    activationsOfWorkflow: raw.prepare(`SELECT store_id, enabled, deactivated_at FROM activations WHERE workflow_id = ?`).raw(),
  };
}

type Raw = ReturnType<typeof rawStatements>;

/** Per store: which apps are ready (installed, set up, connected where Flow keeps the connection). */
function readyApps(installs: unknown[], connections: unknown[]): Map<string, Set<string>> {
  const connected = new Set((connections as [string, string][]).map(([s, a]) => `${s}:${a}`));
  const ready = new Map<string, Set<string>>();
  for (const [storeId, appId, done] of installs as [string, string, string][]) {
    const doneSteps: string[] = JSON.parse(done);
    if (!(setupOf.get(appId) ?? []).every((k) => doneSteps.includes(k))) continue;
    if (flowConnection.has(appId) && !connected.has(`${storeId}:${appId}`)) continue;
    if (!ready.has(storeId)) ready.set(storeId, new Set());
    ready.get(storeId)!.add(appId);
  }
  return ready;
}

function stateOf(
  flow: number,
  ready: Set<string> | undefined,
  apps: string[],
  invalid: boolean,
  enabled: number | undefined,
  deactivated: unknown,
): string {
  if (!enabled) return deactivated ? 'deactivated' : 'off';
  if (invalid) return 'invalid';
  return flow && apps.every((a) => ready?.has(a)) ? 'running' : 'blocked';
}

function rawMatrix(raw: Database.Database, q: Raw, organizationId: string): number {
  return raw.transaction(() => {
    const stores = q.stores.all(organizationId) as [string, number][];
    const ready = readyApps(q.installs.all(organizationId), q.connections.all(organizationId));
    const checks = q.checks.all(organizationId) as [string, string, string][];
    const storeIndex = new Map(stores.map(([id], i) => [id, i]));
    const workflowIndex = new Map(checks.map(([id], i) => [id, i]));
    const activation = new Uint8Array(stores.length * checks.length);
    for (const [w, s, enabled, deactivated] of q.activations.all(organizationId) as [string, string, number, string | null][]) {
      activation[workflowIndex.get(w)! * stores.length + storeIndex.get(s)!] = enabled ? 1 : deactivated ? 2 : 0;
    }
    const tally = new Map<string, number>();
    checks.forEach(([, apps, problems], w) => {
      const used: string[] = JSON.parse(apps);
      const invalid = (JSON.parse(problems) as { severity: string }[]).some((p) => p.severity === 'error');
      stores.forEach(([id, flow], s) => {
        const a = activation[w * stores.length + s]!;
        const state = stateOf(flow, ready.get(id), used, invalid, a === 1 ? 1 : 0, a === 2);
        tally.set(state, (tally.get(state) ?? 0) + 1);
      });
    });
    return [...tally.values()].reduce((x, y) => x + y, 0);
  })();
}

function rawStoreStatus(raw: Database.Database, q: Raw, organizationId: string, storeId: string) {
  return raw.transaction(() => {
    const [, flow] = q.store.get(storeId) as [string, number];
    const ready = readyApps(q.installsOfStore.all(storeId), q.connectionsOfStore.all(storeId)).get(storeId);
    const activations = new Map(
      (q.activationsOfStore.all(storeId) as [string, number, string | null][]).map(([w, e, d]) => [w, [e, d] as const]),
    );
    return (q.checks.all(organizationId) as [string, string, string][]).map(([id, apps, problems]) => {
      const invalid = (JSON.parse(problems) as { severity: string }[]).some((p) => p.severity === 'error');
      const a = activations.get(id);
      return { id, state: stateOf(flow, ready, JSON.parse(apps), invalid, a?.[0], a?.[1]) };
    });
  })();
}

function rawWorkflowStatus(raw: Database.Database, q: Raw, workflowId: string) {
  return raw.transaction(() => {
    const [, apps, problems, organizationId] = q.check.get(workflowId) as [string, string, string, string];
    const used: string[] = JSON.parse(apps);
    const invalid = (JSON.parse(problems) as { severity: string }[]).some((p) => p.severity === 'error');
    const ready = readyApps(q.installs.all(organizationId), q.connections.all(organizationId));
    const activations = new Map(
      (q.activationsOfWorkflow.all(workflowId) as [string, number, string | null][]).map(([s, e, d]) => [s, [e, d] as const]),
    );
    return (q.stores.all(organizationId) as [string, number][]).map(([id, flow]) => {
      const a = activations.get(id);
      return { id, state: stateOf(flow, ready.get(id), used, invalid, a?.[0], a?.[1]) };
    });
  })();
}

export async function runOrganizationBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-bench-'));
  const file = path.join(dir, 'flow-admin.db');
  try {
    console.log('generating 1 organization, 1,000 stores, 2,000 workflows (schema 2, in a child process)...');
    const generated = generateOrganizationFile(file, 2);
    const organizationId = generated.organizationId;
    console.log(`generated in ${generated.ms} ms: ${generated.installations} installations, ${generated.activations} activations`);
    const rows: BenchRow[] = [];

    // Upgrade from schema 2: backup with SQLite's online backup, then every pending step in one transaction.
    let start = performance.now();
    let app = await openAppContext({ databasePath: file, userName: 'bench' });
    const upgrade = performance.now() - start;
    start = performance.now();
    await api(app, 'status.overview', { organizationId });
    const firstOverview = performance.now() - start;
    app.close();

    // A start: open (nothing to migrate) and the first overview, on a new connection each time; with the
    // overview kept from before, and after a change made while the app was closed (computed from scratch).
    // Opened as the desktop app and browser mode open it: the file's check runs in a worker thread meanwhile;
    // each start is closed, once its check ended, before the next (outside the timed part).
    let started: AppContext | null = null;
    const closeStarted = async () => {
      await started?.checked;
      started?.close();
      started = null;
    };
    const startOnce = async () => {
      started = await openAppContext({ databasePath: file, userName: 'bench', checkOffPath: true });
      await api(started, 'status.overview', { organizationId });
    };
    const startKept = await medianMs(startOnce, { iterations: 7, warmup: 1, before: closeStarted });
    await closeStarted();
    const outside = new Database(file);
    const anyStore = outside.prepare(`SELECT id FROM stores WHERE organization_id = ? LIMIT 1`).pluck().get(organizationId) as string;
    const changeOutside = () => void outside.prepare(`UPDATE stores SET updated_at = updated_at WHERE id = ?`).run(anyStore);
    const startCold = await medianMs(startOnce, {
      iterations: 7,
      warmup: 1,
      before: async () => {
        await closeStarted();
        changeOutside();
      },
    });
    await closeStarted();
    outside.close();

    app = await openAppContext({ databasePath: file, userName: 'bench' });
    const raw = new Database(file);
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    const q = rawStatements(raw);
    const quietWorkflow = raw
      .prepare(
        `SELECT w.id FROM workflows w LEFT JOIN activations a ON a.workflow_id = w.id WHERE w.organization_id = ? GROUP BY w.id ORDER BY count(a.store_id) LIMIT 1`,
      )
      .pluck()
      .get(organizationId) as string;
    const busyStore = raw
      .prepare(`SELECT id FROM stores WHERE organization_id = ? AND flow_installed = 1 LIMIT 1`)
      .pluck()
      .get(organizationId) as string;
    const touch = raw.prepare(`UPDATE stores SET updated_at = updated_at WHERE id = ?`);
    /** A change on the other connection to what statuses depend on: the kept grid must be rebuilt (a cold read). */
    const invalidate = () => void touch.run(busyStore);

    // Ours first (memory is read after them), then the baselines.
    const ours = {
      store: await medianMs(() => api(app, 'status.store', { storeId: busyStore }), { iterations: 15 }),
      workflow: await medianMs(() => api(app, 'status.workflow', { workflowId: quietWorkflow }), { iterations: 15 }),
      matrixCold: await medianMs(() => api(app, 'status.matrix', { organizationId }), { before: invalidate, iterations: 7 }),
      matrixWarm: await medianMs(
        () => api(app, 'status.matrix', { organizationId, workflows: { offset: 1000, limit: 100 }, stores: { offset: 400, limit: 200 } }),
        {
          iterations: 15,
        },
      ),
      matrixFiltered: await medianMs(() => api(app, 'status.matrix', { organizationId, filter: { states: ['blocked'] } }), {
        iterations: 15,
      }),
      overviewCold: await medianMs(() => api(app, 'status.overview', { organizationId }), { before: invalidate, iterations: 7 }),
      // The Overview opened again with nothing changed: what an admin going back and forth waits for.
      overviewAgain: await medianMs(() => api(app, 'status.overview', { organizationId }), { iterations: 7 }),
    };
    const bulk = await measureBulkWrites({ app, raw, organizationId, quietWorkflow, busyStore });
    const memory = process.memoryUsage();
    const maxRss = process.resourceUsage().maxRSS / 1024;

    const baseline = {
      store: await medianMs(() => rawStoreStatus(raw, q, organizationId, busyStore), { iterations: 15 }),
      workflow: await medianMs(() => rawWorkflowStatus(raw, q, quietWorkflow), { iterations: 15 }),
      matrix: await medianMs(() => rawMatrix(raw, q, organizationId), { iterations: 5 }),
      start: await medianMs(
        () => {
          const db = new Database(file);
          db.pragma('foreign_keys = ON');
          db.pragma('journal_mode = WAL');
          rawMatrix(db, rawStatements(db), organizationId);
          db.close();
        },
        { iterations: 5, warmup: 1 },
      ),
    };

    rows.push(
      ...bulk.rows,
      { operation: "status of one store's 2,000 workflows", ours: ours.store, baseline: baseline.store, target: { max: 50, ratio: 2 } },
      {
        operation: 'status of one workflow in 1,000 stores',
        ours: ours.workflow,
        baseline: baseline.workflow,
        target: { max: 50, ratio: 2 },
      },
      {
        operation: 'whole matrix, 2,000,000 pairs (first page, cold)',
        ours: ours.matrixCold,
        baseline: baseline.matrix,
        target: { max: 1000 },
      },
      { operation: 'matrix, another page (warm)', ours: ours.matrixWarm, target: { max: 50 } },
      { operation: 'matrix filtered to blocked (warm)', ours: ours.matrixFiltered, target: { max: 50 } },
      { operation: 'overview, all pairs (cold)', ours: ours.overviewCold, baseline: baseline.matrix, target: { max: 1000 } },
      { operation: 'overview again, nothing changed', ours: ours.overviewAgain, target: { max: 50 } },
      { operation: 'start: open (up to date) + first overview (kept)', ours: startKept, baseline: baseline.start, target: { max: 300 } },
      {
        operation: 'start: open + first overview, data changed since (cold)',
        ours: startCold,
        baseline: baseline.start,
        target: { max: 300 },
      },
      { operation: 'upgrade from schema 2: backup + migrate', ours: upgrade },
      { operation: 'first overview after upgrade (validates 2,000 workflows once)', ours: firstOverview, target: { max: 1000 } },
      // The bench's own process (tsx, a second connection, both sides' garbage): not the server, measured below.
      { operation: 'memory: this bench process, RSS after the operations above', ours: memory.rss / 1048576, unit: 'MB' },
      { operation: 'memory: this bench process, peak RSS', ours: maxRss, unit: 'MB' },
    );
    console.log(formatTable(rows));
    for (const note of bulk.notes) console.log(note);
    console.log(
      `\n(heap used ${(memory.heapUsed / 1048576).toFixed(0)} MB; ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version})`,
    );
    raw.close();
    // The server's own memory: browser mode's process, the runtime in its worker, traffic over HTTP (closes `app`).
    console.log('\nthe server process at this organization with traffic (compiling the build first)...');
    const server = await measureServerRss(app, file, organizationId);
    console.log(formatTable(server.rows, 'bare connection'));
    for (const note of server.notes) console.log(note);
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 cores)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
