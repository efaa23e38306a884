import type { Database } from 'better-sqlite3';

/** One step of the schema. `version` is the PRAGMA user_version the database has after `up`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
