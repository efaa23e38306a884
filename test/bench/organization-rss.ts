/**
 * The server's memory at the large organization with traffic (issue 10: < 300 MB RSS). A real child process
 * runs the compiled build as browser mode does (the API served over HTTP, the runtime in its worker thread,
 * each with its SQLite connection) on the generated organization of 1,000 stores × 2,000 workflows; a load
 * process posts signed trigger events to the trigger endpoint (32 concurrent keep-alive senders) while an
 * admin's calls go to the API one after another (organizations, overview, matrix pages, a store's status,
 * runs, activity); deliveries go to a node:http app server in a third process. The server's VmRSS is read from
 * /proc/<pid>/status every 100 ms; beside it, the baseline: a bare Node process holding one connection to the
 * same file with the same pragmas, after reading every activation through it.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../electron/app-context';
import type { CatalogTrigger } from '../../electron/domain/catalog/catalog-schema';
import { loadCatalog } from '../../electron/domain/catalog/load-catalog';
import { sign, triggerSigningInput } from '../../electron/runtime/signature';
import { samplePayload } from '../../electron/runtime/trigger-payload';
import type { BenchRow } from './bench-table';
import { startPlainServer } from './intake.bench';

const root = path.resolve(__dirname, '..', '..');
const SECRET = 'bench-signing-secret-0123456789abcdef';

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? NaN);
    return { rss: kb('VmRSS:') / 1024, peak: kb('VmHWM:') / 1024 };
  } catch {
    return null;
  }
}

type Json = Record<string, unknown>;

/**
 * Where a process's resident memory is, from /proc/<pid>/smaps: files mapped (the node binary's code, shared
 * with every Node process), anonymous mappings under 1 MB (V8 allocates its heap pages, 256 KB each, this
 * way), larger anonymous ones (malloc's arenas: SQLite's page caches and native buffers) and the brk heap.
 */
function mappedParts(pid: number): string {
  const parts = { files: 0, v8Pages: 0, largeAnonymous: 0, brkHeap: 0 };
  let part: keyof typeof parts = 'files';
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const kb = (parseInt(mapping[2]!, 16) - parseInt(mapping[1]!, 16)) / 1024;
      const name = mapping[3]!.trim();
      part = name === '[heap]' ? 'brkHeap' : name !== '' ? 'files' : kb < 1024 ? 'v8Pages' : 'largeAnonymous';
    } else if (line.startsWith('Rss:')) parts[part] += Number(line.split(/\s+/)[1]) / 1024;
  }
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  return `files mapped ${mb(parts.files)}, anonymous < 1 MB (V8's heap pages) ${mb(parts.v8Pages)}, larger anonymous (malloc arenas, SQLite's caches) ${mb(parts.largeAnonymous)}, brk heap ${mb(parts.brkHeap)}`;
}

