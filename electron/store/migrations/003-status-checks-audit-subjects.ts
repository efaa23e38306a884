import type { Migration } from './migration';

/**
 * Two derived tables that keep the per-store status fast at the scale of 1,000 stores × 2,000 workflows:
 * - workflow_checks: what validating a workflow's current version found (the connector apps it uses and its
 *   problems), so the status of 2,000,000 pairs never re-validates 2,000 workflows. A cache: a row whose
 *   version or fingerprint (catalog + checker) no longer matches is recomputed on the next read.
 * - audit_subjects: every workflow and store one audit entry concerns, so a bulk change recorded once (one
 *   workflow enabled in 1,000 stores) is still found when the log is queried by one of those stores.
 * - status_overviews: the last overview computed per organization, with the change stamp it was computed
 *   at, so opening the app shows it at once when nothing changed since.
 * - an index of the activations the Flow app's removal deactivated (R8), few among many, to re-enable them.
 */
export const migration003: Migration = {
  version: 3,
  name: 'workflow checks, audit subjects, status overviews',
  up(db) {
    db.exec(`
      CREATE TABLE workflow_checks (
        workflow_id  TEXT PRIMARY KEY REFERENCES workflows (id) ON DELETE CASCADE,
        version      INTEGER NOT NULL,
        fingerprint  TEXT NOT NULL,
        apps_used    TEXT NOT NULL,
        problems     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE status_overviews (
        organization_id  TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        stamp            TEXT NOT NULL,
        fingerprint      TEXT NOT NULL,
        overview         TEXT NOT NULL
      ) STRICT;

      CREATE INDEX activations_deactivated ON activations (store_id, workflow_id, deactivated_at) WHERE deactivated_at IS NOT NULL;

      -- No foreign keys, like audit_log: the log outlives what it describes.
      CREATE TABLE audit_subjects (
        seq          INTEGER NOT NULL,
        workflow_id  TEXT,
        store_id     TEXT
      ) STRICT;
      CREATE INDEX audit_subjects_by_store ON audit_subjects (store_id, seq) WHERE store_id IS NOT NULL;
      CREATE INDEX audit_subjects_by_workflow ON audit_subjects (workflow_id, seq) WHERE workflow_id IS NOT NULL;

      CREATE TRIGGER audit_subjects_are_append_only BEFORE UPDATE ON audit_subjects
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
