import type { Database } from 'better-sqlite3';
import { activationCode, packRows, rowsFromSnapshot, unpackRows, type ActivationSnapshot } from '../domain/status/activation-snapshot';
import { ACTIVATION_DEACTIVATED, ACTIVATION_ENABLED } from '../domain/status/state-grid';
import { activationGeneration } from './status-generation';
import { storeLocator } from './store-locator';

/**
 * Each organization's activation bytes, one per (workflow, store). Read from the activations once per
 * activation generation (the counter of writes to `activations` alone): while it is unchanged, a new status
 * stamp (a store or an installation changed) takes them from the snapshot in memory, or at a start from the
 * one kept in kept_activation_grids, and reads only the stores and workflows the snapshot does not know.
 * Reads never write: snapshots are kept in the database only when asked (`keep`, when the app closes).
 */
export class ActivationGrids {
  private readonly snapshots = new Map<string, { snapshot: ActivationSnapshot; kept: boolean }>();
  private readonly generation: () => number | null;

  constructor(private readonly db: Database) {
    this.generation = activationGeneration(db);
  }

  /** Per workflow (in the order given), one activation byte per store (in the order given). */
  rows(organizationId: string, stores: readonly { id: string }[], workflows: readonly { id: string }[]): Uint8Array[] {
    // Read before the rows: a write while they are read leaves them labelled with an older value, never reused.
    const generation = this.generation();
    if (generation === null) return this.readAll(stores, workflows);
    const storeIds = stores.map((s) => s.id);
    const workflowIds = workflows.map((w) => w.id);
    const base = this.snapshotAt(organizationId, generation);
    let rows: Uint8Array[];
    let kept = false;
    if (base) {
      const from = rowsFromSnapshot(base.snapshot, storeIds, workflowIds);
      rows = from.rows;
      this.readWorkflows(from.unknownWorkflows, workflowIds, stores, rows);
      this.readStores(from.unknownStores, storeIds, workflows, rows);
      kept = base.kept && sameIds(base.snapshot.storeIds, storeIds) && sameIds(base.snapshot.workflowIds, workflowIds);
    } else {
      rows = this.readAll(stores, workflows);
    }
    this.snapshots.set(organizationId, { snapshot: { generation, storeIds, workflowIds, rows }, kept });
    return rows;
  }

  /**
   * Writes the snapshots made since the last call that are still current, so the next start takes its
   * activations from them. Called explicitly (when the app closes), never by a read. Returns how many.
   */
  keep(): number {
    const generation = this.generation();
    const fresh = [...this.snapshots].filter(([, s]) => !s.kept && s.snapshot.generation === generation);
    if (fresh.length === 0) return 0;
    const upsert = this.db.prepare(
      `INSERT INTO kept_activation_grids (organization_id, generation, store_ids, workflow_ids, cells) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (organization_id) DO UPDATE SET generation = excluded.generation, store_ids = excluded.store_ids,
         workflow_ids = excluded.workflow_ids, cells = excluded.cells`,
    );
    this.db.transaction(() => {
      for (const [organizationId, entry] of fresh) {
        const { snapshot } = entry;
        const cells = packRows(snapshot.rows, snapshot.storeIds.length);
        upsert.run(organizationId, snapshot.generation, JSON.stringify(snapshot.storeIds), JSON.stringify(snapshot.workflowIds), cells);
        entry.kept = true;
      }
    })();
    return fresh.length;
  }

  /** The snapshot of the organization at the generation: the one in memory, else the one kept, else null. */
  private snapshotAt(organizationId: string, generation: number): { snapshot: ActivationSnapshot; kept: boolean } | null {
    const known = this.snapshots.get(organizationId);
    if (known?.snapshot.generation === generation) return known;
    const kept = this.kept(organizationId, generation);
    return kept ? { snapshot: kept, kept: true } : null;
  }

