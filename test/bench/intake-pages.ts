/**
 * The intake's write cost in process, this checkout beside another (main's code in its own worktree), alternated
 * batch group by batch group in one process, so the load of a shared machine moves both alike:
 *
 *     git worktree add --detach /tmp/main-wt main && ln -s "$PWD/node_modules" /tmp/main-wt/
 *     VERSUS=/tmp/main-wt npx tsx test/bench/intake-pages.ts
 *
 * Each side seeds the runtime bench's organization with its own code (so a migration of ours is in place), takes
 * PREFILL signed events untimed (tables of a realistic size), then ROUNDS rounds of EVENTS events each through
 * `Intake.fromApp` in batches of 32 (one group commit each, as 32 concurrent senders give it; no HTTP, no
 * deliveries), timing this process's CPU. Then PAGES batches after a checkpoint each: the WAL frames a commit of 32
 * wrote, each frame's page named by its B-tree (dbstat). Prints CPU per event and pages per commit per side.
 * What-if: DROP=<index,index> drops those indexes on our side after seeding (VERSUS=. then measures what they cost).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signedRequests } from './intake-floor';
import type { seed as seedFn } from './runtime.bench';

type Seeded = Awaited<ReturnType<typeof seedFn>>;
const BATCH = 32;

/** A side with lagging indexes (migration 17) fills them as its runtime's timer would: once this many runs wait. */
const INDEX_AT_RUNS = Number(process.env.INDEX_AT_RUNS ?? 16_384);

async function take(seeded: Seeded, list: ReturnType<typeof signedRequests>): Promise<void> {
  const runtime = seeded.app.runtime as Seeded['app']['runtime'] & { indexRuns?: () => Promise<number> };
  const runs = runtime.runs as typeof runtime.runs & { unindexedRuns?: () => number };
  for (let i = 0; i < list.length; i += BATCH) {
    const results = await Promise.all(list.slice(i, i + BATCH).map((r) => seeded.app.runtime.intake.fromApp(r.body, r.headers)));
    for (const r of results) if (!r.ok) throw new Error(`refused: ${r.refusal.message}`);
    if (runtime.indexRuns && runs.unindexedRuns && runs.unindexedRuns() >= INDEX_AT_RUNS) await runtime.indexRuns();
  }
}

/** WAL frames one batch's commit wrote, by B-tree, after a checkpoint that empties the WAL (untimed). */
async function pages(seeded: Seeded, list: ReturnType<typeof signedRequests>, byTree: Map<string, number>): Promise<number> {
  const { db } = seeded.app;
  const wal = path.join(seeded.dir, 'bench.db-wal');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  let total = 0;
  for (let i = 0; i < list.length; i += BATCH) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const owner = new Map(db.prepare(`SELECT pageno, name FROM dbstat`).raw().all() as [number, string][]);
    await take(seeded, list.slice(i, i + BATCH));
    const buf = fs.readFileSync(wal);
    for (let off = 32; off + 24 <= buf.length; off += pageSize + 24) {
      const name = owner.get(buf.readUInt32BE(off)) ?? 'new page';
      byTree.set(name, (byTree.get(name) ?? 0) + 1);
      total++;
    }
  }
  return total;
}

async function side(dir: string): Promise<Seeded> {
  const { seed } = (await import(path.join(dir, 'test/bench/runtime.bench.ts'))) as typeof import('./runtime.bench');
  return seed();
}

async function main(): Promise<void> {
  const versus = process.env.VERSUS;
  if (!versus) throw new Error('VERSUS=<the other checkout> is required');
  const prefill = Number(process.env.PREFILL ?? 20_000);
  const rounds = Number(process.env.ROUNDS ?? 6);
  const events = Number(process.env.EVENTS ?? 1_600);
  const pageBatches = Number(process.env.PAGES ?? 20);
  const sides: Record<'theirs' | 'ours', Seeded> = {
    theirs: await side(path.resolve(versus)),
    ours: await side(path.resolve(__dirname, '../..')),
  };
  for (const index of (process.env.DROP ?? '').split(',').filter(Boolean)) sides.ours.app.db.exec(`DROP INDEX ${index}`);
  const cpu: Record<string, number[]> = { theirs: [], ours: [] };
  try {
    for (const [who, s] of Object.entries(sides)) {
      const started = performance.now();
      const c0 = process.cpuUsage();
      await take(s, signedRequests(s, prefill, `prefill-${who}`));
      const c = process.cpuUsage(c0);
      console.log(
        `${who}: ${prefill} events taken first (compiling the workflows they reach) in ${((performance.now() - started) / 1000).toFixed(1)} s, ${((c.user + c.system) / 1e6).toFixed(1)} s CPU`,
      );
    }
    for (let n = 0; n < rounds; n++) {
      const order = n % 2 === 0 ? (['theirs', 'ours'] as const) : (['ours', 'theirs'] as const);
      for (const who of order) {
        const s = sides[who];
        const list = signedRequests(s, events, `round-${n}-${who}`);
        const c0 = process.cpuUsage();
        await take(s, list);
        const c = process.cpuUsage(c0);
        cpu[who]!.push((c.user + c.system) / 1000 / events);
      }
      console.log(
        `round ${n + 1}: ours ${cpu.ours![n]!.toFixed(3)} ms CPU per event, theirs ${cpu.theirs![n]!.toFixed(3)} (${(cpu.ours![n]! / cpu.theirs![n]!).toFixed(2)}×), load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    const ratios = cpu.ours!.map((v, i) => v / cpu.theirs![i]!);
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    console.log(
      `CPU per event over all rounds (the lagging index's passes included where they fell): ours ${(sum(cpu.ours!) / rounds).toFixed(3)} ms, theirs ${(sum(cpu.theirs!) / rounds).toFixed(3)} ms (${(sum(cpu.ours!) / sum(cpu.theirs!)).toFixed(2)}×)`,
    );
    console.log(
      `CPU per event, median: ours ${median(cpu.ours!).toFixed(3)} ms, theirs ${median(cpu.theirs!).toFixed(3)} ms; ours ÷ theirs per round ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} (median ${median(ratios).toFixed(2)})`,
    );
    for (const [who, s] of Object.entries(sides)) {
      const byTree = new Map<string, number>();
      const total = await pages(s, signedRequests(s, pageBatches * BATCH, `pages-${who}`), byTree);
      const top = [...byTree]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, v]) => `${k} ${(v / pageBatches).toFixed(1)}`)
        .join(', ');
      const runs = s.app.db.prepare(`SELECT count(*) FROM runs`).pluck().get() as number;
      console.log(
        `${who}: ${(total / pageBatches).toFixed(1)} WAL pages per commit of ${BATCH} events (${runs} runs in the table): ${top}`,
      );
    }
  } finally {
    for (const s of Object.values(sides)) {
      s.app.close();
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
  }
}

void main();
