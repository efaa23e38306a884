import type { Database } from 'better-sqlite3';

export interface WorkflowRow {
  id: string;
  organizationId: string;
  name: string;
  description: string;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** A workflow with its current version's definition (JSON text, as stored). */
export interface WorkflowWithDefinition extends WorkflowRow {
  definition: string;
  savedBy: string;
  note: string;
  /** `app:handle` of the trigger of the version before the current one; null when there is none. */
  previousTriggerKey: string | null;
}

export interface WorkflowVersionRow {
  workflowId: string;
  version: number;
  name: string;
  description: string;
  /** JSON text of the definition. */
  definition: string;
  savedAt: string;
  savedBy: string;
  note: string;
}

export type WorkflowVersionInfo = Omit<WorkflowVersionRow, 'definition'> & { triggerKey: string | null };

const columns = `w.id, w.organization_id AS organizationId, w.name, w.description, w.current_version AS currentVersion,
  w.created_at AS createdAt, w.updated_at AS updatedAt`;
const triggerKey = (alias: string) =>
  `json_extract(${alias}.definition, '$.trigger.task.app') || ':' || json_extract(${alias}.definition, '$.trigger.task.handle')`;
const withDefinition = `SELECT ${columns}, v.definition, v.saved_by AS savedBy, v.note,
    (SELECT ${triggerKey('p')} FROM workflow_versions p WHERE p.workflow_id = w.id AND p.version = w.current_version - 1)
      AS previousTriggerKey
  FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.current_version`;
const versionColumns = `workflow_id AS workflowId, version, name, description, saved_at AS savedAt, saved_by AS savedBy, note`;

/** SQL for workflows and their versions, nothing else: rules live in the domain and the handlers. */
export class WorkflowStore {
  constructor(private readonly db: Database) {}

  get(id: string): WorkflowRow | undefined {
    return this.db.prepare(`SELECT ${columns} FROM workflows w WHERE w.id = ?`).get(id) as WorkflowRow | undefined;
  }

  getWithDefinition(id: string): WorkflowWithDefinition | undefined {
    return this.db.prepare(`${withDefinition} WHERE w.id = ?`).get(id) as WorkflowWithDefinition | undefined;
  }

  /** Every workflow of the organization with its current definition, by name. */
  listWithDefinitions(organizationId: string): WorkflowWithDefinition[] {
    return this.db
      .prepare(`${withDefinition} WHERE w.organization_id = ? ORDER BY w.name COLLATE NOCASE, w.id`)
      .all(organizationId) as WorkflowWithDefinition[];
  }

  /** Names only, for the uniqueness check (done in code: SQLite's NOCASE folds ASCII only, not Æ/æ). */
  names(organizationId: string): { id: string; name: string }[] {
    return this.db.prepare(`SELECT id, name FROM workflows WHERE organization_id = ?`).all(organizationId) as { id: string; name: string }[];
  }

  insert(row: WorkflowRow): void {
    this.db
      .prepare(
        `INSERT INTO workflows (id, organization_id, name, description, current_version, created_at, updated_at)
         VALUES (@id, @organizationId, @name, @description, @currentVersion, @createdAt, @updatedAt)`,
      )
      .run(row);
  }

  /** Points the workflow at a newly written version and copies its name and description. */
  setCurrent(id: string, head: { name: string; description: string; currentVersion: number; updatedAt: string }): void {
    this.db
      .prepare(`UPDATE workflows SET name = @name, description = @description, current_version = @currentVersion, updated_at = @updatedAt WHERE id = @id`)
      .run({ id, ...head });
  }

  insertVersion(row: WorkflowVersionRow): void {
    this.db
      .prepare(
        `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by, note)
         VALUES (@workflowId, @version, @name, @description, @definition, @savedAt, @savedBy, @note)`,
      )
      .run(row);
  }

  version(workflowId: string, version: number): WorkflowVersionRow | undefined {
    return this.db
      .prepare(`SELECT ${versionColumns}, definition FROM workflow_versions WHERE workflow_id = ? AND version = ?`)
      .get(workflowId, version) as WorkflowVersionRow | undefined;
  }

  /** Newest first, without definitions (they can be large); the trigger says what each version started on. */
  versions(workflowId: string): WorkflowVersionInfo[] {
    return this.db
      .prepare(`SELECT ${versionColumns}, ${triggerKey('v')} AS triggerKey FROM workflow_versions v WHERE workflow_id = ? ORDER BY version DESC`)
      .all(workflowId) as WorkflowVersionInfo[];
  }

  delete(id: string): void {
    this.db.prepare(`DELETE FROM workflows WHERE id = ?`).run(id);
  }

  /** What deleting the workflow takes with it. */
  contents(id: string): { versions: number; activations: number } {
    const count = (sql: string) => (this.db.prepare(sql).get(id) as { n: number }).n;
    return {
      versions: count(`SELECT count(*) AS n FROM workflow_versions WHERE workflow_id = ?`),
      activations: count(`SELECT count(*) AS n FROM activations WHERE workflow_id = ?`),
    };
  }

  /** Apps installed in at least one store of the organization: its Installed list (R5). */
  installedAppIds(organizationId: string): string[] {
    return (
      this.db
        .prepare(`SELECT DISTINCT i.app_id AS appId FROM installations i JOIN stores s ON s.id = i.store_id WHERE s.organization_id = ?`)
        .all(organizationId) as { appId: string }[]
    ).map((r) => r.appId);
  }
}
