import type { ActionFlags } from '$shared/domain/status/pair-actions';
import type { CellActions, MatrixRow, MatrixStore } from '$shared/domain/status/status-matrix';
import type { StatusState } from '$shared/domain/status/workflow-status';
import { api, type ApiInput, type ApiOutput } from '../api/client';

type Page = ApiOutput<'status.matrix'>;
export type { ActionFlags, MatrixRow, MatrixStore };
export type BlockReasonItem = Page['reasonSets'][number][number];

/** A row as the grid keeps it: the API's row and the page's reason lists its references point into. */
interface LoadedRow {
  row: MatrixRow;
  reasonSets: Page['reasonSets'];
}

export interface MatrixFilter {
  states: StatusState[];
  appId: string;
  search: string;
  /** Store ids to show; null for every store. */
  storeIds: string[] | null;
}

export const stateByLetter: Record<string, StatusState> = { r: 'running', o: 'off', d: 'deactivated', b: 'blocked', i: 'invalid' };

/** Rows are fetched in blocks as the grid scrolls; the columns (stores, at most 2,000) come with every block. */
export const ROW_BLOCK = 50;
const MAX_STORES = 2000;

/**
 * The workflow × store matrix as the grid pages through it. Rows arrive in blocks from `status.matrix`
 * in its compact form (a letter per cell, each distinct reason list once); a filter change starts over.
 */
export class MatrixState {
  organizationId = $state<string | null>(null);
  filter = $state<MatrixFilter>({ states: [], appId: '', search: '', storeIds: null });
  totalWorkflows = $state(0);
  totalStores = $state(0);
  stores = $state.raw<MatrixStore[]>([]);
  /** Row index → row; sparse while blocks load. Replaced (not mutated) so the grid re-renders. */
  private loaded = $state.raw<ReadonlyMap<number, LoadedRow>>(new Map());
  /** What a cell can do, by its state letter, as the API says (with and without the Flow app). */
  private cellActions = $state.raw<CellActions>({ flow: {}, noFlow: {} });
  loading = $state(false);
  error = $state('');
  private generation = 0;
  private requested = new Set<number>();

  async reset(organizationId: string): Promise<void> {
    this.organizationId = organizationId;
    this.generation++;
    this.requested = new Set();
    this.loaded = new Map();
    this.error = '';
    await this.loadBlock(0);
  }

  setFilter(change: Partial<MatrixFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    return this.organizationId ? this.reset(this.organizationId) : Promise.resolve();
  }

  /** Loads the blocks covering rows [from, to) that are not loaded or loading yet. */
  ensureRows(from: number, to: number): void {
    const first = Math.floor(Math.max(0, from) / ROW_BLOCK);
    const last = Math.floor(Math.max(0, Math.min(to, this.totalWorkflows) - 1) / ROW_BLOCK);
    for (let block = first; block <= last; block++) if (!this.requested.has(block)) void this.loadBlock(block);
  }

  /** Everything loaded again (after a bulk change), keeping the blocks the grid had. */
  async refresh(): Promise<void> {
    const blocks = [...this.requested];
    this.generation++;
    this.requested = new Set();
    await Promise.all((blocks.length ? blocks : [0]).map((b) => this.loadBlock(b, true)));
  }

  private query(block: number): ApiInput<'status.matrix'> {
    const f = this.filter;
    return {
      organizationId: this.organizationId!,
      workflows: { offset: block * ROW_BLOCK, limit: ROW_BLOCK },
      stores: { offset: 0, limit: MAX_STORES, ...(f.storeIds ? { ids: f.storeIds } : {}) },
      filter: {
        ...(f.states.length > 0 ? { states: f.states } : {}),
        ...(f.appId ? { appId: f.appId } : {}),
        ...(f.search.trim() ? { search: f.search.trim() } : {}),
      },
    };
  }

  private async loadBlock(block: number, keep = false): Promise<void> {
    if (!this.organizationId) return;
    if (this.filter.storeIds && this.filter.storeIds.length === 0) {
      this.totalWorkflows = 0;
      this.totalStores = 0;
      this.stores = [];
      return;
    }
    const generation = this.generation;
    this.requested.add(block);
    this.loading = true;
    try {
      const page = await api.call('status.matrix', this.query(block));
      if (generation !== this.generation) return;
      this.totalWorkflows = page.totalWorkflows;
      this.totalStores = page.totalStores;
      this.stores = page.stores;
      this.cellActions = page.cellActions;
      const rows = new Map(keep || block !== 0 ? this.loaded : []);
      page.rows.forEach((row, i) => rows.set(page.workflowOffset + i, { row, reasonSets: page.reasonSets }));
      this.loaded = rows;
    } catch (error) {
      if (generation === this.generation) {
        this.requested.delete(block);
        this.error = (error as Error).message;
      }
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** The workflow of a row, once its block has arrived. */
  row(row: number): MatrixRow | undefined {
    return this.loaded.get(row)?.row;
  }

  state(row: number, column: number): StatusState | null {
    const letter = this.loaded.get(row)?.row.states[column];
    return letter ? (stateByLetter[letter] ?? null) : null;
  }

  /** Why a blocked or invalid cell is in its state, as the API's shared reason list. */
  reasons(row: number, column: number): readonly BlockReasonItem[] | undefined {
    const loaded = this.loaded.get(row);
    const ref = loaded?.row.reasonRefs.find(([c]) => c === column);
    return ref ? loaded!.reasonSets[ref[1]] : undefined;
  }

  /** What the cell can do, and why not, as the API says. */
  cellActionsAt(row: number, column: number): ActionFlags | undefined {
    const letter = this.loaded.get(row)?.row.states[column];
    const store = this.stores[column];
    if (!letter || !store) return undefined;
    return (store.flowInstalled ? this.cellActions.flow : this.cellActions.noFlow)[letter];
  }
}
