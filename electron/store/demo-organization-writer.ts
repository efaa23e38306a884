import type { Database, Statement } from 'better-sqlite3';
import { connectionSecretContext } from '../domain/organization/connection-rules';
import type { DemoPlan, PlannedStore, PlannedWorkflow } from '../domain/organization/demo-organization';

const hasColumn = (db: Database, table: string, column: string) =>
  db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined;

/** Seals a connection secret as the app does (secret-box); without it, the plan's connections are skipped. */
export type Seal = (plain: string, context: string) => Buffer;

/**
 * Writes a planned demo organization (electron/domain/organization/demo-organization.ts) with prepared
 * statements: about a million rows in seconds. The caller chooses the transactions: the organization with
 * its stores in one, then the workflows a chunk at a time (so a window can show progress), or all in one.
 */
export class DemoOrganizationWriter {
  private readonly insert: Record<
    'organization' | 'store' | 'installation' | 'connection' | 'workflow' | 'version' | 'activation',
    Statement
  >;

  constructor(private readonly db: Database) {
    this.insert = {
      organization: db.prepare(`INSERT INTO organizations (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`),
      store: db.prepare(
        `INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, flow_uninstalled_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      installation: db.prepare(`INSERT INTO installations (store_id, app_id, installed_at, setup_done) VALUES (?, ?, ?, ?)`),
      connection: db.prepare(`INSERT INTO connections (store_id, app_id, account, secret_encrypted, updated_at) VALUES (?, ?, ?, ?, ?)`),
      // Published as written, as a workflow that was running in a real organization is (drafts come with edits).
      // A file kept at a schema before drafts (the bench measures the upgrade from it) has no published version.
      workflow: db.prepare(
        hasColumn(db, 'workflows', 'published_version')
          ? `INSERT INTO workflows (id, organization_id, name, description, current_version, published_version, created_at, updated_at) VALUES (?, ?, ?, '', 1, 1, ?, ?)`
          : `INSERT INTO workflows (id, organization_id, name, description, current_version, created_at, updated_at) VALUES (?, ?, ?, '', 1, ?, ?)`,
      ),
      version: db.prepare(
        `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by, note) VALUES (?, 1, ?, '', ?, ?, 'demo', '')`,
      ),
      activation: db.prepare(`INSERT INTO activations (workflow_id, store_id, enabled, deactivated_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
    };
  }

  /** The organization and its stores with their installations and connections; counts what it wrote. */
  writeOrganization(plan: DemoPlan, seal?: Seal): { installations: number; connections: number } {
    const { organization, at } = plan;
    this.insert.organization.run(organization.id, organization.name, at, at);
    const rows = { installations: 0, connections: 0 };
    for (const store of plan.stores) {
      const written = this.writeStore(organization.id, store, at, seal);
      rows.installations += written.installations;
      rows.connections += written.connections;
    }
    return rows;
  }

  private writeStore(organizationId: string, store: PlannedStore, at: string, seal?: Seal) {
    this.insert.store.run(
      store.id,
      organizationId,
      store.name,
      store.domain,
      store.timeZone,
      store.flowInstalled ? 1 : 0,
      store.flowUninstalledAt,
      at,
      at,
    );
    for (const i of store.installations) this.insert.installation.run(store.id, i.appId, at, JSON.stringify(i.setupDone));
    let connections = 0;
    if (seal) {
      for (const c of store.connections) {
        this.insert.connection.run(store.id, c.appId, c.account, seal(c.secret, connectionSecretContext(store.id, c.appId)), at);
        connections++;
      }
    }
    return { installations: store.installations.length, connections };
  }

  /** A chunk of workflows with their first version and activations; answers how many activations it wrote. */
  writeWorkflows(organizationId: string, workflows: readonly PlannedWorkflow[], at: string): number {
    const activations: [string, string, number, string | null][] = [];
    for (const w of workflows) {
      this.insert.workflow.run(w.id, organizationId, w.name, at, at);
      this.insert.version.run(w.id, w.name, JSON.stringify(w.definition), at);
      for (const a of w.activations) activations.push([w.id, a.storeId, a.enabled ? 1 : 0, a.deactivatedAt]);
    }
    // In key order: appending to the table's B-tree is several times faster than inserting at random places.
    activations.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    for (const [workflowId, storeId, enabled, deactivatedAt] of activations)
      this.insert.activation.run(workflowId, storeId, enabled, deactivatedAt, at);
    return activations.length;
  }
}
