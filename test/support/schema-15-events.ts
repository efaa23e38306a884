import Database from 'better-sqlite3';
import { migrations } from '../../electron/store/migrations';
import { openDatabase } from '../../electron/store/open-database';

/**
 * A database as schema 15 kept it, with `events` trigger events of 5 search values each in trigger_event_values
 * (what migration 016 carries over): the upgrade a long-time user meets. Closed again; the events belong to no
 * store (foreign keys off while writing), which the upgrade does not look at.
 */
export async function schema15WithEvents(file: string, events: number): Promise<void> {
  const { db } = await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 15) });
  db.close();
  const raw = new Database(file);
  raw.pragma('foreign_keys = OFF');
  raw.exec(`
    CREATE TEMP TABLE n (i INTEGER PRIMARY KEY);
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${events}) INSERT INTO n SELECT i FROM c;
    BEGIN;
    INSERT INTO trigger_events (id, store_id, app_id, trigger_handle, source, payload, received_at)
      SELECT 'event-' || i, 'store-1', 'shopify', 'order_created', 'app', '{}', '2026-12-01T00:00:00.000Z' FROM n;
    INSERT INTO trigger_event_values (value, event_id)
      SELECT CASE k WHEN 1 THEN 'gid://shopify/Order/' || i WHEN 2 THEN 'Order ' || i WHEN 3 THEN 'Customer' || i || '@Example.com'
        WHEN 4 THEN 'SKU-' || (i % 97) ELSE 'Øst ' || i END, 'event-' || i
      FROM n, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5);
    COMMIT;
  `);
  raw.close();
}
