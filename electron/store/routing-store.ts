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

/**
 * What routing reads besides the status facts (which come from StatusFactsStore, the one loader status and
 * routing share): the generation, where each store is (domain, time zone), and a version's definition.
 */
export class RoutingStore {
  private readonly generationStmt: Statement<[], number>;

  constructor(private readonly db: Database) {
    this.generationStmt = db.prepare<[], number>(`SELECT n FROM routing_generation WHERE id = 1`).pluck();
  }

  /** Bumped by the database on every change to stores, installations, connections, workflows, activations. */
  generation(): number {
    // Migration 4 writes the one row; triggers only ever update it.
    return this.generationStmt.get() ?? 0;
  }

  stores(): RoutingStoreRow[] {
    return this.db
      .prepare<[], RoutingStoreRow>(
        `SELECT id, organization_id AS organizationId, name, domain, time_zone AS timeZone, flow_installed AS flowInstalled,
           flow_uninstalled_at AS flowUninstalledAt FROM stores`,
      )
      .all();
  }

  /** One version's definition (replays run the version the original run used). */
  versionDefinition(workflowId: string, version: number): string | undefined {
    return this.db
      .prepare<[string, number], string>(`SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?`)
      .pluck()
      .get(workflowId, version);
  }
}
