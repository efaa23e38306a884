import type { Database } from 'better-sqlite3';
import { parseStoredDefinition, storedDefinitionText } from '../domain/workflow/stored-definition';
import type { WorkflowVersion } from '../domain/workflow/versioning';
import type { WorkflowDefinition } from '../domain/workflow/workflow-definition';

export interface WorkflowRow {
  id: string;
  organizationId: string;
  name: string;
  description: string;
  /** The latest saved version: the draft when it is newer than what runs. */
  currentVersion: number;
  /** The version every store runs unless it has its own (store_versions); null while never published. */
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A workflow with its current version's definition. */
export interface WorkflowWithDefinition extends WorkflowRow {
  definition: WorkflowDefinition;
  savedBy: string;
  note: string;
  /** `app:handle` of the trigger of the version before the current one; null when there is none. */
  previousTriggerKey: string | null;
}

export interface WorkflowVersionRow extends WorkflowVersion {
  workflowId: string;
}

export type WorkflowVersionInfo = Omit<WorkflowVersionRow, 'definition'> & { triggerKey: string | null };

/** A row as SQLite gives it, the definition still JSON text. */
type Stored<T extends { definition: WorkflowDefinition }> = Omit<T, 'definition'> & { definition: string };

/** The one place a row's stored definition is read (through its schema), naming the workflow if it fails. */
function fromRow<R extends { definition: string }>(row: R, where: string): Omit<R, 'definition'> & { definition: WorkflowDefinition } {
  return { ...row, definition: parseStoredDefinition(row.definition, where) };
}

/** A version as written: the definition as the text `fromRow` reads back. */
function toRow(workflowId: string, v: WorkflowVersion): Stored<WorkflowVersionRow> {
  return { ...v, workflowId, definition: storedDefinitionText(v.definition) };
}

const columns = `w.id, w.organization_id AS organizationId, w.name, w.description, w.current_version AS currentVersion,
  w.published_version AS publishedVersion, w.created_at AS createdAt, w.updated_at AS updatedAt`;
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
    return this.db.prepare<[string], WorkflowRow>(`SELECT ${columns} FROM workflows w WHERE w.id = ?`).get(id);
  }

  getWithDefinition(id: string): WorkflowWithDefinition | undefined {
    const row = this.db.prepare<[string], Stored<WorkflowWithDefinition>>(`${withDefinition} WHERE w.id = ?`).get(id);
    return row && fromRow(row, `workflow ${row.id}`);
  }

  /** Every workflow of the organization with its current definition, by name. */
  listWithDefinitions(organizationId: string): WorkflowWithDefinition[] {
    const rows = this.db
      .prepare<[string], Stored<WorkflowWithDefinition>>(
        `${withDefinition} WHERE w.organization_id = ? ORDER BY w.name COLLATE NOCASE, w.id`,
      )
      .all(organizationId);
    return rows.map((row) => fromRow(row, `workflow ${row.id}`));
  }

  /** Names only, for the uniqueness check (done in code: SQLite's NOCASE folds ASCII only, not Æ/æ). */
  names(organizationId: string): { id: string; name: string }[] {
    return this.db
      .prepare<[string], { id: string; name: string }>(`SELECT id, name FROM workflows WHERE organization_id = ?`)
      .all(organizationId);
  }

  /** Names of the organization's workflows among the ids (others are left out): a few, without reading every workflow. */
  namesAmong(organizationId: string, ids: readonly string[]): { id: string; name: string }[] {
    return this.db
      .prepare<[string, string], { id: string; name: string }>(
        `SELECT id, name FROM workflows WHERE organization_id = ? AND id IN (SELECT value FROM json_each(?))`,
      )
      .all(organizationId, JSON.stringify(ids));
  }

  insert(row: WorkflowRow): void {
    this.db
      .prepare(
        `INSERT INTO workflows (id, organization_id, name, description, current_version, published_version, created_at, updated_at)
         VALUES (@id, @organizationId, @name, @description, @currentVersion, @publishedVersion, @createdAt, @updatedAt)`,
      )
      .run(row);
  }

  /** Points the workflow at a newly written version and copies its name and description. */
  setCurrent(id: string, head: { name: string; description: string; currentVersion: number; updatedAt: string }): void {
    this.db
      .prepare(
        `UPDATE workflows SET name = @name, description = @description, current_version = @currentVersion, updated_at = @updatedAt WHERE id = @id`,
      )
      .run({ id, ...head });
  }

  insertVersion(workflowId: string, v: WorkflowVersion): void {
    this.db
      .prepare(
        `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by, note)
         VALUES (@workflowId, @version, @name, @description, @definition, @savedAt, @savedBy, @note)`,
      )
      .run(toRow(workflowId, v));
  }

  /** A new workflow with its first version. */
  create(head: Omit<WorkflowRow, 'currentVersion' | 'publishedVersion'>, first: WorkflowVersion): void {
    this.insert({ ...head, currentVersion: first.version, publishedVersion: null });
    this.insertVersion(head.id, first);
  }

  /** Writes a version and makes it current, copying its name and description to the workflow. */
  writeVersion(workflowId: string, v: WorkflowVersion): void {
    this.insertVersion(workflowId, v);
    this.setCurrent(workflowId, { name: v.name, description: v.description, currentVersion: v.version, updatedAt: v.savedAt });
  }

  version(workflowId: string, version: number): WorkflowVersionRow | undefined {
    const row = this.db
      .prepare<[string, number], Stored<WorkflowVersionRow>>(
        `SELECT ${versionColumns}, definition FROM workflow_versions WHERE workflow_id = ? AND version = ?`,
      )
      .get(workflowId, version);
    return row && fromRow(row, `workflow ${workflowId} version ${version}`);
  }

  /** Newest first, without definitions (they can be large); the trigger says what each version started on. */
  versions(workflowId: string): WorkflowVersionInfo[] {
    return this.db
      .prepare<[string], WorkflowVersionInfo>(
        `SELECT ${versionColumns}, ${triggerKey('v')} AS triggerKey FROM workflow_versions v WHERE workflow_id = ? ORDER BY version DESC`,
      )
      .all(workflowId);
  }

  /**
   * The workflow with its versions, activations and checks (their foreign keys' cascades) and its runs, which no
   * foreign key ties to it since migration 18: those in the lagging index by workflow, then those above its mark.
   * Their steps and deliveries go with them (cascades on the run's id). In the caller's transaction.
   */
  delete(id: string): void {
    this.db.prepare(`DELETE FROM runs WHERE id IN (SELECT run_id FROM runs_indexed_by_workflow WHERE workflow_id = ?)`).run(id);
    this.db
      .prepare(`DELETE FROM runs WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs') AND workflow_id = ?`)
      .run(id);
    this.db.prepare(`DELETE FROM workflows WHERE id = ?`).run(id);
  }

  /** What deleting the workflow takes with it. */
  contents(id: string): { versions: number; activations: number } {
    const count = (sql: string) => this.db.prepare<[string], number>(sql).pluck().get(id) ?? 0;
    return {
      versions: count(`SELECT count(*) AS n FROM workflow_versions WHERE workflow_id = ?`),
      activations: count(`SELECT count(*) AS n FROM activations WHERE workflow_id = ?`),
    };
  }

  /** Apps installed in at least one store of the organization: its Installed list (R5). */
  installedAppIds(organizationId: string): string[] {
    return this.db
      .prepare<[string], string>(
        `SELECT DISTINCT i.app_id FROM installations i JOIN stores s ON s.id = i.store_id WHERE s.organization_id = ?`,
      )
      .pluck()
      .all(organizationId);
  }
}
