import type { Database } from 'better-sqlite3';
import { auditActions, type AuditAction } from '../domain/audit/audit-actions';

export interface AuditEntryInput {
  actor: string;
  action: AuditAction;
  summary: string;
  organizationId?: string | null;
  storeId?: string | null;
  workflowId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Every workflow and store a bulk change touched, beyond the one its own columns name. */
export interface AuditSubjects {
  workflowIds?: readonly string[];
  storeIds?: readonly string[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  summary: string;
  organizationId: string | null;
  storeId: string | null;
  workflowId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  organizationId?: string;
  storeId?: string;
  workflowId?: string;
  since?: string;
  until?: string;
  action?: AuditAction;
  beforeSeq?: number;
  limit: number;
}

const known = new Set<string>(auditActions);

/** The action of a stored entry; every action ever recorded is in the list, so another one is a damaged log. */
function storedAction(action: string, seq: number): AuditAction {
  if (!isAuditAction(action)) throw new Error(`audit_log entry ${seq} has an unknown action "${action}"`);
  return action;
}

const isAuditAction = (action: string): action is AuditAction => known.has(action);

function fromRow(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: storedAction(r.action, r.seq),
    summary: r.summary,
    organizationId: r.organization_id,
    storeId: r.store_id,
    workflowId: r.workflow_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  };
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
 * The append-only log of every change: who, when, what, before and after. A bulk change ("enabled in
 * 1,000 stores") is one entry, findable by each workflow and store it touched through `audit_subjects`.
 */
export class AuditLog {
  private readonly insert;
  private readonly insertWorkflowSubject;
  private readonly insertStoreSubject;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, actor, action, organization_id, store_id, workflow_id, summary, before_json, after_json)
       VALUES (@at, @actor, @action, @organizationId, @storeId, @workflowId, @summary, @before, @after)`,
    );
    this.insertWorkflowSubject = db.prepare(`INSERT INTO audit_subjects (seq, workflow_id) VALUES (?, ?)`);
    this.insertStoreSubject = db.prepare(`INSERT INTO audit_subjects (seq, store_id) VALUES (?, ?)`);
  }

  /** Records the entry (and the workflows and stores it concerns) in the caller's transaction. */
  record(entry: AuditEntryInput, subjects: AuditSubjects = {}): void {
    const { lastInsertRowid } = this.insert.run({
      at: this.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      organizationId: entry.organizationId ?? null,
      storeId: entry.storeId ?? null,
      workflowId: entry.workflowId ?? null,
      summary: entry.summary,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    });
    for (const id of subjects.workflowIds ?? []) this.insertWorkflowSubject.run(lastInsertRowid, id);
    for (const id of subjects.storeIds ?? []) this.insertStoreSubject.run(lastInsertRowid, id);
  }

  /** Newest first; a workflow or store filter also matches bulk entries that list it as a subject. */
  query(q: AuditQuery): AuditEntry[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit };
    const filters: [keyof AuditQuery, string][] = [
      ['organizationId', 'organization_id = @organizationId'],
      ['workflowId', '(workflow_id = @workflowId OR seq IN (SELECT seq FROM audit_subjects WHERE workflow_id = @workflowId))'],
      ['storeId', '(store_id = @storeId OR seq IN (SELECT seq FROM audit_subjects WHERE store_id = @storeId))'],
      ['since', 'at >= @since'],
      ['until', 'at < @until'],
      ['action', 'action = @action'],
      ['beforeSeq', 'seq < @beforeSeq'],
    ];
    for (const [key, clause] of filters) {
      if (q[key] !== undefined) {
        where.push(clause);
        params[key] = q[key];
      }
    }
    const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT @limit`;
    return this.db.prepare<[Record<string, unknown>], AuditRow>(sql).all(params).map(fromRow);
  }
}
