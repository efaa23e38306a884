import type { Database } from 'better-sqlite3';
import type { BulkChangeRecord, ChangedPair } from '../domain/organization/bulk-undo';

type Stored = Omit<BulkChangeRecord, 'pairs'> & { organizationId: string; pairs: string };

/** A bulk_changes row as read: its pairs are kept as JSON text, written only by `insert` below. */
const fromRow = (row: Stored): BulkChangeRecord & { organizationId: string } => ({ ...row, pairs: JSON.parse(row.pairs) as ChangedPair[] });

/** SQL for kept bulk changes (undo); nothing else. */
export class BulkChangeStore {
  constructor(private readonly db: Database) {}

  insert(change: { id: string; organizationId: string; action: string; at: string; actor: string; pairs: readonly ChangedPair[] }): void {
    this.db
      .prepare(`INSERT INTO bulk_changes (id, organization_id, action, at, actor, pairs) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(change.id, change.organizationId, change.action, change.at, change.actor, JSON.stringify(change.pairs));
  }

  get(id: string): (BulkChangeRecord & { organizationId: string }) | undefined {
    const row = this.db
      .prepare<[string], Stored>(
        `SELECT id, organization_id AS organizationId, action, at, pairs, undone_at AS undoneAt FROM bulk_changes WHERE id = ?`,
      )
      .get(id);
    return row && fromRow(row);
  }

  /** The organization's last bulk change (undone or not), by the order they were written. */
  last(organizationId: string): { id: string; undoneAt: string | null } | null {
    const row = this.db
      .prepare<[string], { id: string; undoneAt: string | null }>(
        `SELECT id, undone_at AS undoneAt FROM bulk_changes WHERE organization_id = ? ORDER BY rowid DESC LIMIT 1`,
      )
      .get(organizationId);
    return row ?? null;
  }

  markUndone(id: string, at: string): void {
    this.db.prepare(`UPDATE bulk_changes SET undone_at = ? WHERE id = ?`).run(at, id);
  }
}
