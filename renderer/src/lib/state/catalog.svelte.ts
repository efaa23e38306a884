import type { CatalogApp } from '$shared/domain/catalog/catalog-schema';
import type { AdminSchemaFile } from '$shared/domain/schema/admin-schema-file';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- TODO(issue 14): the Admin API schema's lookups run in the renderer; only types should cross.
import { createAdminSchema, type AdminSchema } from '$shared/domain/schema/admin-schema';
import { api } from '../api/client';
import { i18n } from '../i18n/i18n.svelte';
import type { CatalogNames } from '../status/reason-text';

/**
 * The connector catalog (53 apps and Shopify's own), loaded once: it names apps, triggers, actions and
 * setup steps in both languages for every screen. The one place the renderer loads it from.
 */
class CatalogState {
  /** As the API sent it, never changed in place: raw state, no deep proxies over ~1,000 tasks. */
  apps = $state.raw<CatalogApp[]>([]);
  loaded = $state(false);
  /** Why the last load failed (shown by the app's frame), or ''. */
  error = $state('');
  byId = $derived(new Map(this.apps.map((a) => [a.id, a])));

  /**
   * The Admin API field model (~300 KB), asked for once: the editor walks it for condition fields and
   * Liquid variables, built by the domain's own pure createAdminSchema so it reads types as validation does.
   */
  schema = $state.raw<AdminSchema | null>(null);

  private loading: Promise<void> | null = null;
  private loadingSchema: Promise<void> | null = null;

  /** Loads the catalog once; later calls wait for the same load. Rejects when it fails (and keeps the error). */
  load(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.loading ??= api
      .call('catalog.get', {})
      .then(({ apps }) => this.set(apps))
      .catch((error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
        throw error;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  /** Loads the Admin API field model once; later calls wait for the same load. */
  loadSchema(): Promise<void> {
    if (this.schema) return Promise.resolve();
    this.loadingSchema ??= api
      .call('catalog.schema', {})
      .then((file) => this.setSchema(file))
      .finally(() => (this.loadingSchema = null));
    return this.loadingSchema;
  }

  setSchema(file: AdminSchemaFile): void {
    this.schema = createAdminSchema(file);
  }

  /** For screens that only name things with it: starts the load without waiting; a failure shows as `error`. */
  ensure(): void {
    this.load().catch(() => {
      // Kept in `error`, which the app's frame shows; the screen goes on without names.
    });
  }

  set(apps: CatalogApp[]): void {
    this.apps = apps;
    this.loaded = true;
    this.error = '';
  }

  app(id: string): CatalogApp | undefined {
    return this.byId.get(id);
  }

  /** Names in the current language, for reason and problem texts. */
  names: CatalogNames = {
    appName: (appId) => {
      const app = this.byId.get(appId);
      return app ? i18n.text(app.name) : null;
    },
    taskName: (appId, handle) => {
      const app = this.byId.get(appId);
      const task = app?.triggers.find((x) => x.handle === handle) ?? app?.actions.find((x) => x.handle === handle);
      return task ? i18n.text(task.name) : null;
    },
    setupStepName: (appId, key) => {
      const step = this.byId.get(appId)?.setup.find((s) => s.key === key);
      return step ? i18n.text(step.name) : null;
    },
    constraintReason: (appId, handle) => {
      const constraint = this.byId.get(appId)?.actions.find((a) => a.handle === handle)?.constraints[0];
      return constraint ? i18n.text(constraint.reason) : null;
    },
  };
}

export const catalog = new CatalogState();
