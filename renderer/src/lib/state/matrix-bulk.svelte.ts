import { api, type ApiInput, type ApiOutput } from '../api/client';
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
  /** Selected pairs the rule held back (re-enabling waits for the Flow app), by reason: shown in the summary. */
  skipped: ApiOutput<'activations.bulk'>['skipped'];
  failed: string[];
  /** The kept change, for undo; null when nothing changed. */
  bulkChangeId: string | null;
}

/** What a selection would change, counted by the server before the admin confirms. */
export type BulkPreview = ApiOutput<'activations.bulkPreview'>;

/**
 * Carries out a selection with one call: the server applies rows, columns and cells under the grid's
 * filter in one transaction (all of it or nothing) and says what changed.
 */
export class BulkRun {
  done = $state(0);
  total = $state(0);
  running = $state(false);
  result = $state<BulkResult | null>(null);
  /** Pairs the last undo put back, once it is done. */
  undone = $state<number | null>(null);

  constructor(private readonly matrix: MatrixState) {}

  /** The exact number of pairs the selection would change and how many of them run now; nothing is written. */
  preview(action: BulkAction, selection: MatrixSelection): Promise<BulkPreview> {
    return api.call('activations.bulkPreview', this.input(action, selection));
  }

  /** Puts the last bulk change back exactly as it was. */
  async undo(): Promise<void> {
    const id = this.result?.bulkChangeId;
    if (!id) return;
    try {
      const answer = await api.call('activations.undoBulk', { bulkChangeId: id });
      // The grid is read again before the summary says the pairs are back.
      await this.matrix.refresh();
      this.undone = answer.restored;
      this.result = { ...this.result!, bulkChangeId: null };
    } catch (error) {
      this.result = { ...this.result!, failed: [(error as Error).message] };
      await this.matrix.refresh();
    }
  }

  async run(action: BulkAction, selection: MatrixSelection): Promise<BulkResult> {
    this.running = true;
    this.result = null;
    this.undone = null;
    this.done = 0;
    this.total = 1;
    let result: BulkResult;
    try {
      const summary = await api.call('activations.bulk', this.input(action, selection));
      result = { ...summary, failed: [] };
    } catch (error) {
      result = {
        action,
        changed: 0,
        unchanged: 0,
        withoutFlowApp: 0,
        workflows: 0,
        stores: 0,
        skipped: [],
        failed: [(error as Error).message],
        bulkChangeId: null,
      };
    }
    this.done = 1;
    // The grid is read again before the summary shows, so it never sits beside cells that still show the old states.
    await this.matrix.refresh();
    this.result = result;
    this.running = false;
    return result;
  }

  private input(action: BulkAction, selection: MatrixSelection): ApiInput<'activations.bulk'> {
    const f = this.matrix.filter;
    return {
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
    };
  }
}
