/**
 * What a delivery writes, in pages of the WAL: the runtime bench's organization takes N events in process (no
 * deliveries running), then batches of 48 due rows are leased (one transaction) and their answers written as the
 * delivery worker writes them (outbox row, step, run status: another), each after a checkpoint, and each WAL
 * frame's page is named by its B-tree (dbstat). Then again without outbox_by_store (gone since migration 15),
 * and without runs_by_organization_status as well: what each index's entries cost per batch.
 *   node --import tsx test/bench/delivery-pages.ts [events]
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchEvents, seed } from './runtime.bench';

async function main() {
  const seeded = await seed();
  await benchEvents(seeded, Number(process.argv[2] ?? 6000));
  const { db, runtime } = seeded.app;
  const wal = path.join(seeded.dir, 'bench.db-wal');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const byTree = new Map<string, number>();
  let owner = new Map<number, string>();
  const frames = (work: () => void, tally = false) => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (tally) owner = new Map(db.prepare(`SELECT pageno, name FROM dbstat`).raw().all() as [number, string][]);
    const before = fs.statSync(wal).size;
    db.transaction(work).immediate();
    const after = fs.statSync(wal).size;
    if (tally) {
      const buf = fs.readFileSync(wal);
      for (let off = 32; off + 24 <= after; off += pageSize + 24) {
        const pgno = buf.readUInt32BE(off);
        const name = owner.get(pgno) ?? 'new page';
        byTree.set(name, (byTree.get(name) ?? 0) + 1);
      }
    }
    return (after - before) / (pageSize + 24);
  };
  const BATCH = 48;
  const measure = (label: string, batches: number) => {
    let lease = 0,
      result = 0;
    for (let b = 0; b < batches; b++) {
      const now = Date.now();
      const rows = runtime.outbox.due(now + 1e9, BATCH);
      lease += frames(() =>
        runtime.outbox.claim(
          rows.map((r) => r.actionRunId),
          'x',
          now,
          now + 60_000,
        ),
      );
      result += frames(() => {
        const iso = new Date().toISOString();
        for (const row of rows) {
          runtime.outbox.update({
            actionRunId: row.actionRunId,
            state: 'delivered',
            attempts: 1,
            polls: 0,
            throttles: 0,
            nextAttemptAt: now,
            firstAcceptedAt: null,
            lastStatus: 200,
            lastError: null,
            updatedAt: iso,
          });
          (runtime.outbox as { markThrough?: (s: string, a: string, at: string) => void }).markThrough?.(row.storeId, row.appId, iso);
          runtime.runs.updateStep({
            runId: row.runId,
            seq: row.stepSeq,
            status: 'succeeded',
            outputs: JSON.stringify({ actionRunId: row.actionRunId, response: { status: 200, body: { ok: true } } }),
            error: null,
            attempts: 1,
            startedAt: null,
            finishedAt: iso,
          });
          runtime.runner.refreshStatus(row.runId, undefined, iso);
        }
      }, true);
    }
    console.log(
      [...byTree]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${(v / batches).toFixed(1)}`)
        .join(', '),
    );
    byTree.clear();
    console.log(`${label}: pages per batch of ${BATCH}: lease ${(lease / batches).toFixed(1)}, result ${(result / batches).toFixed(1)}`);
  };
  console.log(`outbox rows: ${JSON.stringify(runtime.outbox.counts())}, page ${pageSize}`);
  measure('as now', 20);
  db.exec(`DROP INDEX IF EXISTS outbox_by_store`);
  measure('without outbox_by_store', 20);
  db.exec(`DROP INDEX runs_by_organization_status`);
  measure('without outbox_by_store and runs_by_organization_status', 20);
  seeded.app.close();
  fs.rmSync(seeded.dir, { recursive: true, force: true });
}
void main();
