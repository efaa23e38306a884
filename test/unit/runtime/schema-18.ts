import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { migration018 } from '../../../electron/store/migrations/018-runs-by-workflow-lagging';

/** Puts a file of the current schema back as schema 18 had it: the store indexes and foreign keys, no lagging indexes by store. */
export function asSchema18(raw: Database.Database): void {
  raw.exec(`
    DROP TRIGGER trigger_events_indexed_go_with_event; DROP TRIGGER trigger_events_indexed_follow_event;
    DROP TRIGGER runs_indexed_go_with_run; DROP TRIGGER runs_indexed_follow_run;
    DROP TABLE runs_indexed_by_store; DROP TABLE trigger_events_indexed_by_store;
    DELETE FROM lagging_indexes WHERE source = 'trigger_events';
    CREATE INDEX runs_by_store ON runs (store_id, started_at);
    CREATE INDEX trigger_events_by_store ON trigger_events (store_id, received_at);
  `);
  migration018.up(raw);
  writeColumnAgain(
    raw,
    'runs',
    'store_id          TEXT NOT NULL,',
    'store_id          TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,',
  );
  writeColumnAgain(
    raw,
    'trigger_events',
    'store_id        TEXT NOT NULL,',
    'store_id        TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,',
  );
  raw.pragma('user_version = 18');
  const references = raw.prepare(
    `SELECT name FROM sqlite_schema WHERE name IN ('runs', 'trigger_events') AND sql LIKE '%store_id%REFERENCES stores (id)%'`,
  );
  expect(references.pluck().all().sort()).toEqual(['runs', 'trigger_events']);
}

/** A column's definition in a table's CREATE statement written as an older schema had it (e.g. with a foreign key a migration dropped). */
export function writeColumnAgain(raw: Database.Database, table: string, now: string, before: string): void {
  const version = raw.pragma('schema_version', { simple: true }) as number;
  raw.unsafeMode(true);
  raw.pragma('writable_schema = ON');
  raw.prepare(`UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE name = ?`).run(now, before, table);
  raw.pragma(`schema_version = ${version + 1}`);
  raw.pragma('writable_schema = OFF');
  raw.unsafeMode(false);
}
