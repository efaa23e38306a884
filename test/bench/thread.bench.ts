/**
 * The runtime in its worker thread, each figure beside its baseline measured alternately in the same run
 * (inline, worker, inline, worker, ...), so load drift on a shared machine moves both alike:
 * - signed trigger events over real HTTP from another process (concurrent requests, keep-alive), acknowledged
 *   only when durable, with deliveries going to a real node:http app server in a third process;
 * - API latency (`organizations.list` over the browser-mode HTTP API, one call after another) while that
 *   load runs: the point of the worker thread;
 * - cold process start to the first API answer: serve first and start the runtime after (ours) vs await the
 *   runtime before serving (the earlier order), each in a fresh process;
 * - the Runs list / status filter at 1,000,000 runs: by the organization index (ours) vs the earlier join on
 *   workflows (the same rows, the same page).
 * Everything stays on 127.0.0.1; every loop is bounded.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openAppContext, type AppContext } from '../../electron/app-context';
import { sign, triggerSigningInput } from '../../electron/runtime/signature';
import { samplePayload } from '../../electron/runtime/trigger-payload';
import { startHttpServer } from '../../electron/server/http-server';
import { seed, startAppProcess } from './runtime.bench';

type Seeded = Awaited<ReturnType<typeof seed>>;
const root = path.resolve(__dirname, '..', '..');

interface LoadResult {
  acked: number;
  refused: number;
  seconds: number;
  api: number[];
}

/**
 * The apps and the admin, in another process: `concurrency` senders post the signed requests (keep-alive),
 * and one prober calls the API one call after another, timing each, until the senders are done.
 */
function runLoad(file: string, triggerUrl: string, apiUrl: string, token: string, concurrency: number): Promise<LoadResult> {
  const script = `
    const http = require('node:http');
    const fs = require('node:fs');
    const requests = JSON.parse(fs.readFileSync(${JSON.stringify(file)}, 'utf8'));
    const agent = new http.Agent({ keepAlive: true, maxSockets: ${concurrency} });
    const apiAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    function post(url, headers, body, a) {
      return new Promise((resolve) => {
        const req = http.request(url, { method: 'POST', agent: a, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
          res.resume(); res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', () => resolve(0));
        req.end(body);
      });
    }
    let next = 0, acked = 0, refused = 0, done = false;
    const api = [];
    async function sender() {
      while (next < requests.length) {
        const r = requests[next++];
        const status = await post(${JSON.stringify(triggerUrl)}, r.headers, r.body, agent);
        if (status === 200) acked++; else refused++;
      }
    }
    async function prober() {
      while (!done) {
        const t = performance.now();
        await post(${JSON.stringify(apiUrl)}, { authorization: 'Bearer ${token}' }, '{}', apiAgent);
        api.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const start = performance.now();
    const probing = prober();
    Promise.all(Array.from({ length: ${concurrency} }, sender)).then(async () => {
      const seconds = (performance.now() - start) / 1000;
      done = true;
      await probing;
      process.stdout.write(JSON.stringify({ acked, refused, seconds, api }));
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load exited ${code}`)))),
  );
}

