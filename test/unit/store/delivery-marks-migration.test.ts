import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { failingDeliveriesSql } from '../../../electron/store/readiness-store';
import { call, closeDatabaseAfterTest } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { openRuntimeApp } from '../runtime/fixture';
import { finished, sendOrder, useStoreWithApp } from '../runtime/store-with-app';

const tempDir = useTempDir();
const { storeWithApp } = useStoreWithApp(tempDir);

/** How SQLite would read readiness's failing deliveries for an organization and for one store. */
function readinessPlans(db: Database.Database, organizationId: string, storeId: string): string[] {
  return [
    { organizationId, storeId: null },
    { organizationId: null, storeId },
  ].map((scope) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${failingDeliveriesSql}`).all(scope) as { detail: string }[]).map((r) => r.detail).join('\n'),
  );
}

/** Oslo's "Big orders" delivered to Klaviyo three times: refused, through, refused (the app answers as `answers` says). */
async function withDeliveries(dir: string) {
  const answers = [422, 200, 422];
  let next = 0;
  const { app, org, workflowId } = await storeWithApp({ dir, answer: () => ({ status: answers[next]! }) });
  for (const status of ['has_errors', 'succeeded_with_actions', 'has_errors']) {
    expect(await finished(app, await sendOrder(app, org.storeId))).toBe(status);
    next++;
  }
  return { app, org, workflowId, answerNext: (status: number) => answers.splice(next, 1, status) };
}

/** The pair's readiness warnings, each as the failures it counts. */
const failing = async (app: Awaited<ReturnType<typeof openRuntimeApp>>, workflowId: string, storeId: string) =>
  (await call(app, 'status.pair', { workflowId, storeId })).warnings.map((w) => (w as { failed?: number }).failed ?? w);

describe('migration 15: a delivery that goes through moves no index; readiness reads failed deliveries by store', () => {
  it('a database of schema 14 (every finished delivery indexed by store) keeps what readiness says, read through the failed ones alone', async () => {
    const dir = tempDir();
    const { app, org, workflowId } = await withDeliveries(dir);
    // One failure since the last that went through.
    expect(await failing(app, workflowId, org.storeId)).toEqual([1]);
    await app.runtime.stop();
    app.close();
    // As schema 14 had it: migration 12's index of every finished delivery, no marks.
    const raw = closeDatabaseAfterTest(new Database(path.join(dir, 'flow-admin.db')));
    raw.exec(`
      DROP TABLE delivery_marks; DROP INDEX outbox_failed_by_store;
      CREATE INDEX outbox_by_store ON outbox (store_id, app_id, state, updated_at) WHERE state IN ('delivered', 'failed');
      PRAGMA user_version = 14;`);
    raw.close();

    const upgraded = await openRuntimeApp(dir);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(15);
    const indexes = upgraded.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'outbox'`).pluck().all();
    expect(indexes).toContain('outbox_failed_by_store');
    expect(indexes).not.toContain('outbox_by_store');
    const searchesByStore = () => {
      for (const plan of readinessPlans(upgraded.db, org.organizationId, org.storeId)) {
        expect(plan).toMatch(/SEARCH o USING COVERING INDEX outbox_failed_by_store \(store_id=\?/);
        expect(plan).not.toMatch(/SCAN o\b/);
      }
    };
    searchesByStore();
    // And with the statistics of a large outbox (1,000,000 deliveries over 1,000 stores, 10,000 failed).
    upgraded.db.exec(`
      DELETE FROM sqlite_stat1 WHERE tbl IN ('outbox', 'stores');
      INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
        ('outbox', 'outbox_failed_by_store', '10000 10 5 1'),
        ('outbox', 'outbox_by_run', '1000000 2 1'),
        ('outbox', 'sqlite_autoindex_outbox_1', '1000000 1'),
        ('stores', 'stores_by_organization', '1000 1000'),
        ('stores', 'sqlite_autoindex_stores_1', '1000 1');
      ANALYZE sqlite_schema;
    `);
    searchesByStore();
    // What readiness reads is unchanged: the failure after the delivery that went through still counts.
    expect(await failing(upgraded, workflowId, org.storeId)).toEqual([1]);
  });

  it('a delivery going through writes a mark only while failures newer than the mark exist, and readiness follows it', async () => {
    const { app, org, workflowId, answerNext } = await withDeliveries(tempDir());
    const marks = () => app.db.prepare(`SELECT through_at FROM delivery_marks`).pluck().all() as string[];
    const failedAt = app.db.prepare(`SELECT max(updated_at) FROM outbox WHERE state = 'failed'`).pluck();
    // Marked when the second delivery went through after the first failed; the third failed after it.
    expect(marks()).toHaveLength(1);
    expect(marks()[0]! < (failedAt.get() as string)).toBe(true);
    expect(await failing(app, workflowId, org.storeId)).toEqual([1]);

    answerNext(200);
    expect(await finished(app, await sendOrder(app, org.storeId))).toBe('succeeded_with_actions');
    const cleared = marks()[0]!;
    expect(cleared >= (failedAt.get() as string)).toBe(true);
    expect(await failing(app, workflowId, org.storeId)).toEqual([]);

    // No failure since: the next delivery that goes through leaves the mark as it was.
    answerNext(200);
    expect(await finished(app, await sendOrder(app, org.storeId))).toBe('succeeded_with_actions');
    expect(marks()).toEqual([cleared]);
  });
});
