import type { Migration } from './migration';

/** The first schema: organizations, settings and the append-only audit log. */
export const migration001: Migration = {
  version: 1,
  name: 'organizations, settings, audit log',
  up(db) {
    db.exec(`
      CREATE TABLE organizations (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;

      -- No foreign keys on purpose: the log outlives what it describes (a deleted organization stays in it).
      CREATE TABLE audit_log (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        at               TEXT NOT NULL,
        actor            TEXT NOT NULL,
        action           TEXT NOT NULL,
        organization_id  TEXT,
        store_id         TEXT,
        workflow_id      TEXT,
        summary          TEXT NOT NULL,
        before_json      TEXT,
        after_json       TEXT
      ) STRICT;
      CREATE INDEX audit_log_by_organization ON audit_log (organization_id, seq);
      CREATE INDEX audit_log_by_workflow ON audit_log (workflow_id, seq);
      CREATE INDEX audit_log_by_store ON audit_log (store_id, seq);

      CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
