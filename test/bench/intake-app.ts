/**
 * One app's process for the alternated intake bench (intake-alternate.ts): opens the database with the code of
 * the tree given (this one, or a baseline checkout), starts the runtime in its worker thread as browser mode does,
 * prints the trigger endpoint, then answers each line on stdin with its CPU so far and the outbox's counts
 * ("stop" shuts it down). Run by the bench, not by hand: node --import tsx intake-app.ts <tree> <database> [concurrency].
 */
import path from 'node:path';
import readline from 'node:readline';

async function main(): Promise<void> {
  const [tree, databasePath, concurrency] = process.argv.slice(2) as [string, string, string | undefined];
  const { openAppContext } = (await import(path.join(tree, 'electron/app-context.ts'))) as typeof import('../../electron/app-context');
  const app = await openAppContext({
    databasePath,
    userName: 'bench',
    runtimeInWorker: true,
    // Concurrency 0: events only, the deliveries left in the outbox for a drain measured alone.
    runtime: { concurrency: Number(concurrency ?? 64), idleMs: 50, log: () => {} },
  });
  await app.startBackgroundWork();
  const count = app.db.prepare(`SELECT count(*) FROM trigger_events`).pluck();
  // Through the due rows' partial index: counts() scans the whole outbox, which the bench asks every 50 ms.
  const pending = app.db.prepare(`SELECT count(*) FROM outbox WHERE state IN ('pending', 'accepted')`).pluck();
  const total = app.db.prepare(`SELECT count(*) FROM outbox`).pluck();
  const answer = () => {
    const cpu = process.cpuUsage();
    const waiting = pending.get() as number;
    // Nothing fails in the bench (the app answers 200): what is not waiting was delivered.
    return {
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      delivered: (total.get() as number) - waiting,
      pending: waiting,
      events: count.get(),
    };
  };
  process.stdout.write(`${JSON.stringify({ url: app.runtime.triggerEndpointUrl, ...answer() })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'stop') break;
    process.stdout.write(`${JSON.stringify(answer())}\n`);
  }
  await app.shutdown();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
