import type { Database } from 'better-sqlite3';

/** How far a long step is: `done` of `total` (what it counts is the step's own: 016 counts trigger events). */
export type StepProgress = (done: number, total: number) => void;

/** One step of the schema. `version` is the PRAGMA user_version the database has after `up`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** What `progress` counts, for "<n> of <m> <unit>" (a step that reports progress). */
  readonly unit?: string;
  up(db: Database, progress?: StepProgress): void;
}
