import { api, type ApiInput, type ApiOutput } from '../api/client';

export type AuditEntry = ApiOutput<'audit.query'>['entries'][number];
export type AuditFilter = Omit<ApiInput<'audit.query'>, 'beforeSeq' | 'limit' | 'organizationId'>;

const pageSize = 50;

/** The audit log of the organization being worked in, newest first, a page at a time ("load more"). */
class AuditState {
  entries = $state<AuditEntry[]>([]);
  nextBeforeSeq = $state<number | null>(null);
  loading = $state(false);
  /** Which query the entries answer: a newer query replaces the answer of an older one still on its way. */
  private query = 0;

  async load(organizationId: string, filter: AuditFilter): Promise<void> {
    const query = ++this.query;
    this.loading = true;
    try {
      const page = await api.call('audit.query', { organizationId, ...filter, limit: pageSize });
      if (query !== this.query) return;
      this.entries = page.entries;
      this.nextBeforeSeq = page.nextBeforeSeq;
    } finally {
      if (query === this.query) this.loading = false;
    }
  }

  async loadMore(organizationId: string, filter: AuditFilter): Promise<void> {
    if (this.nextBeforeSeq === null) return;
    const query = this.query;
    this.loading = true;
    try {
      const page = await api.call('audit.query', { organizationId, ...filter, beforeSeq: this.nextBeforeSeq, limit: pageSize });
      if (query !== this.query) return;
      this.entries = [...this.entries, ...page.entries];
      this.nextBeforeSeq = page.nextBeforeSeq;
    } finally {
      if (query === this.query) this.loading = false;
    }
  }
}

export const audit = new AuditState();
