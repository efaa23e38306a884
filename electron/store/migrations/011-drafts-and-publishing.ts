import { createRoutingTriggers } from './004-runtime';
import type { Migration } from './migration';

/**
 * Drafts and published versions. Until now the current (latest saved) version was what ran, so saving a
 * version with errors stopped a live workflow everywhere. Now:
 * - `workflows.published_version`: the version every store runs, unless a staged publish or a rollback gave
 *   a store another one; NULL while the workflow was never published. The latest saved version is the draft.
 * - `store_versions`: those per-store exceptions (publish to chosen stores first, roll back one store).
 * - `running_versions`: the one rule of which version runs in a store (the store's own, else the published
 *   one), as a view, so the single lookup and the runtime's bulk read cannot disagree.
 * - `bulk_changes`: each matrix bulk change with every pair's activation before and after, so the last one can
 *   be undone exactly (and refused when a pair changed since).
 * Existing workflows become published at their current version, which is what every store where they were
 * active ran until now: nothing that ran stops, nothing that was off starts.
 */
export const migration011: Migration = {
  version: 11,
  name: 'drafts and published versions per store; undo of bulk changes',
  up(db) {
    const has = new Set(
      (
        db.prepare(`SELECT name FROM pragma_table_info('workflows')`).all() as {
          name: string;
        }[]
      ).map((c) => c.name),
    );
    if (!has.has('published_version')) {
      db.exec(`ALTER TABLE workflows ADD COLUMN published_version INTEGER`);
      db.exec(`UPDATE workflows SET published_version = current_version`);
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS store_versions (
        workflow_id   TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
        store_id      TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        version       INTEGER NOT NULL,
        published_at  TEXT NOT NULL,
        published_by  TEXT NOT NULL,
        PRIMARY KEY (workflow_id, store_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS store_versions_by_store ON store_versions (store_id, workflow_id);

      CREATE VIEW IF NOT EXISTS running_versions AS
        SELECT w.id AS workflow_id, s.id AS store_id, COALESCE(sv.version, w.published_version) AS version
        FROM workflows w
          JOIN stores s ON s.organization_id = w.organization_id
          LEFT JOIN store_versions sv ON sv.workflow_id = w.id AND sv.store_id = s.id;
    `);
    db.exec(`
      CREATE TABLE IF NOT EXISTS bulk_changes (
        id               TEXT PRIMARY KEY,
        organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        action           TEXT NOT NULL,
        at               TEXT NOT NULL,
        actor            TEXT NOT NULL,
        -- JSON [[workflowId, storeId, before, after]], each activation as [enabled, deactivatedAt] or null (no row).
        pairs            TEXT NOT NULL,
        undone_at        TEXT
      ) STRICT;
      CREATE INDEX IF NOT EXISTS bulk_changes_by_organization ON bulk_changes (organization_id);
    `);
    // A publish changes what runs: the routing cache and the status stamp must see it.
    createRoutingTriggers(db, ['store_versions']);
  },
};
