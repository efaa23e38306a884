import type { Database } from 'better-sqlite3';
import type { Publication } from '../domain/workflow/publishing';
import { parseStoredDefinition } from '../domain/workflow/stored-definition';
import type { WorkflowDefinition } from '../domain/workflow/workflow-definition';

/** One workflow running in one store: which version (null: never published). */
export interface RunningPair {
  workflowId: string;
  storeId: string;
  version: number | null;
}

/**
 * SQL for published versions: the workflow's published version and the stores that run another one. Which
 * version runs in a store is read from the `running_versions` view (migration 10), the one place that rule is
 * written in SQL; `runningDefinition` is what the runtime and the status ask.
 */
export class PublicationStore {
  constructor(private readonly db: Database) {}

  publication(workflowId: string): Publication {
    const publishedVersion = this.db
      .prepare<[string], number | null>(`SELECT published_version FROM workflows WHERE id = ?`)
      .pluck()
      .get(workflowId);
    const rows = this.db
      .prepare<[string], [string, number]>(`SELECT store_id, version FROM store_versions WHERE workflow_id = ?`)
      .raw()
      .all(workflowId);
    return {
      publishedVersion: publishedVersion ?? null,
      storeVersions: new Map(rows),
    };
  }

  /** Writes a workflow's publication as the domain decided it (publishTo); call inside a transaction. */
  write(workflowId: string, publication: Publication, at: string, by: string): void {
    this.db.prepare(`UPDATE workflows SET published_version = ? WHERE id = ?`).run(publication.publishedVersion, workflowId);
    const kept = this.publication(workflowId).storeVersions;
    const remove = this.db.prepare(`DELETE FROM store_versions WHERE workflow_id = ? AND store_id = ?`);
    for (const storeId of kept.keys()) if (!publication.storeVersions.has(storeId)) remove.run(workflowId, storeId);
    const upsert = this.db.prepare(
      `INSERT INTO store_versions (workflow_id, store_id, version, published_at, published_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workflow_id, store_id) DO UPDATE SET version = excluded.version, published_at = excluded.published_at, published_by = excluded.published_by`,
    );
    for (const [storeId, version] of publication.storeVersions)
      if (kept.get(storeId) !== version) upsert.run(workflowId, storeId, version, at, by);
  }

  /** The version running in the store for the workflow; null when none (never published). */
  runningVersion(workflowId: string, storeId: string): number | null {
    const v = this.db
      .prepare<[string, string], number | null>(`SELECT version FROM running_versions WHERE workflow_id = ? AND store_id = ?`)
      .pluck()
      .get(workflowId, storeId);
    return v ?? null;
  }

  /** The definition running in store S for workflow W: what the runtime runs there. */
  runningDefinition(workflowId: string, storeId: string): { version: number; definition: WorkflowDefinition } | null {
    const row = this.db
      .prepare<[string, string], [number, string]>(
        `SELECT r.version, v.definition FROM running_versions r
           JOIN workflow_versions v ON v.workflow_id = r.workflow_id AND v.version = r.version
         WHERE r.workflow_id = ? AND r.store_id = ?`,
      )
      .raw()
      .get(workflowId, storeId);
    return row
      ? {
          version: row[0],
          definition: parseStoredDefinition(row[1], `workflow ${workflowId} version ${row[0]}`),
        }
      : null;
  }

  /** Every enabled pair with the version running there: the runtime's routing, in one read. */
  enabledRunningPairs(): Iterable<[string, string, number | null]> {
    return this.db
      .prepare<[], [string, string, number | null]>(
        `SELECT a.workflow_id, a.store_id, r.version FROM activations a
           JOIN running_versions r ON r.workflow_id = a.workflow_id AND r.store_id = a.store_id
         WHERE a.enabled = 1`,
      )
      .raw()
      .iterate();
  }

  /** The version each workflow runs in the store (none when never published), for the store's page. */
  runningInStore(storeId: string): Map<string, number> {
    const rows = this.db
      .prepare<[string], [string, number]>(`SELECT workflow_id, version FROM running_versions WHERE store_id = ? AND version IS NOT NULL`)
      .raw()
      .all(storeId);
    return new Map(rows);
  }

  /** Per version of the workflow, the stores running it (ids), for the version history. */
  storesByVersion(workflowId: string): Map<number, string[]> {
    const rows = this.db
      .prepare<[string], [number, string]>(`SELECT version, store_id FROM running_versions WHERE workflow_id = ? AND version IS NOT NULL`)
      .raw()
      .all(workflowId);
    const out = new Map<number, string[]>();
    for (const [version, storeId] of rows) {
      const list = out.get(version);
      if (list) list.push(storeId);
      else out.set(version, [storeId]);
    }
    return out;
  }

  /** Store exceptions of the whole organization (few): what the status needs beyond the published versions. */
  storeVersionsOf(organizationId: string): [string, string, number][] {
    return this.db
      .prepare<[string], [string, string, number]>(
        `SELECT sv.workflow_id, sv.store_id, sv.version FROM store_versions sv JOIN workflows w ON w.id = sv.workflow_id WHERE w.organization_id = ?`,
      )
      .raw()
      .all(organizationId);
  }

  /** Stores where the workflow is enabled: whether a save may publish (publishesOnSave). */
  enabledStoreCount(workflowId: string): number {
    return (
      this.db.prepare<[string], number>(`SELECT count(*) FROM activations WHERE workflow_id = ? AND enabled = 1`).pluck().get(workflowId) ??
      0
    );
  }
}
