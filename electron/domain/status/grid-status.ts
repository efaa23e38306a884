import type { Catalog } from '../catalog/catalog';
import { blockReasons } from './compute-status';
import { readinessWarnings, type StoreReadiness } from './readiness';
import { STATE_CODES, type StateGrid } from './state-grid';
import type { StoreFacts, WorkflowFacts } from './status-facts';
import type { WorkflowStoreStatus } from './workflow-status';

/**
 * One pair's full status read off the state grid: the state is the grid's cell (the grid is the only place
 * states are computed), the reasons and problems are added for the enabled states, as computeStatus does.
 * `readiness` is the store's (readiness.ts), read apart from the grid's facts because deliveries move it.
 * `deactivatedAt` is the activation's own time (the grid keeps one byte per pair, not the time).
 */
export function statusFromGrid(
  grid: StateGrid,
  w: number,
  s: number,
  workflow: WorkflowFacts,
  store: StoreFacts,
  deactivatedAt: string | null,
  catalog: Catalog,
  readiness?: StoreReadiness,
): WorkflowStoreStatus {
  const state = STATE_CODES[grid.cells[w * grid.stores + s]!]!;
  const enabled = state === 'running' || state === 'blocked' || state === 'invalid';
  return {
    workflowId: workflow.id,
    storeId: store.id,
    state,
    // An invalid workflow also lists what the store lacks, so both can be fixed in one go.
    reasons: enabled ? blockReasons(workflow, store, catalog) : [],
    problems: state === 'invalid' ? [...workflow.errors] : [],
    // Readiness never changes the state: a running cell carries what stands in the way of its deliveries.
    warnings: state === 'running' ? readinessWarnings(workflow.appsUsed, readiness, catalog) : [],
    since: state === 'deactivated' ? deactivatedAt : null,
  };
}
