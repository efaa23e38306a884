import type { Database } from 'better-sqlite3';
import type { AuditEntry, AuditEntryInput, AuditLog, AuditQuery } from './audit-log';

export interface AuditSubjects {
  workflowIds?: readonly string[];
  storeIds?: readonly string[];
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
  organization_id: string | null;
  store_id: string | null;
  workflow_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/**
 * One audit entry per bulk change ("enabled in 1,000 stores"), findable by each workflow and store it
 * touched: the entry's own workflow/store columns name one, `audit_subjects` lists the rest.
 */
export class AuditSubjectsStore {
  private readonly lastSeq;
  private readonly insertWorkflow;
  private readonly insertStore;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {
    this.lastSeq = db.prepare(`SELECT last_insert_rowid()`).pluck();
    this.insertWorkflow = db.prepare(`INSERT INTO audit_subjects (seq, workflow_id) VALUES (?, ?)`);
    this.insertStore = db.prepare(`INSERT INTO audit_subjects (seq, store_id) VALUES (?, ?)`);
  }

  /** Records the entry and the workflows and stores it concerns, in the caller's transaction. */
  record(entry: AuditEntryInput, subjects: AuditSubjects = {}): void {
    this.audit.record(entry);
    if (!subjects.workflowIds?.length && !subjects.storeIds?.length) return;
    const seq = this.lastSeq.get() as number;
    for (const id of subjects.workflowIds ?? []) this.insertWorkflow.run(seq, id);
    for (const id of subjects.storeIds ?? []) this.insertStore.run(seq, id);
  }

  /** Newest first; a workflow or store filter also matches entries that list it as a subject. */
  query(q: AuditQuery): AuditEntry[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit };
    const add = (value: unknown, key: string, clause: string) => {
      if (value === undefined) return;
      where.push(clause);
      params[key] = value;
    };
    add(q.organizationId, 'organizationId', `organization_id = @organizationId`);
    add(q.workflowId, 'workflowId', `(workflow_id = @workflowId OR seq IN (SELECT seq FROM audit_subjects WHERE workflow_id = @workflowId))`);
    add(q.storeId, 'storeId', `(store_id = @storeId OR seq IN (SELECT seq FROM audit_subjects WHERE store_id = @storeId))`);
    add(q.since, 'since', `at >= @since`);
    add(q.until, 'until', `at < @until`);
    add(q.action, 'action', `action = @action`);
    add(q.beforeSeq, 'beforeSeq', `seq < @beforeSeq`);
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as AuditRow[]).map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      summary: r.summary,
      organizationId: r.organization_id,
      storeId: r.store_id,
      workflowId: r.workflow_id,
      before: r.before_json === null ? null : JSON.parse(r.before_json),
      after: r.after_json === null ? null : JSON.parse(r.after_json),
    }));
  }
}
