import { api, type ApiOutput } from '../api/client';

export type AppLists = ApiOutput<'apps.lists'>;
export type InstalledApp = AppLists['installed'][number];
export type StoreApp = ApiOutput<'apps.ofStore'>[number];
export type InstallSummary = ApiOutput<'apps.install'>;
export type UninstallSummary = ApiOutput<'apps.uninstall'>;

/** The organization's Installed and Not installed lists (R5); reloaded after every install or uninstall. */
class AppsState {
  lists = $state.raw<AppLists | null>(null);
  organizationId = $state<string | null>(null);

  async load(organizationId: string, force = false): Promise<void> {
    if (!force && this.lists && this.organizationId === organizationId) return;
    if (this.organizationId !== organizationId) this.lists = null;
    this.organizationId = organizationId;
    const lists = await api.call('apps.lists', { organizationId });
    if (this.organizationId === organizationId) this.lists = lists;
  }

  async refresh(): Promise<void> {
    if (this.organizationId) await this.load(this.organizationId, true);
  }

  installed(appId: string): InstalledApp | undefined {
    return this.lists?.installed.find((a) => a.appId === appId);
  }

  ofStore(storeId: string): Promise<StoreApp[]> {
    return api.call('apps.ofStore', { storeId });
  }

  async install(appId: string, storeIds: string[], setupComplete = false): Promise<InstallSummary> {
    const summary = await api.call('apps.install', { appId, storeIds, setupComplete });
    await this.refresh();
    return summary;
  }

  uninstallImpact(appId: string, storeIds: string[]) {
    return api.call('apps.uninstallImpact', { appId, storeIds });
  }

  async uninstall(appId: string, storeIds: string[]): Promise<UninstallSummary> {
    const summary = await api.call('apps.uninstall', { appId, storeIds });
    await this.refresh();
    return summary;
  }

  setSetupStep(storeId: string, appId: string, step: string, done: boolean) {
    return api.call('apps.setSetupStep', { storeId, appId, step, done });
  }
}

export const apps = new AppsState();
