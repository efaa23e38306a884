import type { Catalog } from '../catalog/catalog';
import { statusInState } from './compute-status';
import type { StoreReadiness } from './readiness';
import { STATE_CODES, type StateGrid } from './state-grid';
import type { StoreFacts, WorkflowFacts } from './status-facts';
import type { WorkflowStoreStatus } from './workflow-status';

/**
 * One pair's full status read off the state grid: the state is the grid's cell (the grid is the only place
 * states are computed), the reasons, problems and warnings are computeStatus's (statusInState).
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
  return statusInState(STATE_CODES[grid.cells[w * grid.stores + s]!]!, workflow, store, deactivatedAt, catalog, readiness);
}
