import { api, type ApiOutput } from '../api/client';

export type Organization = ApiOutput<'organizations.list'>[number];

const selectedKey = 'flow-admin-organization';

/** The organizations and which one the admin is working in; the switcher and every screen read this. */
class OrganizationsState {
  list = $state.raw<Organization[]>([]);
  selectedId = $state<string | null>(localStorage.getItem(selectedKey));
  loaded = $state(false);
  selected = $derived(this.list.find((o) => o.id === this.selectedId) ?? this.list[0] ?? null);

  async load(): Promise<void> {
    this.list = await api.call('organizations.list', {});
    this.loaded = true;
  }

  select(id: string): void {
    this.selectedId = id;
    localStorage.setItem(selectedKey, id);
  }

  async create(name: string): Promise<Organization> {
    const created = await api.call('organizations.create', { name });
    await this.load();
    this.select(created.id);
    return created;
  }

  async rename(id: string, name: string): Promise<Organization> {
    const renamed = await api.call('organizations.rename', { id, name });
    await this.load();
    return renamed;
  }

  deletionImpact(id: string) {
    return api.call('organizations.deletionImpact', { id });
  }

  async remove(id: string) {
    const impact = await api.call('organizations.delete', { id });
    await this.load();
    return impact;
  }
}

export const organizations = new OrganizationsState();
