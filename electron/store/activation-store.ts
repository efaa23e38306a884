import type { Database } from 'better-sqlite3';
import type { KeptActivation } from '../domain/organization/bulk-undo';

export interface ActivationRow {
  workflowId: string;
  storeId: string;
  enabled: boolean;
  deactivatedAt: string | null;
}

interface Raw {
  workflowId: string;
  storeId: string;
  enabled: number;
  deactivatedAt: string | null;
}

const columns = `workflow_id AS workflowId, store_id AS storeId, enabled, deactivated_at AS deactivatedAt`;
/** An activations row as read (SQLite keeps booleans as 0/1). Writes name their columns per statement. */
const fromRow = (r: Raw): ActivationRow => ({ ...r, enabled: r.enabled === 1 });

/**
 * SQL for activations: what the admin asked for, per workflow and store. Bulk changes run one cached
 * prepared statement per pair inside the caller's transaction: measured faster than one statement over a
 * JSON list (json_each) for 1,000 pairs.
 */
export class ActivationStore {
  private readonly enableOne;
  private readonly disableOne;
  private readonly reenableOne;
  private readonly getOne;
  /** While a bulk change runs: each pair's activation before its first write (see `journal`). */
  private kept: Map<string, KeptActivation> | null = null;

  constructor(private readonly db: Database) {
    this.enableOne = db.prepare(
      `INSERT INTO activations (workflow_id, store_id, enabled, deactivated_at, updated_at) VALUES (?, ?, 1, NULL, ?)
       ON CONFLICT (workflow_id, store_id) DO UPDATE SET enabled = 1, deactivated_at = NULL, updated_at = excluded.updated_at`,
    );
    this.disableOne = db.prepare(
      `UPDATE activations SET enabled = 0, deactivated_at = NULL, updated_at = ? WHERE workflow_id = ? AND store_id = ?`,
    );
    this.reenableOne = db.prepare(
      `UPDATE activations SET enabled = 1, deactivated_at = NULL, updated_at = ? WHERE workflow_id = ? AND store_id = ?`,
    );
    this.getOne = db
      .prepare<[string, string], [number, string | null]>(
        `SELECT enabled, deactivated_at FROM activations WHERE workflow_id = ? AND store_id = ?`,
      )
      .raw();
  }

  /** A pair's activation as a bulk change keeps it. */
  keptOf(workflowId: string, storeId: string): KeptActivation {
    const row = this.getOne.get(workflowId, storeId);
    return row ? [row[0] === 1, row[1]] : null;
  }

  /**
   * Runs `change` noting each pair's activation before its first write, and returns every pair it changed
   * with before and after: what a bulk change keeps to be undone, and what its preview counts.
   */
  journal<T>(change: () => T): { value: T; pairs: [string, string, KeptActivation, KeptActivation][] } {
    const kept = (this.kept = new Map());
    try {
      const value = change();
      const pairs: [string, string, KeptActivation, KeptActivation][] = [];
      for (const [key, before] of kept) {
        const [workflowId = '', storeId = ''] = key.split('|');
        const after = this.keptOf(workflowId, storeId);
        if (JSON.stringify(after) !== JSON.stringify(before)) pairs.push([workflowId, storeId, before, after]);
      }
      return { value, pairs };
    } finally {
      this.kept = null;
    }
  }

  private note(workflowId: string, storeId: string): void {
    const key = `${workflowId}|${storeId}`;
    if (this.kept && !this.kept.has(key)) this.kept.set(key, this.keptOf(workflowId, storeId));
  }

  /** Puts pairs back as kept (an undo); call inside a transaction. */
  restore(pairs: readonly (readonly [string, string, KeptActivation])[], at: string): void {
    const remove = this.db.prepare(`DELETE FROM activations WHERE workflow_id = ? AND store_id = ?`);
    const put = this.db.prepare(
      `INSERT INTO activations (workflow_id, store_id, enabled, deactivated_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workflow_id, store_id) DO UPDATE SET enabled = excluded.enabled, deactivated_at = excluded.deactivated_at, updated_at = excluded.updated_at`,
    );
    for (const [workflowId, storeId, state] of pairs) {
      if (state === null) remove.run(workflowId, storeId);
      else put.run(workflowId, storeId, state[0] ? 1 : 0, state[1], at);
    }
  }

