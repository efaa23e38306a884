import type { Catalog } from '../catalog/catalog';
import type { CatalogApp } from '../catalog/catalog-schema';
import { DomainError } from '../domain-error';

/**
 * R7: Flow itself keeps the authentication of a few connectors (Asana, Google Sheets, Slack, Trello) per
 * store, and it is changed in that store's Flow app, so a store without the Flow app cannot have its
 * connections created, changed or removed. Returns the refusal, or null when the change may go ahead.
 */
export function connectionChangeRefusal(
  store: { id: string; name: string; flowInstalled: boolean },
  app: CatalogApp,
  catalog: Catalog,
): DomainError | null {
  if (!app.flowConnection) {
    const kept = catalog.apps.filter((a) => a.flowConnection).map((a) => a.name.en);
    return new DomainError(
      'refused',
      `Flow keeps no connection for ${app.name.en}: only ${listInWords(kept)} have connections in Flow (R7)`,
      {
        reason: 'no_flow_connection',
        rule: 'R7',
        appId: app.id,
        path: ['appId'],
      },
    );
  }
  if (!store.flowInstalled) {
    return new DomainError(
      'refused',
      `Store "${store.name}" does not have the Flow app installed: connections for ${app.name.en} are changed in the store's Flow app, so install Flow there first (R7)`,
      { reason: 'flow_app_not_installed', rule: 'R7', storeId: store.id, appId: app.id },
    );
  }
  return null;
}

/** "Asana, Google Sheets, Slack and Trello" */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The context a connection's secret is sealed under: it opens only for this store and app. */
export function connectionSecretContext(storeId: string, appId: string): string {
  return `connection:${storeId}:${appId}`;
}