  /** The snapshot kept at the given generation, or null (none, another generation, or not readable as one). */
  private kept(organizationId: string, generation: number): ActivationSnapshot | null {
    const row = this.db
      .prepare<[string], [number, string, string, Uint8Array]>(
        `SELECT generation, store_ids, workflow_ids, cells FROM kept_activation_grids WHERE organization_id = ?`,
      )
      .raw()
      .get(organizationId);
    if (!row || row[0] !== generation) return null;
    try {
      const storeIds: unknown = JSON.parse(row[1]);
      const workflowIds: unknown = JSON.parse(row[2]);
      if (!isIdList(storeIds) || !isIdList(workflowIds)) return null;
      const rows = unpackRows(row[3], workflowIds.length, storeIds.length);
      return rows ? { generation, storeIds, workflowIds, rows } : null;
    } catch {
      return null;
    }
  }

  /**
   * Every activation of the organization's workflows. Reading 1,000,000 rows one by one would take seconds,
   * so each workflow's enabled stores come as one comma-joined string (a short statement per workflow), and
   * the few pairs the Flow app's removal deactivated come from their own index.
   */
  private readAll(stores: readonly { id: string }[], workflows: readonly { id: string }[]): Uint8Array[] {
    const locate = storeLocator(stores);
    const enabledIn = this.db
      .prepare<[string], string | null>(`SELECT group_concat(store_id) FROM activations WHERE workflow_id = ? AND enabled = 1`)
      .pluck();
    const rows = workflows.map((workflow) => {
      const row = new Uint8Array(stores.length);
      const list = enabledIn.get(workflow.id);
      if (list) locate(list, row, ACTIVATION_ENABLED);
      return row;
    });
    const rowOf = new Map(workflows.map((w, i) => [w.id, rows[i]!]));
    const storeIndex = new Map(stores.map((s, i) => [s.id, i]));
    // Read from the partial index alone; an enabled pair is never shown as deactivated.
    const deactivated = this.db
      .prepare<[], [string, string]>(`SELECT workflow_id, store_id FROM activations WHERE deactivated_at IS NOT NULL`)
      .raw()
      .all();
    for (const [workflowId, storeId] of deactivated) {
      const row = rowOf.get(workflowId);
      const s = storeIndex.get(storeId);
      if (row && s !== undefined && row[s] !== ACTIVATION_ENABLED) row[s] = ACTIVATION_DEACTIVATED;
    }
    return rows;
  }

  /** Fills the rows of the workflows at `unknown` (indexes into `workflowIds`) from their activations. */
  private readWorkflows(
    unknown: readonly number[],
    workflowIds: readonly string[],
    stores: readonly { id: string }[],
    rows: Uint8Array[],
  ): void {
    if (unknown.length === 0) return;
    const storeIndex = new Map(stores.map((s, i) => [s.id, i]));
    const ofWorkflow = this.db
      .prepare<[string], [string, number, string | null]>(`SELECT store_id, enabled, deactivated_at FROM activations WHERE workflow_id = ?`)
      .raw();
    for (const w of unknown) {
      for (const [storeId, enabled, deactivatedAt] of ofWorkflow.all(workflowIds[w]!)) {
        const s = storeIndex.get(storeId);
        if (s !== undefined) rows[w]![s] = activationCode(enabled === 1, deactivatedAt);
      }
    }
  }

  /** Fills the columns of the stores at `unknown` (indexes into `storeIds`) from their activations. */
  private readStores(
    unknown: readonly number[],
    storeIds: readonly string[],
    workflows: readonly { id: string }[],
    rows: Uint8Array[],
  ): void {
    if (unknown.length === 0) return;
    const workflowIndex = new Map(workflows.map((w, i) => [w.id, i]));
    const ofStore = this.db
      .prepare<[string], [string, number, string | null]>(`SELECT workflow_id, enabled, deactivated_at FROM activations WHERE store_id = ?`)
      .raw();
    for (const s of unknown) {
      for (const [workflowId, enabled, deactivatedAt] of ofStore.all(storeIds[s]!)) {
        const w = workflowIndex.get(workflowId);
        if (w !== undefined) rows[w]![s] = activationCode(enabled === 1, deactivatedAt);
      }
    }
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((id) => typeof id === 'string');
}
