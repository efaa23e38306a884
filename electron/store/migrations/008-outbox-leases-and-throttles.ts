import type { Migration } from './migration';

/**
 * The outbox learns two things. `throttles`: answers that asked the caller to wait (429 or 503 with
 * Retry-After), which do not spend the delivery's attempts. `lease_owner`/`lease_until`: a worker claims a
 * row before sending it, so two workers (two processes on one file, should the lock ever be bypassed) never
 * send the same delivery at once.
 */
export const migration008: Migration = {
  version: 8,
  name: 'outbox: throttled answers and delivery leases',
  up(db) {
    // Only what is missing: numbers land out of order across branches, so this step may meet a file that has it.
    const has = new Set((db.prepare(`SELECT name FROM pragma_table_info('outbox')`).all() as { name: string }[]).map((c) => c.name));
    if (!has.has('throttles')) db.exec(`ALTER TABLE outbox ADD COLUMN throttles INTEGER NOT NULL DEFAULT 0`);
    if (!has.has('lease_owner')) db.exec(`ALTER TABLE outbox ADD COLUMN lease_owner TEXT`);
    if (!has.has('lease_until')) db.exec(`ALTER TABLE outbox ADD COLUMN lease_until INTEGER`);
  },
};
