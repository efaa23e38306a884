import { catalogApp, type CatalogApp } from '../../../electron/domain/catalog/catalog-schema';

/** The real catalog files, read through the catalog's own schema (defaults applied), as `catalog.get` gives them. */
const files = import.meta.glob<unknown>(['../../../resources/catalog/shopify.json', '../../../resources/catalog/apps/*.json'], {
  eager: true,
  import: 'default',
});

export const apps: CatalogApp[] = Object.values(files).map((json) => catalogApp.parse(json));

export function app(id: string): CatalogApp {
  const found = apps.find((a) => a.id === id);
  if (!found) throw new Error(`no app ${id} in the catalog`);
  return found;
}
