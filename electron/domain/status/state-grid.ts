import type { StoreFacts, WorkflowFacts } from './status-facts';
import type { StatusState } from './workflow-status';

/** An activation as one byte per (workflow, store): what the admin asked for there. */
export const ACTIVATION_OFF = 0; // never enabled, or switched off
export const ACTIVATION_ENABLED = 1;
export const ACTIVATION_DEACTIVATED = 2; // switched off by the Flow app's removal (R8)

/** A state as one byte; the index into this list. */
export const STATE_CODES: readonly StatusState[] = ['off', 'running', 'blocked', 'invalid', 'deactivated'];
export const OFF = 0;
export const RUNNING = 1;
export const BLOCKED = 2;
export const INVALID = 3;
export const DEACTIVATED = 4;

/** Everything the status of every pair of an organization is computed from; rows and columns by name. */
export interface OrganizationFacts {
  organizationId: string;
  stores: readonly StoreFacts[];
  workflows: readonly WorkflowFacts[];
  /** Per workflow (same order as `workflows`), one activation byte per store (same order as `stores`). */
  activations: readonly Uint8Array[];
  /**
   * The few pairs whose store runs another version than the workflow's published one (a staged publish, a
   * rollback of one store), keyed by `w * stores.length + s`, with that version's facts.
   */
  storeVersions?: ReadonlyMap<number, WorkflowFacts>;
}

/** The facts of the version running at a pair: the store's own version where it has one, else the workflow's. */
export function factsAt(facts: OrganizationFacts, w: number, s: number): WorkflowFacts {
  return facts.storeVersions?.get(w * facts.stores.length + s) ?? facts.workflows[w]!;
}

/** The state of every pair: `cells[w * stores + s]` holds a code of {@link STATE_CODES}. */
export interface StateGrid {
  stores: number;
  workflows: number;
  cells: Uint8Array;
  /** Workflows using the same set of apps share a signature (an index into `signatures`). */
  signatureOf: Int32Array;
  /** Per signature, the apps it stands for. */
  signatures: readonly (readonly string[])[];
}

/**
 * Every pair's state at once. Workflows using the same set of apps share one "can run here" row per
 * store, so 2,000,000 pairs cost one byte lookup each after a few hundred store scans.
 */
export function computeStateGrid(facts: OrganizationFacts): StateGrid {
  const storeCount = facts.stores.length;
  const cells = new Uint8Array(facts.workflows.length * storeCount);
  const signatureOf = new Int32Array(facts.workflows.length);
  const signatures: (readonly string[])[] = [];
  const bySignature = new Map<string, number>();
  const runnable: Uint8Array[] = [];
  const readiness = appReadiness(facts.stores);
  // Indexed by activation byte * 2 + can run: off, off, blocked, running, deactivated, deactivated.
  const valid = Uint8Array.of(OFF, OFF, BLOCKED, RUNNING, DEACTIVATED, DEACTIVATED);
  const invalid = Uint8Array.of(OFF, OFF, INVALID, INVALID, DEACTIVATED, DEACTIVATED);
  for (let w = 0; w < facts.workflows.length; w++) {
    const workflow = facts.workflows[w]!;
    const key = workflow.appsUsed.join(',');
    let sig = bySignature.get(key);
    if (sig === undefined) {
      sig = signatures.push(workflow.appsUsed) - 1;
      bySignature.set(key, sig);
      runnable.push(readiness(workflow.appsUsed));
    }
    signatureOf[w] = sig;
    const canRun = runnable[sig]!;
    const activation = facts.activations[w]!;
    const table = workflow.errors.length > 0 ? invalid : valid;
    const row = w * storeCount;
    for (let s = 0; s < storeCount; s++) cells[row + s] = table[activation[s]! * 2 + canRun[s]!]!;
  }
  // A store running another version: the same rule, with that version's apps and errors.
  for (const [cell, version] of facts.storeVersions ?? []) {
    const w = Math.floor(cell / storeCount);
    const s = cell % storeCount;
    const table = version.errors.length > 0 ? invalid : valid;
    cells[cell] = table[facts.activations[w]![s]! * 2 + readiness(version.appsUsed)[s]!]!;
  }
  return { stores: storeCount, workflows: facts.workflows.length, cells, signatureOf, signatures };
}

/**
 * "Can a workflow using these apps run in each store?" as a byte per store: the Flow app's row ANDed with
 * each app's row (installed, set up, connected), each row built once.
 */
function appReadiness(stores: readonly StoreFacts[]): (apps: readonly string[]) => Uint8Array {
  const rows = new Map<string, Uint8Array>();
  const flow = Uint8Array.from(stores, (s) => (s.flowInstalled ? 1 : 0));
  return (apps) => {
    const out = flow.slice();
    for (const appId of apps) {
      let row = rows.get(appId);
      if (!row) rows.set(appId, (row = Uint8Array.from(stores, (s) => (s.ready.has(appId) ? 1 : 0))));
      for (let s = 0; s < out.length; s++) out[s]! &= row[s]!;
    }
    return out;
  };
}

export type StateCounts = Record<StatusState, number>;

export function emptyCounts(): StateCounts {
  return { running: 0, off: 0, deactivated: 0, blocked: 0, invalid: 0 };
}

/** How many of the given stores are in each state for one workflow (all stores when `stores` is omitted). */
export function rowCounts(grid: StateGrid, w: number, stores?: readonly number[]): StateCounts {
  const tally = [0, 0, 0, 0, 0];
  const row = w * grid.stores;
  if (stores) for (const s of stores) tally[grid.cells[row + s]!]!++;
  else for (let s = 0; s < grid.stores; s++) tally[grid.cells[row + s]!]!++;
  return toCounts(tally);
}

/** How many workflows are in each state in each store: one pass over the grid, a count list per store column. */
export function storeCounts(grid: StateGrid): StateCounts[] {
  const tally = new Uint32Array(grid.stores * 5);
  const cells = grid.cells;
  for (let w = 0; w < grid.workflows; w++) {
    const row = w * grid.stores;
    for (let s = 0; s < grid.stores; s++) tally[s * 5 + cells[row + s]!]!++;
  }
  return Array.from({ length: grid.stores }, (_, s) => toCounts(tally.subarray(s * 5, s * 5 + 5)));
}

export function toCounts(tally: ArrayLike<number>): StateCounts {
  const counts = emptyCounts();
  STATE_CODES.forEach((state, code) => (counts[state] = tally[code] ?? 0));
  return counts;
}
