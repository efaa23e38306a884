/**
 * The intake over HTTP, this checkout beside another one (main's code, in its own worktree) and a bare node:http
 * server, alternated round by round in one run, so the load of a shared machine moves all three alike:
 *
 *     git worktree add --detach /tmp/main-wt main && ln -s "$PWD/node_modules" /tmp/main-wt/
 *     VERSUS=/tmp/main-wt ROUNDS=4 npx tsx test/bench/intake-versus.ts
 *
 * Each checkout seeds its own database with its own code, so it also measures a change that adds a migration
 * (intake-alternate.ts runs both sides on copies of one seeded database, in processes of their own: use that
 * one when the schemas are the same). The rounds are the intake bench's (`round` in intake.bench.ts), 3,000
 * signed events each by default; both sides' app processes are this one (their CPU is read per round).
 * Prints events/s, the app's process CPU per event and the ratios per round, then the medians.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round, startPlainServer } from './intake.bench';

type Who = 'theirs' | 'ours' | 'bare';
interface Side {
  seeded: Awaited<ReturnType<typeof import('./runtime.bench').seed>>;
  open: typeof import('../../electron/app-context').openAppContext;
  databasePath: string;
}

async function side(dir: string): Promise<Side> {
  const { seed } = (await import(path.join(dir, 'test/bench/runtime.bench.ts'))) as typeof import('./runtime.bench');
  const { openAppContext } = (await import(path.join(dir, 'electron/app-context.ts'))) as typeof import('../../electron/app-context');
  const { SettingsStore } = (await import(
    path.join(dir, 'electron/store/settings-store.ts')
  )) as typeof import('../../electron/store/settings-store');
  const seeded = await seed();
  // No automatic backup a minute into a round.
  new SettingsStore(seeded.app.db).set('backup.everyHours', '0');
  return { seeded, open: openAppContext, databasePath: path.join(seeded.dir, 'bench.db') };
}

async function main(): Promise<void> {
  const versus = process.env.VERSUS;
  if (!versus) throw new Error('VERSUS=<the other checkout> is required');
  const rounds = Number(process.env.ROUNDS ?? 3);
  const events = Number(process.env.EVENTS ?? 3_000);
  const sides = { theirs: await side(path.resolve(versus)), ours: await side(path.resolve(__dirname, '../..')) };
  const appServer = await startPlainServer();
  const bare = await startPlainServer();
  const rows: { who: Who; n: number; eps: number; cpu: number }[] = [];
  try {
    for (const s of Object.values(sides)) {
      s.seeded.app.db.prepare(`UPDATE app_endpoints SET url = ?`).run(`${appServer.url}/flow/actions`);
      s.seeded.app.close();
    }
    for (let n = 0; n < rounds; n++) {
      const order: Who[] = n % 2 === 0 ? ['theirs', 'ours', 'bare'] : ['ours', 'bare', 'theirs'];
      for (const who of order) {
        const s = who === 'bare' ? sides.ours : sides[who];
        const r = await round(s.seeded, s.databasePath, who === 'bare' ? 'bare' : 'group', n, events, { bare, app: appServer }, s.open);
        rows.push({ who, n, eps: r.eventsPerSecond, cpu: r.cpu.server });
        console.log(
          `round ${n + 1} ${who.padEnd(6)} ${r.eventsPerSecond.toFixed(0).padStart(5)}/s, the server's process ${r.cpu.server.toFixed(3)} ms CPU per request, lost ${r.lost}, load ${r.load.toFixed(1)}`,
        );
      }
      const get = (who: Who) => rows.find((r) => r.n === n && r.who === who)!;
      console.log(
        `  ours/theirs ${(get('ours').eps / get('theirs').eps).toFixed(2)}× events/s, ${(get('ours').cpu / get('theirs').cpu).toFixed(2)}× CPU per event; to bare: ours ${(get('ours').eps / get('bare').eps).toFixed(3)}, theirs ${(get('theirs').eps / get('bare').eps).toFixed(3)}`,
      );
    }
    const median = (who: Who, pick: (r: (typeof rows)[number]) => number) => {
      const v = rows
        .filter((r) => r.who === who)
        .map(pick)
        .sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)]!;
    };
    console.log(
      `medians: ours ${median('ours', (r) => r.eps).toFixed(0)}/s ${median('ours', (r) => r.cpu).toFixed(3)} ms/event; theirs ${median('theirs', (r) => r.eps).toFixed(0)}/s ${median('theirs', (r) => r.cpu).toFixed(3)} ms/event; bare ${median('bare', (r) => r.eps).toFixed(0)}/s; load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    appServer.stop();
    bare.stop();
    for (const s of Object.values(sides)) fs.rmSync(s.seeded.dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
