import { api, type ApiInput, type ApiOutput } from '../api/client';
import { i18n } from '../i18n/i18n.svelte';

export type Settings = ApiOutput<'settings.get'>;

function applyTheme(theme: Settings['theme']): void {
  const dark = theme === 'dark' || (theme === 'system' && window.matchMedia?.('(prefers-color-scheme: dark)').matches);
  const root = document.documentElement;
  root.classList.toggle('p-theme-dark-experimental', Boolean(dark));
  root.classList.toggle('p-theme-light', !dark);
  root.dataset.theme = dark ? 'dark' : 'light';
}

/** Settings live in the database (shared by desktop and browser mode); language and theme apply at once. */
class SettingsState {
  current = $state.raw<Settings | null>(null);

  async load(): Promise<void> {
    this.apply(await api.call('settings.get', {}));
  }

  async update(change: ApiInput<'settings.update'>): Promise<void> {
    this.apply(await api.call('settings.update', change));
  }

  private apply(settings: Settings): void {
    this.current = settings;
    i18n.setLanguage(settings.language);
    applyTheme(settings.theme);
  }
}

export const settings = new SettingsState();
