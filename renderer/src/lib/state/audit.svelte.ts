import { api, type ApiInput, type ApiOutput } from '../api/client';
import { LatestRequest } from './latest-request.svelte';

export type AuditEntry = ApiOutput<'audit.query'>['entries'][number];
export type AuditFilter = Omit<ApiInput<'audit.query'>, 'beforeSeq' | 'limit' | 'organizationId'>;

const pageSize = 50;

/** The audit log of the organization being worked in, newest first, a page at a time ("load more"). */
class AuditState {
  /** As the API sent them, replaced (never changed in place) by each page: raw state. */
  entries = $state.raw<AuditEntry[]>([]);
  nextBeforeSeq = $state<number | null>(null);
  /** A newer query replaces the answer of an older one still on its way. */
  private readonly request = new LatestRequest();
  get loading(): boolean {
    return this.request.loading;
  }

  load(organizationId: string, filter: AuditFilter): Promise<void> {
    return this.request.run(
      (signal) => api.call('audit.query', { organizationId, ...filter, limit: pageSize }, signal),
      (page) => {
        this.entries = page.entries;
        this.nextBeforeSeq = page.nextBeforeSeq;
      },
    );
  }

  async loadMore(organizationId: string, filter: AuditFilter): Promise<void> {
    const beforeSeq = this.nextBeforeSeq;
    if (beforeSeq === null) return;
    return this.request.more(
      (signal) => api.call('audit.query', { organizationId, ...filter, beforeSeq, limit: pageSize }, signal),
      (page) => {
        this.entries = [...this.entries, ...page.entries];
        this.nextBeforeSeq = page.nextBeforeSeq;
      },
    );
  }
}

export const audit = new AuditState();
