import type { Migration } from './migration';

/**
 * The organization's stores, the apps installed in them, Flow's connections, the workflows with their
 * versions, and each workflow's activation per store.
 */
export const migration002: Migration = {
  version: 2,
  name: 'stores, installations, connections, workflows, activations',
  up(db) {
    db.exec(`
      CREATE TABLE stores (
        id                  TEXT PRIMARY KEY,
        organization_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name                TEXT NOT NULL,
        domain              TEXT NOT NULL COLLATE NOCASE UNIQUE,
        time_zone           TEXT NOT NULL,
        flow_installed      INTEGER NOT NULL CHECK (flow_installed IN (0, 1)),
        flow_uninstalled_at TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        UNIQUE (organization_id, name COLLATE NOCASE)
      ) STRICT;
      CREATE INDEX stores_by_organization ON stores (organization_id);

      -- An app in a store, with the setup steps done so far (R2).
      CREATE TABLE installations (
        store_id      TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        app_id        TEXT NOT NULL,
        installed_at  TEXT NOT NULL,
        setup_done    TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (store_id, app_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX installations_by_app ON installations (app_id);

      -- Authentication Flow keeps for Asana, Google Sheets, Slack and Trello, per store (R7).
      CREATE TABLE connections (
        store_id          TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        app_id            TEXT NOT NULL,
        account           TEXT NOT NULL,
        secret_encrypted  BLOB NOT NULL,
        updated_at        TEXT NOT NULL,
        PRIMARY KEY (store_id, app_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE workflows (
        id               TEXT PRIMARY KEY,
        organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name             TEXT NOT NULL,
        description      TEXT NOT NULL DEFAULT '',
        current_version  INTEGER NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX workflows_by_organization ON workflows (organization_id, name);

      -- Every save is a version; a revert writes a new one.
      CREATE TABLE workflow_versions (
        workflow_id  TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
        version      INTEGER NOT NULL,
        name         TEXT NOT NULL,
        description  TEXT NOT NULL,
        definition   TEXT NOT NULL,
        saved_at     TEXT NOT NULL,
        saved_by     TEXT NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (workflow_id, version)
      ) STRICT, WITHOUT ROWID;

      -- What the admin asked for, per store. No row = never enabled there (off).
      -- deactivated_at is set when uninstalling the Flow app switched it off (R8).
      CREATE TABLE activations (
        workflow_id      TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
        store_id         TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        enabled          INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        deactivated_at   TEXT,
        updated_at       TEXT NOT NULL,
        PRIMARY KEY (workflow_id, store_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX activations_by_store ON activations (store_id, workflow_id);
    `);
  },
};
