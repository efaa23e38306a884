import type { Database, Statement } from 'better-sqlite3';

export interface RoutingStoreRow {
  id: string;
  organizationId: string;
  name: string;
  domain: string;
  timeZone: string;
  flowInstalled: number;
  flowUninstalledAt: string | null;
}

export interface RoutingWorkflowRow {
  id: string;
  organizationId: string;
  name: string;
  version: number;
  /** JSON text of the current version's definition. */
  definition: string;
}

/** Reads, in bulk, everything that decides which workflows run in which store. */
export class RoutingStore {
  private readonly generationStmt: Statement;

  constructor(private readonly db: Database) {
    this.generationStmt = db.prepare(`SELECT n FROM routing_generation WHERE id = 1`).pluck();
  }

  /** Bumped by the database on every change to stores, installations, connections, workflows, activations. */
  generation(): number {
    return this.generationStmt.get() as number;
  }

  stores(): RoutingStoreRow[] {
    return this.db
      .prepare(
        `SELECT id, organization_id AS organizationId, name, domain, time_zone AS timeZone, flow_installed AS flowInstalled,
           flow_uninstalled_at AS flowUninstalledAt FROM stores`,
      )
      .all() as RoutingStoreRow[];
  }

  /** [storeId, appId, setupDone JSON] */
  installations(): [string, string, string][] {
    return this.db.prepare(`SELECT store_id, app_id, setup_done FROM installations`).raw().all() as [string, string, string][];
  }

  /** [storeId, appId] */
  connections(): [string, string][] {
    return this.db.prepare(`SELECT store_id, app_id FROM connections`).raw().all() as [string, string][];
  }

  /** [workflowId, storeId] of every activation the admin enabled. */
  enabledActivations(): Iterable<[string, string]> {
    return this.db.prepare(`SELECT workflow_id, store_id FROM activations WHERE enabled = 1`).raw().iterate() as Iterable<[string, string]>;
  }

  /** Workflows enabled in at least one store, with their current version's definition. */
  enabledWorkflows(): RoutingWorkflowRow[] {
    return this.db
      .prepare(
        `SELECT w.id, w.organization_id AS organizationId, w.name, w.current_version AS version, v.definition
         FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.current_version
         WHERE EXISTS (SELECT 1 FROM activations a WHERE a.workflow_id = w.id AND a.enabled = 1)`,
      )
      .all() as RoutingWorkflowRow[];
  }

  /** One version's definition (replays run the version the original run used). */
  versionDefinition(workflowId: string, version: number): string | undefined {
    return this.db
      .prepare(`SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?`)
      .pluck()
      .get(workflowId, version) as string | undefined;
  }
}
