import type { Migration } from './migration';

/**
 * A start after a change made while the app was closed read all 456,495 activations again (2,000 workflows ×
 * 1,000 stores: half of such a start) though most changes (a store, an installation) leave them as they were.
 * - routing_generation.activations: a second counter, bumped by the activations' own triggers (with `n`, in
 *   the same statement: no page more per write), so a reader knows whether any activation changed since;
 * - kept_activation_grids: an organization's activation bytes at one value of that counter (written when the
 *   app closes, as status_overviews), so the next start takes them from ~500 KB instead of ~90 MB of rows.
 */
export const migration017: Migration = {
  version: 17,
  name: 'activation generation and kept activation grids',
  up(db) {
    // Run again on a file whose user_version was set back (as the earlier migrations' tests do): no step twice.
    const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(routing_generation)`).all();
    if (!columns.some((c) => c.name === 'activations'))
      db.exec(`ALTER TABLE routing_generation ADD COLUMN activations INTEGER NOT NULL DEFAULT 0`);
    db.exec(`
      DROP TRIGGER IF EXISTS routing_generation_activations_insert;
      DROP TRIGGER IF EXISTS routing_generation_activations_update;
      DROP TRIGGER IF EXISTS routing_generation_activations_delete;
    `);
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TRIGGER routing_generation_activations_${event.toLowerCase()} AFTER ${event} ON activations
        BEGIN UPDATE routing_generation SET n = n + 1, activations = activations + 1 WHERE id = 1; END;`);
    }
    db.exec(`
      -- Per organization: the store and workflow ids (JSON arrays, the order of the bytes) and four activation
      -- bytes per byte (activation-snapshot.ts), true while routing_generation.activations = generation.
      CREATE TABLE IF NOT EXISTS kept_activation_grids (
        organization_id  TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        generation       INTEGER NOT NULL,
        store_ids        TEXT NOT NULL,
        workflow_ids     TEXT NOT NULL,
        cells            BLOB NOT NULL
      ) STRICT;
    `);
  },
};
