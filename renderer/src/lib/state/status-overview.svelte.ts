import { api, type ApiOutput } from '../api/client';

export type StatusOverview = ApiOutput<'status.overview'>;

/** What needs attention in the organization and how much runs where, as the API computes it. */
class StatusOverviewState {
  current = $state.raw<StatusOverview | null>(null);
  organizationId = $state<string | null>(null);

  async load(organizationId: string): Promise<void> {
    if (this.organizationId !== organizationId) this.current = null;
    this.organizationId = organizationId;
    const overview = await api.call('status.overview', { organizationId });
    if (this.organizationId === organizationId) this.current = overview;
  }
}

export const statusOverview = new StatusOverviewState();
