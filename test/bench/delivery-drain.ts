/**
 * The delivery path alone, in one thread, for alternating two trees' code (each run is one process): the runtime
 * bench's organization takes N events in process with no deliveries running, then the runtime (inline, on this
 * thread) drains the outbox to a node:http app server in another process. Prints deliveries/s and this process's
 * CPU per delivery (one thread does it all: the pump, leases, requests, answers and their commits).
 *   node --import tsx test/bench/delivery-drain.ts <tree> [events]
 */
import path from 'node:path';
import { startAppProcess } from './runtime.bench';

async function main(): Promise<void> {
  const [tree, eventsArg] = process.argv.slice(2) as [string, string | undefined];
  const bench = (await import(path.join(path.resolve(tree), 'test/bench/runtime.bench.ts'))) as typeof import('./runtime.bench');
  const seeded = await bench.seed();
  await bench.benchEvents(seeded, Number(eventsArg ?? 4_000));
  const appServer = await startAppProcess();
  const { app } = seeded;
  app.db.prepare(`UPDATE app_endpoints SET url = ?`).run(appServer.url);
  app.runtime.endpoints.forget();
  const total = app.runtime.outbox.counts().pending;
  // Asked every 20 ms: through the due rows' partial index, not counts() (a scan of the whole outbox, 12 % of the thread).
  const pending = app.db.prepare(`SELECT count(*) FROM outbox WHERE state IN ('pending', 'accepted')`).pluck();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await app.runtime.start();
  while ((pending.get() as number) > 0 && performance.now() - start < 120_000) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await app.runtime.stop();
  const { delivered, failed } = app.runtime.outbox.counts();
  const commits = app.runtime.commit.commits;
  app.close();
  appServer.stop();
  process.stdout.write(
    `${JSON.stringify({ total, delivered, failed, perSecond: delivered / seconds, cpuMsPerDelivery: (cpu.user + cpu.system) / 1e3 / delivered, commits })}\n`,
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