/** Signed requests for one round (fresh event ids and timestamps), written for the load process. */
function writeRequests(seeded: Seeded, count: number, round: string, file: string): void {
  const { stores, triggers, secrets } = seeded;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const requests = Array.from({ length: count }, (_, i) => {
    const store = stores[(i * 13) % stores.length]!;
    const { appId, trigger } = triggers[(i * 17) % triggers.length]!;
    const body = JSON.stringify({ store: store.domain, app: appId, trigger: trigger.handle, payload: samplePayload(trigger, new Date()) });
    const eventId = `${round}-${i}`;
    const headers = {
      'X-Flow-Admin-Timestamp': timestamp,
      'X-Flow-Admin-Event-Id': eventId,
      'X-Flow-Admin-Hmac-Sha256': sign(triggerSigningInput(timestamp, eventId, body), secrets.get(`${store.id}|${appId}`)!),
    };
    return { body, headers };
  });
  fs.writeFileSync(file, JSON.stringify(requests));
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

interface RoundFigures {
  mode: 'inline' | 'worker';
  eventsPerSecond: number;
  deliveriesPerSecond: number;
  apiP50: number;
  apiP99: number;
  apiMax: number;
  lost: number;
}

async function round(seeded: Seeded, databasePath: string, mode: 'inline' | 'worker', n: number, events: number): Promise<RoundFigures> {
  const file = path.join(seeded.dir, `requests-${mode}-${n}.json`);
  writeRequests(seeded, events, `${mode}-${n}-${randomUUID().slice(0, 8)}`, file);
  const app = await openAppContext({
    databasePath,
    userName: 'bench',
    runtimeInWorker: mode === 'worker',
    runtime: { concurrency: 64, idleMs: 50, log: () => {} },
  });
  const token = randomBytes(16).toString('base64url');
  const server = await startHttpServer({ api: app.api, token, port: 0 });
  try {
    await app.startBackgroundWork();
    const before = app.db.prepare(`SELECT count(*) FROM trigger_events`).pluck().get() as number;
    const deliveredBefore = app.runtime.outbox.counts().delivered;
    const start = performance.now();
    const load = await runLoad(file, app.runtime.triggerEndpointUrl!, `http://127.0.0.1:${server.port}/api/organizations.list`, token, 32);
    // Deliveries go on after the last event: counted until the outbox is empty or 20 s have passed.
    while (app.runtime.outbox.counts().pending > 0 && performance.now() - start < load.seconds * 1000 + 20_000)
      await new Promise((r) => setTimeout(r, 100));
    const deliverySeconds = (performance.now() - start) / 1000;
    const delivered = app.runtime.outbox.counts().delivered - deliveredBefore;
    const recorded = (app.db.prepare(`SELECT count(*) FROM trigger_events`).pluck().get() as number) - before;
    return {
      mode,
      eventsPerSecond: load.acked / load.seconds,
      deliveriesPerSecond: delivered / deliverySeconds,
      apiP50: percentile(load.api, 50),
      apiP99: percentile(load.api, 99),
      apiMax: Math.max(...load.api),
      lost: load.acked - Math.min(load.acked, recorded),
    };
  } finally {
    await server.close();
    await app.shutdown();
    fs.rmSync(file, { force: true });
  }
}

/** A fresh process: open the database, then serve and start the runtime in the given order; ms to the first API answer. */
function coldStart(databasePath: string, order: 'serve-first' | 'runtime-first'): Promise<number> {
  const script = `
    const t0 = performance.timeOrigin;
    const { openAppContext } = require(${JSON.stringify(path.join(root, 'electron/app-context.ts'))});
    const { startHttpServer } = require(${JSON.stringify(path.join(root, 'electron/server/http-server.ts'))});
    (async () => {
      const app = await openAppContext({ databasePath: ${JSON.stringify(databasePath)}, userName: 'bench', runtimeInWorker: ${order === 'serve-first'}, runtime: { log: () => {} } });
      if (${order === 'runtime-first'}) await app.startBackgroundWork();
      const server = await startHttpServer({ api: app.api, token: 't', port: 0 });
      const starting = ${order === 'serve-first'} ? app.startBackgroundWork() : Promise.resolve();
      const res = await fetch('http://127.0.0.1:' + server.port + '/api/organizations.list', { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: '{}' });
      await res.text();
      const ms = Date.now() - t0;
      await starting;
      await server.close();
      await app.shutdown();
      process.stdout.write(String(ms));
      process.exit(0);
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`cold start exited ${code}`)))),
  );
}

/** Fills runs up to `total` with plain SQL (events shared by 1,000 runs each), spread over the stores, statuses and 90 days. */
function fillRuns(app: AppContext, organizationId: string, total: number): number {
  const db = app.db;
  const have = db.prepare(`SELECT count(*) FROM runs`).pluck().get() as number;
  const missing = total - have;
  if (missing <= 0) return have;
  const [workflowId] = db.prepare(`SELECT id FROM workflows WHERE organization_id = ? LIMIT 1`).pluck().all(organizationId) as string[];
  db.exec(`CREATE TEMP TABLE bench_stores AS SELECT row_number() OVER () - 1 AS n, id FROM stores`);
  const stores = db.prepare(`SELECT count(*) FROM bench_stores`).pluck().get() as number;
  const events = Math.ceil(missing / 1000);
  const now = Date.now();
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
       INSERT INTO trigger_events (id, store_id, app_id, trigger_handle, source, payload, received_at)
       SELECT 'bench-event-' || i, (SELECT id FROM bench_stores WHERE n = i % ?), 'klaviyo', 'x', 'app', '{}', '2026-01-01T00:00:00.000Z' FROM k`,
    ).run(events, stores);
    db.prepare(
      `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
       INSERT INTO runs (id, workflow_id, workflow_version, store_id, event_id, status, started_at, finished_at, resume_at, replay_of, organization_id)
       SELECT printf('bench-run-%09d', i), ?, 1, (SELECT id FROM bench_stores WHERE n = i % ?), 'bench-event-' || (i / 1000),
         CASE i % 10 WHEN 0 THEN 'has_errors' WHEN 1 THEN 'waiting' ELSE 'succeeded_with_actions' END,
         strftime('%Y-%m-%dT%H:%M:%fZ', (? - (i * 7776) % 7776000000) / 1000.0, 'unixepoch'), NULL, NULL, NULL, ? FROM k`,
    ).run(missing, workflowId, stores, now, organizationId);
  })();
  db.exec(`DROP TABLE bench_stores; ANALYZE;`);
  return total;
}

