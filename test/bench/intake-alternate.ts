/**
 * The intake over HTTP with deliveries running, this tree's code alternated round by round with a baseline
 * checkout's (another worktree, its node_modules in place), so a change is measured against what it replaces
 * on the same shared machine in the same minutes. Each side runs in a process of its own (intake-app.ts) on
 * its own copy of the same database, seeded by the baseline's code (ours migrates its copy when it opens it);
 * the load process, the app server receiving deliveries and the signed requests are the intake bench's. Per round and side: events/s acknowledged,
 * deliveries/s until the outbox is empty, and the app's process's CPU per event and per delivery. INTAKE_ALT_TREES
 * (comma-separated, other checkouts) adds candidates: each takes its turn in every round, the order rotated.
 *   node --import tsx test/bench/intake-alternate.ts <baseline tree> [rounds] [events]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { runLoad, startPlainServer, writeRequests } from './intake.bench';
import type { seed } from './runtime.bench';
import { SettingsStore } from '../../electron/store/settings-store';

interface Reading {
  url?: string;
  cpuSeconds: number;
  delivered: number;
  pending: number;
  events: number;
}

/** One side's app process: started on its database, asked for readings line by line. */
async function startSide(tree: string, databasePath: string, concurrency = 64) {
  const script = path.join(__dirname, 'intake-app.ts');
  // INTAKE_ALT_PROFILE=<dir>: each app process writes a CPU profile per thread there (.cpuprofile: open in Chrome DevTools' Performance panel).
  const profile = process.env.INTAKE_ALT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.INTAKE_ALT_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script, tree, databasePath, String(concurrency)], {
    cwd: tree,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Reading> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the app process ended');
    return JSON.parse(value as string) as Reading;
  };
  const first = await next();
  return {
    url: first.url!,
    read: async () => {
      child.stdin.write('read\n');
      return next();
    },
    stop: async () => {
      child.stdin.write('stop\n');
      await new Promise((resolve) => child.on('exit', resolve));
    },
  };
}

/**
 * INTAKE_ALT_HISTORY=<runs>: before the rounds, the seeded file is given that many runs of history (1.5 per event,
 * over the last day, stores and workflows of the organization at random), so the runs' indexes are of a size a
 * year of traffic gives them, not of the few thousand runs the rounds write. Events and runs only: no steps or
 * deliveries (the indexes by store and workflow are what such history changes).
 */
const HISTORY = Number(process.env.INTAKE_ALT_HISTORY ?? 0);

function fillHistory(db: import('better-sqlite3').Database, runs: number): void {
  const stores = db.prepare(`SELECT id, organization_id FROM stores`).raw().all() as [string, string][];
  const workflows = db.prepare(`SELECT id FROM workflows`).pluck().all() as string[];
  const event = db.prepare(
    `INSERT INTO trigger_events (id, store_id, app_id, trigger_handle, source, payload, received_at) VALUES (?, ?, 'klaviyo', 'history', 'app', '{}', ?)`,
  );
  const run = db.prepare(
    `INSERT INTO runs (id, workflow_id, workflow_version, store_id, event_id, status, started_at, organization_id) VALUES (?, ?, 1, ?, ?, 'succeeded_with_actions', ?, ?)`,
  );
  const events = Math.round(runs / 1.5);
  const t0 = Date.now() - 86_400_000;
  let made = 0;
  let random = 12345;
  const next = (n: number) => ((random = (random * 1103515245 + 12345) % 2147483648), random % n);
  db.transaction(() => {
    for (let i = 0; i < events && made < runs; i++) {
      const [storeId, orgId] = stores[next(stores.length)]!;
      const id = `history-${String(i).padStart(9, '0')}`;
      const time = new Date(t0 + Math.floor((i * 80_000_000) / events)).toISOString();
      event.run(id, storeId, time);
      for (let k = 0; k < (i % 2 === 0 ? 1 : 2) && made < runs; k++, made++)
        run.run(`${id}-${k}`, workflows[next(workflows.length)]!, storeId, id, time, orgId);
    }
  })();
  db.exec('ANALYZE');
}

