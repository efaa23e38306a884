import type { Database } from 'better-sqlite3';
import { uniqueNameRenames } from '../../domain/organization/names';
import type { Migration } from './migration';

const actor = 'Flow Admin (migration 7)';
const why = 'names are unique ignoring case and accents';

type Named = { id: string; name: string };

/**
 * Names were compared four ways (SQLite NOCASE for organizations and stores, toLowerCase for workflows
 * and restores, Intl.Collator for new stores), so "Café" and "Cafe" could be two workflows or two
 * organizations. Now one rule decides (sameName: case and accents aside). This step finds the clashes
 * already stored and renames the later one of each (by creation, then id) with " (2)", " (3)"…; nothing
 * is deleted or merged, since two workflows with one name are still two different workflows. A renamed
 * workflow gets a new version with the new name (versions keep their history); each rename is recorded
 * in the audit log as the ordinary rename or save would be.
 * Data-only and idempotent: safe on a database that skipped it (a later number landed first).
 */
export const migration007: Migration = {
  version: 7,
  name: 'unique names ignoring case and accents: later clashes renamed',
  up(db) {
    const at = db.prepare(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`).pluck().get() as string;
    const audit = db.prepare(
      `INSERT INTO audit_log (at, actor, action, organization_id, store_id, workflow_id, summary, before_json, after_json)
       VALUES (@at, @actor, @action, @organizationId, @storeId, @workflowId, @summary, @before, @after)`,
    );
    const record = (e: {
      action: string;
      organizationId: string;
      storeId?: string;
      workflowId?: string;
      summary: string;
      before: unknown;
      after: unknown;
    }) => audit.run({ at, actor, storeId: null, workflowId: null, ...e, before: JSON.stringify(e.before), after: JSON.stringify(e.after) });

    const organizations = db.prepare(`SELECT id, name FROM organizations ORDER BY created_at, id`).all() as Named[];
    for (const { row, name } of uniqueNameRenames(organizations)) {
      db.prepare(`UPDATE organizations SET name = ?, updated_at = ? WHERE id = ?`).run(name, at, row.id);
      record({
        action: 'organization.renamed',
        organizationId: row.id,
        summary: `Renamed organization "${row.name}" to "${name}" (${why})`,
        before: { name: row.name },
        after: { name },
      });
    }

    for (const organizationId of organizations.map((o) => o.id)) {
      renameStores(db, organizationId, at, (store, name) =>
        record({
          action: 'store.renamed',
          organizationId,
          storeId: store.id,
          summary: `Renamed store "${store.name}" to "${name}" (${why})`,
          before: { name: store.name },
          after: { name },
        }),
      );
      renameWorkflows(db, organizationId, at, (workflow, name, version) =>
        record({
          action: 'workflow.saved',
          organizationId,
          workflowId: workflow.id,
          summary: `Saved workflow "${name}" as version ${version}: renamed from "${workflow.name}" (${why})`,
          before: { version: version - 1, name: workflow.name },
          after: { version, name, note: `Renamed from "${workflow.name}" (${why})` },
        }),
      );
    }
  },
};

function renameStores(db: Database, organizationId: string, at: string, recorded: (store: Named, name: string) => void): void {
  const stores = db.prepare(`SELECT id, name FROM stores WHERE organization_id = ? ORDER BY created_at, id`).all(organizationId) as Named[];
  for (const { row, name } of uniqueNameRenames(stores)) {
    db.prepare(`UPDATE stores SET name = ?, updated_at = ? WHERE id = ?`).run(name, at, row.id);
    recorded(row, name);
  }
}

function renameWorkflows(
  db: Database,
  organizationId: string,
  at: string,
  recorded: (workflow: Named, name: string, version: number) => void,
): void {
  const workflows = db
    .prepare(`SELECT id, name FROM workflows WHERE organization_id = ? ORDER BY created_at, id`)
    .all(organizationId) as Named[];
  for (const { row, name } of uniqueNameRenames(workflows)) {
    const version = (db.prepare(`SELECT current_version FROM workflows WHERE id = ?`).pluck().get(row.id) as number) + 1;
    db.prepare(
      `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by, note)
       SELECT workflow_id, ?, ?, description, definition, ?, ?, ? FROM workflow_versions WHERE workflow_id = ? AND version = ?`,
    ).run(version, name, at, actor, `Renamed from "${row.name}" (${why})`, row.id, version - 1);
    db.prepare(`UPDATE workflows SET name = ?, current_version = ?, updated_at = ? WHERE id = ?`).run(name, version, at, row.id);
    recorded(row, name, version);
  }
}
