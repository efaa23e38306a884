import { ACTIVATION_DEACTIVATED, ACTIVATION_ENABLED, ACTIVATION_OFF } from './state-grid';

/**
 * An organization's activation bytes as they were at one activation generation (the database's counter of
 * writes to `activations`, see status-generation.ts), with the ids of the stores and workflows they are for.
 * While that counter is unchanged every byte in it is still true, whatever else changed: the grid of a new
 * status stamp (a store renamed, an app installed) takes its activations from here instead of reading
 * 456,495 rows again.
 */
export interface ActivationSnapshot {
  generation: number;
  storeIds: readonly string[];
  workflowIds: readonly string[];
  /** Per workflow (order of `workflowIds`), one activation byte per store (order of `storeIds`). */
  rows: readonly Uint8Array[];
}

/** The rows for the stores and workflows asked for, and which of them the snapshot does not hold (to be read). */
export interface SnapshotRows {
  rows: Uint8Array[];
  /** Indexes into the workflows asked for whose row is all off here: to be read from the activations. */
  unknownWorkflows: number[];
  /** Indexes into the stores asked for whose column is all off here: to be read from the activations. */
  unknownStores: number[];
}

/**
 * The activation rows for `storeIds` × `workflowIds` from a snapshot of the same activation generation.
 * Stores and workflows gone since are left out; ones the snapshot does not know (added since, or moved into
 * the organization) are listed to be read, as any activation they have was written before the snapshot was
 * taken for another organization or not at all. Rows are shared with the snapshot when the stores are the same
 * in the same order (rows are never written after they are made).
 */
export function rowsFromSnapshot(snapshot: ActivationSnapshot, storeIds: readonly string[], workflowIds: readonly string[]): SnapshotRows {
  const storeAt = new Map(snapshot.storeIds.map((id, i) => [id, i]));
  const source = Int32Array.from(storeIds, (id) => storeAt.get(id) ?? -1);
  const unknownStores: number[] = [];
  source.forEach((from, s) => {
    if (from < 0) unknownStores.push(s);
  });
  const sameStores = storeIds.length === snapshot.storeIds.length && source.every((from, s) => from === s);
  const workflowAt = new Map(snapshot.workflowIds.map((id, i) => [id, i]));
  const unknownWorkflows: number[] = [];
  const rows = workflowIds.map((id, w) => {
    const from = workflowAt.get(id);
    if (from === undefined) {
      unknownWorkflows.push(w);
      return new Uint8Array(storeIds.length);
    }
    const kept = snapshot.rows[from]!;
    if (sameStores) return kept;
    const row = new Uint8Array(storeIds.length);
    for (let s = 0; s < row.length; s++) if (source[s]! >= 0) row[s] = kept[source[s]!]!;
    return row;
  });
  return { rows, unknownWorkflows, unknownStores };
}

/** The activation byte of one activation row, as the grid reads it: an enabled pair is never deactivated. */
export function activationCode(enabled: boolean, deactivatedAt: string | null): number {
  if (enabled) return ACTIVATION_ENABLED;
  return deactivatedAt === null ? ACTIVATION_OFF : ACTIVATION_DEACTIVATED;
}

/** Four activation bytes (each 0, 1 or 2) per byte, row after row: 2,000,000 pairs in 500 KB. */
export function packRows(rows: readonly Uint8Array[], stores: number): Uint8Array {
  const packed = new Uint8Array(Math.ceil((rows.length * stores) / 4));
  let cell = 0;
  for (const row of rows) {
    for (let s = 0; s < stores; s++, cell++) {
      const code = row[s]!;
      if (code !== 0) packed[cell >> 2]! |= code << ((cell & 3) * 2);
    }
  }
  return packed;
}

/** The rows `packRows` packed, or null when the packed bytes cannot be them (a damaged or foreign value). */
export function unpackRows(packed: Uint8Array, workflows: number, stores: number): Uint8Array[] | null {
  if (packed.length !== Math.ceil((workflows * stores) / 4)) return null;
  const rows: Uint8Array[] = [];
  let cell = 0;
  for (let w = 0; w < workflows; w++) {
    const row = new Uint8Array(stores);
    for (let s = 0; s < stores; s++, cell++) {
      const code = (packed[cell >> 2]! >> ((cell & 3) * 2)) & 3;
      if (code === 3) return null;
      row[s] = code;
    }
    rows.push(row);
  }
  return rows;
}
