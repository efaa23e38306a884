import type { StatusState } from '$shared/domain/status/workflow-status';
import { api, type ApiInput, type ApiOutput } from '../api/client';

type Page = ApiOutput<'status.matrix'>;
export type MatrixStore = Page['stores'][number];
export type BlockReasonItem = Page['reasonSets'][number][number];
export type StateCounts = Page['rows'][number]['counts'];

export interface MatrixRow {
  workflowId: string;
  name: string;
  appsUsed: string[];
  errorCount: number;
  /** One letter per store column (r, o, d, b, i). */
  states: string;
  /** Reason lists by column, for blocked and invalid cells. */
  reasons: Map<number, BlockReasonItem[]>;
  counts: StateCounts;
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
  rows = $state.raw<ReadonlyMap<number, MatrixRow>>(new Map());
  loading = $state(false);
  error = $state('');
  private generation = 0;
  private requested = new Set<number>();

  async reset(organizationId: string): Promise<void> {
    this.organizationId = organizationId;
    this.generation++;
    this.requested = new Set();
    this.rows = new Map();
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
      const rows = new Map(keep || block !== 0 ? this.rows : []);
      page.rows.forEach((row, i) => {
        const reasons = new Map<number, BlockReasonItem[]>();
        for (const [column, set] of row.reasonRefs) reasons.set(column, page.reasonSets[set] ?? []);
        rows.set(page.workflowOffset + i, { ...row, reasons });
      });
      this.rows = rows;
    } catch (error) {
      if (generation === this.generation) {
        this.requested.delete(block);
        this.error = (error as Error).message;
      }
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  state(row: number, column: number): StatusState | null {
    const letter = this.rows.get(row)?.states[column];
    return letter ? (stateByLetter[letter] ?? null) : null;
  }
}
