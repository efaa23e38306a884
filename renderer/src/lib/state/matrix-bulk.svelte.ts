import { api } from '../api/client';
import type { MatrixState } from './matrix.svelte';

export type BulkAction = 'enable' | 'disable' | 'reenable';

/** What the admin selected in the grid: whole rows (workflows), whole columns (stores) and single cells. */
export interface MatrixSelection {
  rows: ReadonlySet<string>;
  columns: ReadonlySet<string>;
  /** `workflowId|storeId` */
  cells: ReadonlySet<string>;
}

export interface BulkResult {
  action: BulkAction;
  changed: number;
  unchanged: number;
  withoutFlowApp: number;
  workflows: number;
  stores: number;
  failed: string[];
}

/**
 * Carries out a selection with one call: the server applies rows, columns and cells under the grid's
 * filter in one transaction (all of it or nothing) and says what changed.
 */
export class BulkRun {
  done = $state(0);
  total = $state(0);
  running = $state(false);
  result = $state<BulkResult | null>(null);

  constructor(private readonly matrix: MatrixState) {}

  async run(action: BulkAction, selection: MatrixSelection): Promise<BulkResult> {
    this.running = true;
    this.result = null;
    this.done = 0;
    this.total = 1;
    const f = this.matrix.filter;
    let result: BulkResult;
    try {
      const summary = await api.call('activations.bulk', {
        organizationId: this.matrix.organizationId!,
        action,
        selection: {
          workflowIds: [...selection.rows],
          storeIds: [...selection.columns],
          cells: [...selection.cells].map((key) => {
            const [workflowId = '', storeId = ''] = key.split('|');
            return { workflowId, storeId };
          }),
        },
        filter: {
          ...(f.storeIds ? { storeIds: f.storeIds } : {}),
          ...(f.states.length ? { states: f.states } : {}),
          ...(f.appId ? { appId: f.appId } : {}),
          ...(f.search.trim() ? { search: f.search.trim() } : {}),
        },
      });
      result = { ...summary, failed: [] };
    } catch (error) {
      result = { action, changed: 0, unchanged: 0, withoutFlowApp: 0, workflows: 0, stores: 0, failed: [(error as Error).message] };
    }
    this.done = 1;
    this.result = result;
    this.running = false;
    await this.matrix.refresh();
    return result;
  }
}
