import { api, type ApiInput, type ApiOutput } from '../api/client';

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
  runs = $state<RunSummary[]>([]);
  next = $state<ApiOutput<'runs.search'>['next']>(null);
  loading = $state(false);
  /** Which query the list answers: a newer query replaces the answer of an older one still on its way. */
  private query = 0;

  async load(organizationId: string, filter: RunFilter): Promise<void> {
    const query = ++this.query;
    this.loading = true;
    try {
      const page = await api.call('runs.search', { organizationId, ...filter, limit: pageSize });
      if (query !== this.query) return;
      this.runs = page.runs;
      this.next = page.next;
    } finally {
      if (query === this.query) this.loading = false;
    }
  }

  async loadMore(organizationId: string, filter: RunFilter): Promise<void> {
    if (!this.next) return;
    const query = this.query;
    this.loading = true;
    try {
      const page = await api.call('runs.search', { organizationId, ...filter, after: this.next, limit: pageSize });
      if (query !== this.query) return;
      const seen = new Set(this.runs.map((r) => r.id));
      this.runs = [...this.runs, ...page.runs.filter((r) => !seen.has(r.id))];
      this.next = page.next;
    } finally {
      if (query === this.query) this.loading = false;
    }
  }
}

export const runs = new RunsState();

/** A run is finished once nothing more will happen to it without a replay. */
export function isFinished(status: RunStatus): boolean {
  return status !== 'running' && status !== 'waiting';
}
