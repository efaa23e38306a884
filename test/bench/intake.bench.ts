/**
 * Intake at full speed over HTTP (issue 10, item 3), each figure beside its baselines measured alternately
 * in the same run (group, single, bare, group, single, bare, ...), so load drift on a shared machine moves
 * them alike:
 * - group: signed trigger events over real HTTP from another process (32 concurrent keep-alive senders) to
 *   the runtime in its worker thread, group-committed (ours); acknowledged only when durable;
 * - single: the same runtime with one commit per event (groupCommitMaxBatch 1), the baseline;
 * - bare: a node:http server that only reads the body and answers 200, the transport's floor.
 * Deliveries go to a real node:http app server in a third process while the events come in; deliveries/s
 * count until the outbox is empty. Everything stays on 127.0.0.1; every loop is bounded.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openAppContext } from '../../electron/app-context';
import { sign, triggerSigningInput } from '../../electron/runtime/signature';
import { samplePayload } from '../../electron/runtime/trigger-payload';
import { SettingsStore } from '../../electron/store/settings-store';
import { storeFloorRound, type FloorFigures } from './intake-floor';
import { seed } from './runtime.bench';

type Seeded = Awaited<ReturnType<typeof seed>>;
type Mode = 'group' | 'single' | 'bare';
/** The modes of each round, in order (INTAKE_BENCH_MODES=group runs ours alone, e.g. under a profiler). */
const MODES = (process.env.INTAKE_BENCH_MODES ?? 'group,single,bare').split(',') as Mode[];
const SENDERS = 32;

/** A node:http server in another process that reads each body and answers 200: an app, or the transport's floor. */
export async function startPlainServer(): Promise<{ url: string; stop: () => void; cpuSeconds: () => Promise<number> }> {
  const script = `
    const http = require('node:http');
    const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
      const cpu = process.cpuUsage();
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(req.url === '/__cpu' ? JSON.stringify((cpu.user + cpu.system) / 1e6) : '{"ok":true}'); }); });
    server.keepAliveTimeout = 60000;
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
    process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  const url = `http://127.0.0.1:${port}`;
  return { url, stop: () => child.kill(), cpuSeconds: () => cpuOf(url) };
}