  get(workflowId: string, storeId: string): ActivationRow | undefined {
    const row = this.db
      .prepare<[string, string], Raw>(`SELECT ${columns} FROM activations WHERE workflow_id = ? AND store_id = ?`)
      .get(workflowId, storeId);
    return row && fromRow(row);
  }

  ofWorkflow(workflowId: string): ActivationRow[] {
    return this.db.prepare<[string], Raw>(`SELECT ${columns} FROM activations WHERE workflow_id = ?`).all(workflowId).map(fromRow);
  }

  ofStore(storeId: string): ActivationRow[] {
    return this.db.prepare<[string], Raw>(`SELECT ${columns} FROM activations WHERE store_id = ?`).all(storeId).map(fromRow);
  }

  /** Enables the pairs (clearing an R8 deactivation) or switches them off. Call inside a transaction. */
  setForWorkflow(workflowId: string, storeIds: readonly string[], enabled: boolean, at: string): void {
    for (const storeId of storeIds) this.set(workflowId, storeId, enabled, at);
  }

  setForStore(storeId: string, workflowIds: readonly string[], enabled: boolean, at: string): void {
    for (const workflowId of workflowIds) this.set(workflowId, storeId, enabled, at);
  }

  private set(workflowId: string, storeId: string, enabled: boolean, at: string): void {
    this.note(workflowId, storeId);
    if (enabled) this.enableOne.run(workflowId, storeId, at);
    else this.disableOne.run(at, workflowId, storeId);
  }

  /** R8: the store's enabled workflows are switched off and marked as deactivated by the Flow app's removal. */
  deactivateStore(storeId: string, at: string): string[] {
    return this.db
      .prepare<[string, string, string], string>(
        `UPDATE activations SET enabled = 0, deactivated_at = ?, updated_at = ? WHERE store_id = ? AND enabled = 1 RETURNING workflow_id`,
      )
      .pluck()
      .all(at, at, storeId);
  }

  /** Workflows enabled in the store: what uninstalling the Flow app there would deactivate. */
  enabledWorkflowIds(storeId: string): string[] {
    return this.db.prepare<[string], string>(`SELECT workflow_id FROM activations WHERE store_id = ? AND enabled = 1`).pluck().all(storeId);
  }

  /**
   * R8-deactivated pairs of the given stores (optionally only these workflows); the stores are the caller's,
   * already checked to be of one organization. Found by their partial index: the few among many.
   */
  deactivatedIn(storeIds: readonly string[], workflowIds: readonly string[] | undefined): ActivationRow[] {
    const only = workflowIds ? new Set(workflowIds) : null;
    const deactivatedIn = this.db.prepare<[string], Raw>(
      `SELECT ${columns} FROM activations WHERE store_id = ? AND deactivated_at IS NOT NULL`,
    );
    const pairs: ActivationRow[] = [];
    for (const storeId of storeIds) {
      for (const row of deactivatedIn.all(storeId)) if (!only || only.has(row.workflowId)) pairs.push(fromRow(row));
    }
    return pairs;
  }

  /**
   * Enables pairs again, clearing their R8 deactivation; call inside a transaction. Each is updated by its key:
   * faster than one UPDATE that rewrites the partial index it searches.
   */
  reenable(pairs: readonly { workflowId: string; storeId: string }[], at: string): void {
    for (const { workflowId, storeId } of pairs) {
      this.note(workflowId, storeId);
      this.reenableOne.run(at, workflowId, storeId);
    }
  }

  /** Enabled pairs of the workflows in the stores: who an app's removal from those stores would block. */
  enabledPairsUsing(workflowIds: readonly string[], storeIds: readonly string[]): number {
    return (
      this.db
        .prepare<[string, string], number>(
          `SELECT count(*) FROM activations WHERE enabled = 1
           AND workflow_id IN (SELECT value FROM json_each(?)) AND store_id IN (SELECT value FROM json_each(?))`,
        )
        .pluck()
        .get(JSON.stringify(workflowIds), JSON.stringify(storeIds)) ?? 0
    );
  }
}