/** INTAKE_ALT_DRAIN=1: after each side's round, the deliveries alone: events taken with deliveries held, then the outbox drained. */
const DRAIN = process.env.INTAKE_ALT_DRAIN === '1';

async function drain(
  side: string,
  tree: string,
  databasePath: string,
  seeded: Awaited<ReturnType<typeof seed>>,
  events: number,
  n: number,
) {
  const holding = await startSide(tree, databasePath, 0);
  const requests = path.join(seeded.dir, `requests-drain-${side}-${n}.json`);
  writeRequests(seeded, events, `drain-${side}-${n}-${Date.now()}`, requests);
  await runLoad(requests, holding.url);
  fs.rmSync(requests, { force: true });
  await holding.stop();
  const sending = await startSide(tree, databasePath);
  const before = await sending.read();
  const start = performance.now();
  let after = before;
  while (after.pending > 0 && performance.now() - start < 120_000) {
    await new Promise((r) => setTimeout(r, 20));
    after = await sending.read();
  }
  const seconds = (performance.now() - start) / 1000;
  await sending.stop();
  const delivered = after.delivered - before.delivered;
  const figures = {
    side,
    dps: delivered / seconds,
    cpuPerDelivery: ((after.cpuSeconds - before.cpuSeconds) * 1000) / Math.max(1, delivered),
  };
  console.log(
    `round ${n + 1} ${side.padEnd(8)} drain: ${delivered} deliveries alone, ${figures.dps.toFixed(0)}/s, app's process CPU ${figures.cpuPerDelivery.toFixed(3)} ms/delivery; load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  return figures;
}

async function main(): Promise<void> {
  const [baselineArg, roundsArg, eventsArg] = process.argv.slice(2);
  if (!baselineArg) throw new Error('usage: intake-alternate.ts <baseline tree> [rounds] [events]');
  const trees: Record<string, string> = { baseline: path.resolve(baselineArg), ours: path.resolve(__dirname, '../..') };
  for (const tree of (process.env.INTAKE_ALT_TREES ?? '').split(',').filter(Boolean)) trees[path.basename(tree)] = path.resolve(tree);
  const sides = Object.keys(trees);
  const rounds = Number(roundsArg ?? 3);
  const events = Number(eventsArg ?? 3_000);
  // Seeded by the baseline's code: when ours adds a migration, its side migrates its copy as it opens (before the
  // round is timed); the baseline could not open a file of a newer schema.
  const { seed: seedBaseline } = (await import(
    path.join(trees.baseline!, 'test/bench/runtime.bench.ts')
  )) as typeof import('./runtime.bench');
  const seeded = await seedBaseline();
  const appServer = await startPlainServer();
  const bare = await startPlainServer();
  try {
    seeded.app.db.prepare(`UPDATE app_endpoints SET url = ?`).run(`${appServer.url}/flow/actions`);
    new SettingsStore(seeded.app.db).set('backup.everyHours', '0');
    if (HISTORY > 0) {
      const t = performance.now();
      fillHistory(seeded.app.db, HISTORY);
      console.log(`history: ${HISTORY} runs filled in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    seeded.app.close();
    const dirs: Record<string, string> = {};
    for (const side of Object.keys(trees)) {
      dirs[side] = path.join(seeded.dir, side);
      fs.mkdirSync(dirs[side]!);
      for (const file of ['bench.db', 'flow-admin.key']) fs.copyFileSync(path.join(seeded.dir, file), path.join(dirs[side]!, file));
    }
    console.log(`${events} signed events per round, ${rounds} rounds; ${sides.map((side) => `${side} ${trees[side]}`).join(', ')}`);
    const drains: { side: string; dps: number; cpuPerDelivery: number }[] = [];
    const rows: { side: string; eps: number; dps: number; cpuPerEvent: number; cpuPerDelivery: number; bare: number }[] = [];
    for (let n = 0; n < rounds; n++) {
      const order = sides.map((_, i) => sides[(i + n) % sides.length]!);
      const file = path.join(seeded.dir, `requests-bare-${n}.json`);
      writeRequests(seeded, events, `bare-${n}-${Date.now()}`, file);
      const bareLoad = await runLoad(file, `${bare.url}/triggers`);
      const bareRate = bareLoad.acked / bareLoad.seconds;
      for (const side of order) {
        const side0 = await startSide(trees[side]!, path.join(dirs[side]!, 'bench.db'));
        const requests = path.join(seeded.dir, `requests-${side}-${n}.json`);
        writeRequests(seeded, events, `${side}-${n}-${Date.now()}`, requests);
        const before = await side0.read();
        const appServer0 = await appServer.cpuSeconds();
        const start = performance.now();
        const load = await runLoad(requests, side0.url);
        const during = await side0.read();
        let after = during;
        while (after.pending > 0 && performance.now() - start < load.seconds * 1000 + 30_000) {
          await new Promise((r) => setTimeout(r, 50));
          after = await side0.read();
        }
        const seconds = (performance.now() - start) / 1000;
        const appServerCpu = (await appServer.cpuSeconds()) - appServer0;
        await side0.stop();
        const delivered = after.delivered - before.delivered;
        const cpu = after.cpuSeconds - before.cpuSeconds;
        const row = {
          side,
          eps: load.acked / load.seconds,
          dps: delivered / seconds,
          cpuPerEvent: ((during.cpuSeconds - before.cpuSeconds) * 1000) / load.acked,
          cpuPerDelivery: (cpu * 1000) / Math.max(1, delivered),
          bare: bareRate,
        };
        rows.push(row);
        const lost = load.acked - Math.min(load.acked, after.events - before.events);
        console.log(
          `round ${n + 1} ${side.padEnd(8)} ${row.eps.toFixed(0)} events/s (${(row.eps / bareRate).toFixed(2)}× bare ${bareRate.toFixed(0)}), ` +
            `${row.dps.toFixed(0)} deliveries/s (${delivered}), app's process CPU ${row.cpuPerEvent.toFixed(3)} ms/event while events came in, ` +
            `${((cpu * 1000) / load.acked).toFixed(3)} ms/event incl. draining, lost ${lost}, refused ${load.refused}; load ${os.loadavg()[0]!.toFixed(1)}; ` +
            `load process ${((load.cpuSeconds * 1000) / (load.acked + load.refused)).toFixed(3)} ms/request (bare's ${((bareLoad.cpuSeconds * 1000) / bareLoad.acked).toFixed(3)}), ` +
            `app server ${((appServerCpu * 1000) / Math.max(1, delivered)).toFixed(3)} ms/delivery`,
        );
        fs.rmSync(requests, { force: true });
        if (DRAIN) drains.push(await drain(side, trees[side]!, path.join(dirs[side]!, 'bench.db'), seeded, events, n));
      }
      fs.rmSync(file, { force: true });
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    const of = (side: string, pick: (r: (typeof rows)[number]) => number) => median(rows.filter((r) => r.side === side).map(pick));
    for (const side of sides)
      console.log(
        `median ${side}: ${of(side, (r) => r.eps).toFixed(0)} events/s, ${of(side, (r) => r.eps / r.bare).toFixed(2)}× bare, ${of(side, (r) => r.dps).toFixed(0)} deliveries/s, ` +
          `CPU ${of(side, (r) => r.cpuPerEvent).toFixed(3)} ms/event`,
      );
    if (DRAIN)
      for (const side of sides)
        console.log(
          `median drain ${side}: ${median(drains.filter((d) => d.side === side).map((d) => d.dps)).toFixed(0)} deliveries/s, ` +
            `CPU ${median(drains.filter((d) => d.side === side).map((d) => d.cpuPerDelivery)).toFixed(3)} ms/delivery`,
        );
    for (const side of sides.slice(1))
      console.log(
        `${side} ÷ baseline, events/s: ${(of(side, (r) => r.eps) / of('baseline', (r) => r.eps)).toFixed(2)}×; CPU per event ${(of(side, (r) => r.cpuPerEvent) / of('baseline', (r) => r.cpuPerEvent)).toFixed(2)}×`,
      );
  } finally {
    appServer.stop();
    bare.stop();
    fs.rmSync(seeded.dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