/** The CPU seconds a plain server has used so far (it answers GET /__cpu with them). */
function cpuOf(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/__cpu`, { agent: false }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(Number(text)));
      })
      .on('error', reject);
  });
}

/** The apps, in another process: SENDERS senders post the signed requests over kept-alive connections. */
export function runLoad(file: string, url: string): Promise<{ acked: number; refused: number; seconds: number; cpuSeconds: number }> {
  const script = `
    const http = require('node:http');
    const requests = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'));
    const agent = new http.Agent({ keepAlive: true, maxSockets: ${SENDERS} });
    const post = (r) => new Promise((resolve) => {
      const req = http.request(${JSON.stringify(url)}, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body), ...r.headers } }, (res) => {
        res.resume(); res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', () => resolve(0));
      req.end(r.body);
    });
    let next = 0, acked = 0, refused = 0;
    async function sender() { while (next < requests.length) { if ((await post(requests[next++])) === 200) acked++; else refused++; } }
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    Promise.all(Array.from({ length: ${SENDERS} }, sender)).then(() => {
      const cpu = process.cpuUsage(cpu0);
      process.stdout.write(JSON.stringify({ acked, refused, seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`)))),
  );
}

/** Signed requests for one round (fresh event ids and timestamps), written for the load process. */
export function writeRequests(seeded: Seeded, count: number, round: string, file: string): void {
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

interface RoundFigures {
  mode: Mode;
  eventsPerSecond: number;
  /** Events acknowledged per CPU-second of the app's process (its worker thread, and the thread serving the API). */
  perCpuSecond: number;
  deliveriesPerSecond: number;
  lost: number;
  /**
   * Where the two cores went while the events came in, in CPU milliseconds per request: the load process (the
   * apps sending), the server (ours, or the bare one), and the app server receiving deliveries meanwhile.
   */
  cpu: { client: number; server: number; appServer: number; appServerPerDelivery: number };
  /** The 1-minute load average when the round ended. */
  load: number;
}

type PlainServer = Awaited<ReturnType<typeof startPlainServer>>;

/** One round of one mode. `open`: another checkout's openAppContext, to measure main's code beside a change in one run. */
export async function round(
  seeded: Seeded,
  databasePath: string,
  mode: Mode,
  n: number,
  events: number,
  servers: { bare: PlainServer; app: PlainServer },
  open: typeof openAppContext = openAppContext,
): Promise<RoundFigures> {
  const file = path.join(seeded.dir, `requests-${mode}-${n}.json`);
  writeRequests(seeded, events, `${mode}-${n}-${randomUUID().slice(0, 8)}`, file);
  try {
    if (mode === 'bare') {
      const server0 = await servers.bare.cpuSeconds();
      const load = await runLoad(file, `${servers.bare.url}/triggers`);
      const server = (await servers.bare.cpuSeconds()) - server0;
      const perRequest = (seconds: number) => (seconds * 1000) / (load.acked + load.refused);
      return {
        mode,
        eventsPerSecond: load.acked / load.seconds,
        perCpuSecond: NaN,
        deliveriesPerSecond: NaN,
        lost: NaN,
        cpu: { client: perRequest(load.cpuSeconds), server: perRequest(server), appServer: 0, appServerPerDelivery: NaN },
        load: os.loadavg()[0]!,
      };
    }
    const app = await open({
      databasePath,
      userName: 'bench',
      runtimeInWorker: true,
      runtime: { concurrency: 64, idleMs: 50, log: () => {}, ...(mode === 'single' ? { groupCommitMaxBatch: 1 } : {}) },
    });
    try {
      await app.startBackgroundWork();
      const events0 = app.db.prepare(`SELECT count(*) FROM trigger_events`).pluck().get() as number;
      const delivered0 = app.runtime.outbox.counts().delivered;
      const appServer0 = await servers.app.cpuSeconds();
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      const load = await runLoad(file, app.runtime.triggerEndpointUrl!);
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const appServerSeconds = (await servers.app.cpuSeconds()) - appServer0;
      const deliveredDuringLoad = app.runtime.outbox.counts().delivered - delivered0;

      // Deliveries go on after the last event: counted until the outbox is empty or 30 s more have passed.
      while (app.runtime.outbox.counts().pending > 0 && performance.now() - start < load.seconds * 1000 + 30_000)
        await new Promise((r) => setTimeout(r, 50));
      const deliverySeconds = (performance.now() - start) / 1000;
      const delivered = app.runtime.outbox.counts().delivered - delivered0;
      const recorded = (app.db.prepare(`SELECT count(*) FROM trigger_events`).pluck().get() as number) - events0;
      return {
        mode,
        eventsPerSecond: load.acked / load.seconds,
        perCpuSecond: load.acked / cpuSeconds,
        deliveriesPerSecond: delivered / deliverySeconds,
        lost: load.acked - Math.min(load.acked, recorded),
        cpu: {
          client: (load.cpuSeconds * 1000) / (load.acked + load.refused),
          server: (cpuSeconds * 1000) / (load.acked + load.refused),
          appServer: (appServerSeconds * 1000) / (load.acked + load.refused),
          appServerPerDelivery: (appServerSeconds * 1000) / Math.max(1, deliveredDuringLoad),
        },
        load: os.loadavg()[0]!,
      };
    } finally {
      await app.shutdown();
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * What 0.5× bare leaves the app on this machine, from this run's own figures: at half the bare server's
 * requests/s, the load process (its cost per request against bare) and the app server receiving the deliveries
 * (its cost per event) take their share of the cores first; the rest, per event, is what the app's process may
 * spend. Beside it, a floor no handler can go under: the intake's write transactions per event (the store floor's
 * rounds: no HTTP, no deliveries, no signature check) plus what the bare server spends per request. When that floor
 * is above the share, the ratio is out of this machine's reach. Bare node:http warms up over a round (6,000
 * requests/s at 3,000 per round, 13,000 at 20,000: INTAKE_EVENTS), and the share shrinks as it does.
 */
function budgetAtHalfBare(f: {
  bareRequestsPerSecond: number;
  loadMsPerRequest: number;
  appServerMsPerEvent: number;
  storeWriteMsPerEvent: number;
  bareServerMsPerRequest: number;
  appMsPerEvent: number;
}): string {
  const cores = os.availableParallelism();
  const target = f.bareRequestsPerSecond / 2;
  const othersCores = (target * (f.loadMsPerRequest + f.appServerMsPerEvent)) / 1000;
  const appMs = ((cores - othersCores) * 1000) / target;
  const floorMs = f.storeWriteMsPerEvent + f.bareServerMsPerRequest;
  const verdict =
    appMs < floorMs
      ? 'less than the floor: out of reach on this machine'
      : appMs < f.appMsPerEvent
        ? `${(f.appMsPerEvent / appMs).toFixed(1)}× less than the app's process spends now`
        : 'within what the app spends now';
  return (
    `0.5× bare is ${target.toFixed(0)} events/s: the load process and the app server would take ${othersCores.toFixed(2)} of ${cores} cores, ` +
    `leaving ${appMs.toFixed(3)} ms CPU per event for the app's process (now ${f.appMsPerEvent.toFixed(3)}; ` +
    `floor ${floorMs.toFixed(3)}: its write transactions ${f.storeWriteMsPerEvent.toFixed(3)} and bare's HTTP ${f.bareServerMsPerRequest.toFixed(3)}): ${verdict}`
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function printIntakeBench(options: { events?: number; rounds?: number } = {}): Promise<void> {
  const events = options.events ?? 3_000;
  const rounds = options.rounds ?? 3;
  const seeded = await seed();
  const databasePath = path.join(seeded.dir, 'bench.db');
  const appServer = await startPlainServer();
  const bare = await startPlainServer();
  try {
    seeded.app.db.prepare(`UPDATE app_endpoints SET url = ?`).run(`${appServer.url}/flow/actions`);
    // No automatic database backup a minute into a round: it would copy the file in the middle of one mode only.
    new SettingsStore(seeded.app.db).set('backup.everyHours', '0');
    seeded.app.close();
    console.log(
      `seeded: ${seeded.stores.length} stores × 2,000 workflows; ${events} signed events per round, ${SENDERS} concurrent keep-alive senders in another process; app server in a third`,
    );
    const results: RoundFigures[] = [];
    const floors: FloorFigures[] = [];
    for (let n = 0; n < rounds; n++) {
      for (const mode of MODES) {
        const r = await round(seeded, databasePath, mode, n, events, { bare, app: appServer });
        results.push(r);
        console.log(
          mode === 'bare'
            ? `round ${n + 1} bare node:http (transport floor): ${r.eventsPerSecond.toFixed(0)} requests/s`
            : `round ${n + 1} ${mode === 'group' ? 'group commit (ours)' : 'one commit per event (baseline)'}: ${r.eventsPerSecond.toFixed(0)} events/s acknowledged (${r.perCpuSecond.toFixed(0)} per CPU-second of the app's process), ${r.deliveriesPerSecond.toFixed(0)} deliveries/s, lost ${r.lost}`,
        );
        console.log(
          `  CPU ms per request: load process ${r.cpu.client.toFixed(3)}, ${mode === 'bare' ? 'bare server' : "app's process"} ${r.cpu.server.toFixed(3)}` +
            (mode === 'bare'
              ? ''
              : `, app server receiving deliveries ${r.cpu.appServer.toFixed(3)} (${r.cpu.appServerPerDelivery.toFixed(3)} per delivery)`) +
            `; load average ${r.load.toFixed(1)}`,
        );
      }
      const f = await storeFloorRound(seeded, databasePath, Math.min(events, 2_000), n);
      floors.push(f);
      console.log(
        `round ${n + 1} store floor, ${f.events} events in batches of 32, no HTTP: intake's transactions ${f.oursWriteMs.toFixed(0)} ms (intake end to end ${f.oursTotalMs.toFixed(0)} ms) vs raw prepared inserts of the same rows ${f.rawMs.toFixed(0)} ms: ${(f.oursWriteMs / f.rawMs).toFixed(2)}× (${(f.oursTotalMs / f.rawMs).toFixed(2)}×)`,
      );
    }
    const of = (mode: Mode, pick: (r: RoundFigures) => number) => median(results.filter((r) => r.mode === mode).map(pick));
    const group = of('group', (r) => r.eventsPerSecond);
    const single = of('single', (r) => r.eventsPerSecond);
    const cpu = (mode: Mode, pick: (c: RoundFigures['cpu']) => number) => of(mode, (r) => pick(r.cpu)).toFixed(3);
    console.log(
      `median CPU ms per request: group: load process ${cpu('group', (c) => c.client)}, app's process ${cpu('group', (c) => c.server)}, app server ${cpu('group', (c) => c.appServer)} (${cpu('group', (c) => c.appServerPerDelivery)} per delivery); bare: load process ${cpu('bare', (c) => c.client)}, bare server ${cpu('bare', (c) => c.server)}`,
    );
    const floor = of('bare', (r) => r.eventsPerSecond);
    console.log(
      `median of ${rounds}: store floor: the intake's write cost ${median(floors.map((f) => f.oursWriteMs / f.rawMs)).toFixed(2)}× raw prepared inserts of the same rows in the same batches (end to end ${median(floors.map((f) => f.oursTotalMs / f.rawMs)).toFixed(2)}×; target ≤ 2×); group ${of('group', (r) => r.perCpuSecond).toFixed(0)} events per CPU-second; group ${group.toFixed(0)} events/s (${(group / single).toFixed(2)}× one commit per event, ${single.toFixed(0)}; ${(group / floor).toFixed(2)}× bare node:http, ${floor.toFixed(0)}); deliveries/s group ${of('group', (r) => r.deliveriesPerSecond).toFixed(0)} vs single ${of('single', (r) => r.deliveriesPerSecond).toFixed(0)}; lost ${results.reduce((sum, r) => sum + (Number.isNaN(r.lost) ? 0 : r.lost), 0)}`,
    );
    const budget = budgetAtHalfBare({
      bareRequestsPerSecond: floor,
      loadMsPerRequest: of('bare', (r) => r.cpu.client),
      appServerMsPerEvent: of('group', (r) => r.cpu.appServer),
      storeWriteMsPerEvent: median(floors.map((f) => f.oursWriteMs / f.events)),
      bareServerMsPerRequest: of('bare', (r) => r.cpu.server),
      appMsPerEvent: of('group', (r) => r.cpu.server),
    });
    console.log(budget);
  } finally {
    appServer.stop();
    bare.stop();
    fs.rmSync(seeded.dir, { recursive: true, force: true });
  }
}