/** A child process printing a JSON line when ready; stays until its stdin closes, then may print one more. */
async function startChild(args: string[]): Promise<{ pid: number; ready: Json; stop: () => Promise<Json | null> }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const lines = () => out.split('\n').filter((l) => l.trim() !== '');
  const ready = await new Promise<Json>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(lines()[0]!) as Json);
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code} before it was ready`)));
  });
  const stop = () =>
    new Promise<Json | null>((resolve) => {
      child.once('exit', () => resolve(lines().length > 1 ? (JSON.parse(lines().at(-1)!) as Json) : null));
      child.stdin.end();
    });
  return { pid: child.pid!, ready, stop };
}

/** Browser mode's server from the compiled build in `buildDir`: API over HTTP, runtime in its worker thread. */
const serverScript = (buildDir: string, databasePath: string) => `
  const { openAppContext } = require(${JSON.stringify(path.join(buildDir, 'electron/app-context.js'))});
  const { startHttpServer } = require(${JSON.stringify(path.join(buildDir, 'electron/server/http-server.js'))});
  (async () => {
    const app = await openAppContext({ databasePath: ${JSON.stringify(databasePath)}, userName: 'bench', runtimeInWorker: true, runtime: { log: () => {} } });
    const server = await startHttpServer({ api: app.api, token: 't', port: 0 });
    await app.startBackgroundWork();
    process.stdout.write(JSON.stringify({ api: 'http://127.0.0.1:' + server.port + '/api/', trigger: app.runtime.triggerEndpointUrl }) + '\\n');
    process.stdin.on('end', async () => {
      const m = process.memoryUsage();
      process.stdout.write(JSON.stringify({ heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external }) + '\\n');
      await server.close(); await app.shutdown(); process.exit(0);
    });
    process.stdin.resume();
  })().catch((e) => { console.error(e); process.exit(1); });`;

/** The baseline: Node, better-sqlite3 and one connection to the file with the app's pragmas, every activation read. */
const bareScript = (databasePath: string) => `
  const Database = require('better-sqlite3');
  const db = new Database(${JSON.stringify(databasePath)});
  db.pragma('foreign_keys = ON'); db.pragma('synchronous = FULL'); db.pragma('busy_timeout = 5000'); db.pragma('journal_mode = WAL');
  let n = 0; for (const row of db.prepare('SELECT * FROM activations').raw().iterate()) n += row.length;
  process.stdout.write(JSON.stringify({ read: n }) + '\\n');
  process.stdin.on('end', () => { db.close(); process.exit(0); }); process.stdin.resume();`;

/** The apps and the admin: signed events from `concurrency` senders, and API calls one after another until they are done. */
const loadScript = (requestsFile: string, trigger: string, api: string, calls: [string, unknown][]) => `
  const http = require('node:http');
  const requests = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(requestsFile)}, 'utf8'));
  const calls = ${JSON.stringify(calls)};
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const post = (url, headers, body) => new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', () => resolve(0));
    req.end(body);
  });
  let next = 0, acked = 0, apiCalls = 0, apiFailed = 0, done = false;
  const sender = async () => { while (next < requests.length) { const r = requests[next++]; if ((await post(${JSON.stringify(trigger)}, r.headers, r.body)) === 200) acked++; } };
  const admin = async () => { for (let i = 0; !done; i++) { const [method, input] = calls[i % calls.length];
    if ((await post(${JSON.stringify(api)} + method, { authorization: 'Bearer t' }, JSON.stringify(input))) !== 200) apiFailed++; apiCalls++; } };
  const start = performance.now();
  const admining = admin();
  Promise.all(Array.from({ length: 32 }, sender)).then(async () => {
    done = true; await admining;
    process.stdout.write(JSON.stringify({ acked, seconds: (performance.now() - start) / 1000, apiCalls, apiFailed }) + '\\n');
    process.exit(0);
  });`;

/** Endpoints (one shared secret, deliveries to `appUrl`) for the connector apps of `stores` stores, and signed events for their triggers. */
function prepareTraffic(app: AppContext, organizationId: string, appUrl: string, stores: number, events: number, file: string) {
  const catalog = loadCatalog();
  const installed = app.db
    .prepare(
      `SELECT s.id, s.domain, i.app_id FROM stores s JOIN installations i ON i.store_id = s.id
       WHERE s.organization_id = ? AND s.flow_installed = 1 AND s.id IN (SELECT id FROM stores WHERE organization_id = ? ORDER BY id LIMIT ?)`,
    )
    .raw()
    .all(organizationId, organizationId, stores) as [string, string, string][];
  const at = new Date().toISOString();
  const senders: { domain: string; appId: string; handle: string; trigger: CatalogTrigger }[] = [];
  app.db.transaction(() => {
    for (const [storeId, domain, appId] of installed) {
      const catalogApp = catalog.app(appId);
      if (!catalogApp || catalogApp.builtIn) continue;
      app.runtime.endpoints.set({ storeId, appId, url: `${appUrl}/flow/actions`, secret: SECRET, at });
      for (const t of catalogApp.triggers) if (!t.schedule && !t.deprecated) senders.push({ domain, appId, handle: t.handle, trigger: t });
    }
  })();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const requests = Array.from({ length: events }, (_, i) => {
    const s = senders[(i * 7919) % senders.length]!;
    const body = JSON.stringify({ store: s.domain, app: s.appId, trigger: s.handle, payload: samplePayload(s.trigger, new Date()) });
    const eventId = `rss-${timestamp}-${i}`;
    return {
      body,
      headers: {
        'X-Flow-Admin-Timestamp': timestamp,
        'X-Flow-Admin-Event-Id': eventId,
        'X-Flow-Admin-Hmac-Sha256': sign(triggerSigningInput(timestamp, eventId, body), SECRET),
      },
    };
  });
  fs.writeFileSync(file, JSON.stringify(requests));
  return senders.length;
}

/**
 * Compiles the build, readies traffic on the organization's database (through `app`, which is closed after),
 * then measures the server process's RSS under that traffic and the bare connection's beside it.
 */
export async function measureServerRss(
  app: AppContext,
  databasePath: string,
  organizationId: string,
  { events = 6_000, stores = 200 } = {},
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  // Compiled as `npm run build:electron` does (RSS_BUILD_DIR: an existing build, e.g. one made at another commit).
  const given = process.env.RSS_BUILD_DIR;
  const buildDir = given ? path.resolve(given) : path.join(root, 'build', 'bench-rss');
  if (!given) {
    fs.rmSync(buildDir, { recursive: true, force: true });
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(buildDir, 'electron')], { cwd: root });
    const checked = path.join(buildDir, 'electron/domain/catalog/checked-catalog.json');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/write-checked-catalog.ts', checked], { cwd: root, stdio: 'ignore' });
  }
  const appServer = await startPlainServer();
  const requestsFile = path.join(path.dirname(databasePath), 'rss-requests.json');
  try {
    const senders = prepareTraffic(app, organizationId, appServer.url, stores, events, requestsFile);
    const [storeId] = app.db.prepare(`SELECT id FROM stores WHERE organization_id = ? LIMIT 1`).pluck().all(organizationId) as string[];
    app.close();

    const bare = await startChild(['-e', bareScript(databasePath)]);
    const bareMemory = memoryOf(bare.pid)!;
    await bare.stop();

    const server = await startChild(['-e', serverScript(buildDir, databasePath)]);
    const atStart = memoryOf(server.pid)!;
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const m = memoryOf(server.pid);
      if (m) samples.push(m.rss);
    }, 100);
    const calls: [string, unknown][] = [
      ['organizations.list', {}],
      ['status.overview', { organizationId }],
      ['status.matrix', { organizationId, workflows: { offset: 0, limit: 40 }, stores: { offset: 0, limit: 24 } }],
      ['status.matrix', { organizationId, workflows: { offset: 1200, limit: 40 }, stores: { offset: 600, limit: 24 } }],
      ['status.store', { storeId }],
      ['runs.search', { organizationId }],
      ['audit.query', { organizationId, limit: 50 }],
    ];
    const load = await startChild(['-e', loadScript(requestsFile, server.ready.trigger as string, server.ready.api as string, calls)]);
    const figures = load.ready as { acked: number; seconds: number; apiCalls: number; apiFailed: number };
    await load.stop();
    await new Promise((r) => setTimeout(r, 2_000)); // deliveries still going out
    clearInterval(sampler);
    const atEnd = memoryOf(server.pid)!;
    const parts = mappedParts(server.pid);
    const heap = (await server.stop()) as { heapUsed: number; heapTotal: number; external: number } | null;
    const mb = (bytes: number | undefined) => `${((bytes ?? NaN) / 1048576).toFixed(0)} MB`;
    const max = Math.max(...samples);
    return {
      rows: [
        {
          operation: 'server RSS: started, before traffic (browser mode, runtime in its worker)',
          ours: atStart.rss,
          unit: 'MB',
          baseline: bareMemory.rss,
        },
        {
          operation: 'server RSS: highest sampled while events and API calls arrive',
          ours: max,
          unit: 'MB',
          baseline: bareMemory.rss,
          target: { max: 300 },
        },
        {
          operation: 'server RSS: peak (VmHWM) at the end of the traffic',
          ours: atEnd.peak,
          unit: 'MB',
          baseline: bareMemory.peak,
          target: { max: 300 },
        },
      ],
      notes: [
        `server RSS over the traffic, every tenth of it: ${Array.from({ length: 10 }, (_, i) => samples[Math.floor(((i + 1) * (samples.length - 1)) / 10)]!.toFixed(0)).join(', ')} MB`,
        `server's resident memory at the end of the traffic: ${parts}`,
        `server at the end: the main thread's V8 heap ${mb(heap?.heapUsed)} used of ${mb(heap?.heapTotal)}, external ${mb(heap?.external)} (the worker thread's heap is apart from these)`,
        `server RSS traffic: ${figures.acked} of ${events} signed events acknowledged in ${figures.seconds.toFixed(1)} s from ${senders} (store, app, trigger) senders in ${stores} stores; ${figures.apiCalls} API calls (${figures.apiFailed} failed); baseline: a bare Node process with one connection to the same file, every activation read`,
      ],
    };
  } finally {
    appServer.stop();
    fs.rmSync(requestsFile, { force: true });
    if (!given) fs.rmSync(buildDir, { recursive: true, force: true });
  }
}
