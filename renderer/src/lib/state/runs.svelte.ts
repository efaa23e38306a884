import { api, type ApiInput, type ApiOutput } from '../api/client';
import { LatestRequest } from './latest-request.svelte';

export type RunSummary = ApiOutput<'runs.search'>['runs'][number];
export type RunDetail = ApiOutput<'runs.get'>;
export type RunStatus = RunSummary['status'];
export type RunFilter = Omit<ApiInput<'runs.search'>, 'after' | 'limit' | 'organizationId'>;

export const runStatuses: readonly RunStatus[] = [
  'running',
  'waiting',
  'succeeded_with_actions',
  'succeeded_without_actions',
  'has_errors',
];

const pageSize = 50;

/**
 * The runs of the organization being worked in, newest first, a page at a time from the API's cursor
 * ("load more"): an organization can have millions of runs, so the list never asks for all of them.
 */
class RunsState {
  /** As the API sent them, replaced (never changed in place) by each page: raw state. */
  runs = $state.raw<RunSummary[]>([]);
  next = $state.raw<ApiOutput<'runs.search'>['next']>(null);
  /** A newer query replaces the answer of an older one still on its way. */
  private readonly request = new LatestRequest();
  get loading(): boolean {
    return this.request.loading;
  }

  load(organizationId: string, filter: RunFilter): Promise<void> {
    return this.request.run(
      (signal) => api.call('runs.search', { organizationId, ...filter, limit: pageSize }, signal),
      (page) => {
        this.runs = page.runs;
        this.next = page.next;
      },
    );
  }

  async loadMore(organizationId: string, filter: RunFilter): Promise<void> {
    const after = this.next;
    if (!after) return;
    return this.request.more(
      (signal) => api.call('runs.search', { organizationId, ...filter, after, limit: pageSize }, signal),
      (page) => {
        const seen = new Set(this.runs.map((r) => r.id));
        this.runs = [...this.runs, ...page.runs.filter((r) => !seen.has(r.id))];
        this.next = page.next;
      },
    );
  }
}

export const runs = new RunsState();

/** A run is finished once nothing more will happen to it without a replay. */
export function isFinished(status: RunStatus): boolean {
  return status !== 'running' && status !== 'waiting';
}
