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

/** Oslo's "Big orders" delivered to Klaviyo twice: the first refused, the second through. */
async function withDeliveries(dir: string) {
  let refusing = true;
  const { app, org, workflowId } = await storeWithApp({ dir, answer: () => (refusing ? { status: 422 } : { status: 200 }) });
  expect(await finished(app, await sendOrder(app, org.storeId))).toBe('has_errors');
  refusing = false;
  expect(await finished(app, await sendOrder(app, org.storeId))).toBe('succeeded_with_actions');
  return { app, org, workflowId };
}

describe('migration 12: deliveries by store', () => {
  it('a database of schema 11 gets the index, and readiness finds a store’s deliveries through it instead of scanning the outbox', async () => {
    const dir = tempDir();
    const { app, org, workflowId } = await withDeliveries(dir);
    await app.runtime.stop();
    app.close();
    // As schema 11 had it: no index on the outbox by store.
    const raw = closeDatabaseAfterTest(new Database(path.join(dir, 'flow-admin.db')));
    raw.exec(`DROP INDEX outbox_by_store; PRAGMA user_version = 11;`);
    for (const plan of readinessPlans(raw, org.organizationId, org.storeId)) expect(plan).toMatch(/SCAN o\b/);
    raw.close();

    const upgraded = await openRuntimeApp(dir);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(12);
    const searchesByStore = () => {
      for (const plan of readinessPlans(upgraded.db, org.organizationId, org.storeId)) {
        expect(plan).toMatch(/SEARCH o USING COVERING INDEX outbox_by_store \(store_id=\?/);
        expect(plan).not.toMatch(/SCAN o\b/);
      }
    };
    searchesByStore();
    // And with the statistics of a large outbox (900,000 finished deliveries over 1,000 stores).
    upgraded.db.exec(`
      DELETE FROM sqlite_stat1 WHERE tbl IN ('outbox', 'stores');
      INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
        ('outbox', 'outbox_by_store', '900000 900 300 150 1'),
        ('outbox', 'outbox_by_run', '1000000 2 1'),
        ('outbox', 'sqlite_autoindex_outbox_1', '1000000 1'),
        ('stores', 'stores_by_organization', '1000 1000'),
        ('stores', 'sqlite_autoindex_stores_1', '1000 1');
      ANALYZE sqlite_schema;
    `);
    searchesByStore();
    // What readiness reads is unchanged: the refused delivery was followed by one that went through.
    expect((await call(upgraded, 'status.pair', { workflowId, storeId: org.storeId })).warnings).toEqual([]);
  });
});
