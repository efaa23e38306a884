import { api, type ApiOutput } from '../api/client';

export type WorkflowSummary = ApiOutput<'workflows.list'>[number];
export type WorkflowDetail = ApiOutput<'workflows.get'>;

/** The organization's workflows (name, trigger, apps) for the Workflows screen. */
class WorkflowsState {
  organizationId = $state<string | null>(null);
  list = $state.raw<WorkflowSummary[]>([]);
  loaded = $state(false);

  async load(organizationId: string): Promise<void> {
    if (this.organizationId !== organizationId) {
      this.loaded = false;
      this.list = [];
    }
    this.organizationId = organizationId;
    const list = await api.call('workflows.list', { organizationId });
    if (this.organizationId === organizationId) {
      this.list = list;
      this.loaded = true;
    }
  }

  async create(organizationId: string, name: string, description = ''): Promise<WorkflowDetail> {
    const created = await api.call('workflows.create', { organizationId, name, description });
    await this.load(organizationId);
    return created;
  }

  async duplicate(id: string, name: string): Promise<WorkflowDetail> {
    const copy = await api.call('workflows.duplicate', { id, name });
    await this.load(copy.organizationId);
    return copy;
  }

  deletionImpact(id: string) {
    return api.call('workflows.deletionImpact', { id });
  }

  async remove(id: string) {
    const impact = await api.call('workflows.delete', { id });
    await this.load(impact.workflow.organizationId);
    return impact;
  }
}

export const workflows = new WorkflowsState();