/** The Runs screen's first page, ours (by the organization index) and the earlier query (organization through workflows). */
function runsQueries(app: AppContext, organizationId: string) {
  const select = `SELECT r.id, w.name, s.name, e.app_id FROM runs r JOIN workflows w ON w.id = r.workflow_id JOIN stores s ON s.id = r.store_id JOIN trigger_events e ON e.id = r.event_id`;
  const order = `ORDER BY r.started_at DESC, r.id DESC LIMIT 51`;
  const q = (where: string) => app.db.prepare(`${select} WHERE ${where} ${order}`);
  return {
    ours: { list: q(`r.organization_id = ?`), status: q(`r.organization_id = ? AND r.status = 'has_errors'`) },
    before: { list: q(`w.organization_id = ?`), status: q(`w.organization_id = ? AND r.status = 'has_errors'`) },
    organizationId,
  };
}

function alternate(a: () => void, b: () => void, iterations = 7): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < iterations + 1; i++) {
    let t = performance.now();
    a();
    if (i > 0) ta.push(performance.now() - t);
    t = performance.now();
    b();
    if (i > 0) tb.push(performance.now() - t);
  }
  return [percentile(ta, 50), percentile(tb, 50)];
}

export async function printThreadBench(options: { events?: number; rounds?: number; runs?: number } = {}): Promise<void> {
  const events = options.events ?? 6_000;
  const rounds = options.rounds ?? 2;
  const seeded = await seed();
  const databasePath = path.join(seeded.dir, 'bench.db');
  const appServer = await startAppProcess();
  const organizationId = seeded.app.db.prepare(`SELECT id FROM organizations LIMIT 1`).pluck().get() as string;
  try {
    seeded.app.db.prepare(`UPDATE app_endpoints SET url = ?`).run(appServer.url);
    seeded.app.close();
    console.log(
      `seeded: ${seeded.stores.length} stores × 2,000 workflows; ${events} signed events per round, 32 concurrent senders; app server in another process`,
    );

    const results: RoundFigures[] = [];
    for (let n = 0; n < rounds; n++) {
      for (const mode of ['inline', 'worker'] as const) {
        const r = await round(seeded, databasePath, mode, n, events);
        results.push(r);
        console.log(
          `round ${n + 1} ${mode}: ${r.eventsPerSecond.toFixed(0)} events/s, ${r.deliveriesPerSecond.toFixed(0)} deliveries/s, API p50 ${r.apiP50.toFixed(1)} ms p99 ${r.apiP99.toFixed(1)} ms max ${r.apiMax.toFixed(0)} ms, lost ${r.lost}`,
        );
      }
    }

    const starts: Record<'serve-first' | 'runtime-first', number[]> = { 'serve-first': [], 'runtime-first': [] };
    for (let n = 0; n < 3; n++)
      for (const order of ['runtime-first', 'serve-first'] as const) starts[order].push(await coldStart(databasePath, order));
    console.log(
      `cold start to first API answer (median of 3, fresh processes): serve first ${percentile(starts['serve-first'], 50)} ms; runtime first (before) ${percentile(starts['runtime-first'], 50)} ms`,
    );

    const app = await openAppContext({ databasePath, userName: 'bench' });
    try {
      const total = fillRuns(app, organizationId, options.runs ?? 1_000_000);
      const q = runsQueries(app, organizationId);
      const [listOurs, listBefore] = alternate(
        () => q.ours.list.all(organizationId),
        () => q.before.list.all(organizationId),
      );
      const [statusOurs, statusBefore] = alternate(
        () => q.ours.status.all(organizationId),
        () => q.before.status.all(organizationId),
      );
      console.log(
        `runs list at ${total.toLocaleString('en-US')} runs (median of 7, alternated): ours ${listOurs.toFixed(2)} ms vs before ${listBefore.toFixed(0)} ms; status filter ours ${statusOurs.toFixed(2)} ms vs before ${statusBefore.toFixed(0)} ms`,
      );
    } finally {
      app.close();
    }
  } finally {
    appServer.stop();
    fs.rmSync(seeded.dir, { recursive: true, force: true });
  }
}
