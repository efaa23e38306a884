import type { ActionField, CatalogAction, CatalogApp, CatalogTrigger, PayloadField } from '../catalog/catalog-schema';
import type { Catalog } from '../catalog/catalog';

/** A trigger with its data fields by key. */
export interface IndexedTrigger {
  readonly app: CatalogApp;
  readonly trigger: CatalogTrigger;
  readonly key: string;
  readonly fields: ReadonlyMap<string, PayloadField>;
}

/** An action with its input fields by key, and the triggers its constraints allow. */
export interface IndexedAction {
  readonly app: CatalogApp;
  readonly action: CatalogAction;
  readonly key: string;
  readonly fields: ReadonlyMap<string, ActionField>;
  readonly required: readonly ActionField[];
}

/** The lookups validation needs, built once per catalog (the catalog is immutable). */
export interface CatalogIndex {
  app(id: string): CatalogApp | undefined;
  trigger(appId: string, handle: string): IndexedTrigger | undefined;
  action(appId: string, handle: string): IndexedAction | undefined;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

export function taskKey(app: string, handle: string): string {
  return `${app}:${handle}`;
}

/** Validation runs for thousands of workflows at once: field maps are computed once, not per call. */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  const known = indexes.get(catalog);
  if (known) return known;
  const triggers = new Map<string, IndexedTrigger>();
  const actions = new Map<string, IndexedAction>();
  for (const app of catalog.apps) {
    for (const trigger of app.triggers) {
      const key = taskKey(app.id, trigger.handle);
      triggers.set(key, { app, trigger, key, fields: new Map(trigger.fields.map((f) => [f.key, f])) });
    }
    for (const action of app.actions) {
      const key = taskKey(app.id, action.handle);
      actions.set(key, {
        app,
        action,
        key,
        fields: new Map(action.fields.map((f) => [f.key, f])),
        required: action.fields.filter((f) => f.required),
      });
    }
  }
  const index: CatalogIndex = {
    app: (id) => catalog.app(id),
    trigger: (appId, handle) => triggers.get(taskKey(appId, handle)),
    action: (appId, handle) => actions.get(taskKey(appId, handle)),
  };
  indexes.set(catalog, index);
  return index;
}
