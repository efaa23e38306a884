import { api, type ApiInput, type ApiOutput } from '../api/client';

export type Store = ApiOutput<'stores.get'>;
/** A store as the list gives it: with how many workflows are in each state there. */
export type ListedStore = ApiOutput<'stores.list'>[number];
export type StoreRemovalImpact = ApiOutput<'stores.removalImpact'>;
export type FlowUninstallImpact = ApiOutput<'stores.flowUninstallImpact'>;

/** The stores of the organization being worked in; every screen that names stores reads this list. */
class StoresState {
  /** As the API sent it, replaced on every load: raw state. */
  list = $state.raw<ListedStore[]>([]);
  organizationId = $state<string | null>(null);
  loaded = $state(false);
  byId = $derived(new Map(this.list.map((s) => [s.id, s])));
  /** A message for the list to show once, e.g. after a store was removed from its own page. */
  flash = $state('');
  /** Why the last load failed (shown by the app's frame), or ''. */
  error = $state('');

  /** Loads the organization's stores unless they are already loaded (`force` reloads). */
  async load(organizationId: string, force = false): Promise<void> {
    if (!force && this.loaded && this.organizationId === organizationId) return;
    if (this.organizationId !== organizationId) {
      this.list = [];
      this.loaded = false;
    }
    this.organizationId = organizationId;
    let list: ListedStore[];
    try {
      list = await api.call('stores.list', { organizationId });
    } catch (error) {
      if (this.organizationId === organizationId) this.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
    if (this.organizationId !== organizationId) return;
    this.list = list;
    this.loaded = true;
    this.error = '';
  }

  /** For screens that only name stores: starts the load without waiting; a failure shows as `error`. */
  ensure(organizationId: string): void {
    this.load(organizationId).catch(() => {
      // Kept in `error`, which the app's frame shows.
    });
  }

  async refresh(): Promise<void> {
    if (this.organizationId) await this.load(this.organizationId, true);
  }

  name(id: string): string | null {
    return this.byId.get(id)?.name ?? null;
  }

  async add(input: ApiInput<'stores.add'>): Promise<Store> {
    const store = await api.call('stores.add', input);
    await this.refresh();
    return store;
  }

  async rename(storeId: string, name: string): Promise<Store> {
    const store = await api.call('stores.rename', { storeId, name });
    await this.refresh();
    return store;
  }

  removalImpact(storeId: string): Promise<StoreRemovalImpact> {
    return api.call('stores.removalImpact', { storeId });
  }

  async remove(storeId: string): Promise<StoreRemovalImpact> {
    const impact = await api.call('stores.remove', { storeId });
    await this.refresh();
    return impact;
  }

  flowUninstallImpact(storeId: string): Promise<FlowUninstallImpact> {
    return api.call('stores.flowUninstallImpact', { storeId });
  }

  async setFlowApp(storeId: string, installed: boolean) {
    const result = await api.call('stores.setFlowApp', { storeId, installed });
    await this.refresh();
    return result;
  }
}

export const stores = new StoresState();
