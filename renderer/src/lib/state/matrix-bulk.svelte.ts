import { api, type ApiOutput } from '../api/client';
import type { MatrixState } from './matrix.svelte';

export type BulkAction = 'enable' | 'disable' | 'reenable';
type Summary = ApiOutput<'activations.set'>;

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

const CHUNK = 10_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Turns a selection into the activation calls that carry it out, runs them one by one with progress, and
 * adds up what the API says changed. Rows and columns respect the grid's filters: with a filter, only
 * the workflows and stores it shows are touched.
 */
export class BulkRun {
  done = $state(0);
  total = $state(0);
  running = $state(false);
  result = $state<BulkResult | null>(null);

  constructor(private readonly matrix: MatrixState) {}

  private get storesFiltered(): boolean {
    const f = this.matrix.filter;
    return f.storeIds !== null || f.states.length > 0;
  }
  private get workflowsFiltered(): boolean {
    const f = this.matrix.filter;
    return f.states.length > 0 || f.appId !== '' || f.search.trim() !== '';
  }

  /** Every workflow id the current filter shows (rows not yet scrolled to included). */
  private async filteredWorkflowIds(): Promise<string[]> {
    const ids: string[] = [];
    const f = this.matrix.filter;
    for (let offset = 0; ; offset += 1000) {
      const page = await api.call('status.matrix', {
        organizationId: this.matrix.organizationId!,
        workflows: { offset, limit: 1000 },
        stores: { offset: 0, limit: 1, ...(f.storeIds ? { ids: f.storeIds } : {}) },
        filter: { ...(f.states.length ? { states: f.states } : {}), ...(f.appId ? { appId: f.appId } : {}), ...(f.search.trim() ? { search: f.search.trim() } : {}) },
      });
      ids.push(...page.rows.map((r) => r.workflowId));
      if (offset + 1000 >= page.totalWorkflows) return ids;
    }
  }

  private async plan(action: BulkAction, selection: MatrixSelection): Promise<(() => Promise<Summary>)[]> {
    const organizationId = this.matrix.organizationId!;
    const enabled = action === 'enable';
    const storeIds = this.storesFiltered ? this.matrix.stores.map((s) => s.id) : null;
    const workflowIds = selection.columns.size > 0 && this.workflowsFiltered ? await this.filteredWorkflowIds() : null;
    const calls: (() => Promise<Summary>)[] = [];
    const byWorkflow = new Map<string, string[]>();
    for (const key of selection.cells) {
      const [workflowId = '', storeId = ''] = key.split('|');
      if (selection.rows.has(workflowId) || selection.columns.has(storeId)) continue;
      byWorkflow.set(workflowId, [...(byWorkflow.get(workflowId) ?? []), storeId]);
    }

    if (action === 'reenable') {
      const rows = [...selection.rows];
      for (const part of chunks(rows)) {
        calls.push(() => api.call('activations.reenableDeactivated', { organizationId, workflowIds: part, ...(storeIds ? { storeIds } : {}) }));
      }
      for (const part of chunks([...selection.columns])) {
        calls.push(() => api.call('activations.reenableDeactivated', { organizationId, storeIds: part, ...(workflowIds ? { workflowIds } : {}) }));
      }
      for (const [workflowId, stores] of byWorkflow) {
        calls.push(() => api.call('activations.reenableDeactivated', { organizationId, workflowIds: [workflowId], storeIds: stores }));
      }
      return calls;
    }

    for (const workflowId of selection.rows) {
      if (storeIds) for (const part of chunks(storeIds)) calls.push(() => api.call('activations.set', { workflowId, storeIds: part, enabled }));
      else calls.push(() => api.call('activations.set', { workflowId, storeIds: 'all', enabled }));
    }
    for (const storeId of selection.columns) {
      if (workflowIds) for (const part of chunks(workflowIds)) calls.push(() => api.call('activations.setInStore', { storeId, workflowIds: part, enabled }));
      else calls.push(() => api.call('activations.setInStore', { storeId, workflowIds: 'all', enabled }));
    }
    for (const [workflowId, stores] of byWorkflow) calls.push(() => api.call('activations.set', { workflowId, storeIds: stores, enabled }));
    return calls;
  }

  async run(action: BulkAction, selection: MatrixSelection): Promise<BulkResult> {
    this.running = true;
    this.result = null;
    this.done = 0;
    const result: BulkResult = { action, changed: 0, unchanged: 0, withoutFlowApp: 0, workflows: 0, stores: 0, failed: [] };
    const workflows = new Set<string>();
    const stores = new Set<string>();
    try {
      const calls = await this.plan(action, selection);
      this.total = calls.length;
      for (const call of calls) {
        try {
          const summary = await call();
          result.changed += summary.changed;
          result.unchanged += summary.unchanged;
          result.withoutFlowApp += summary.withoutFlowApp;
          summary.changedWorkflowIds.forEach((id) => workflows.add(id));
          summary.changedStoreIds.forEach((id) => stores.add(id));
        } catch (error) {
          result.failed.push((error as Error).message);
        }
        this.done++;
      }
    } catch (error) {
      result.failed.push((error as Error).message);
    }
    result.workflows = workflows.size;
    result.stores = stores.size;
    this.result = result;
    this.running = false;
    await this.matrix.refresh();
    return result;
  }
}
