import type { CatalogApp } from '../../domain/catalog/catalog-schema';
import { DomainError, notFound } from '../../domain/domain-error';
import type { StoreRow } from '../../store/store-store';
import type { HandlerContext } from '../handler-context';

/** Lookups shared by the organization handlers: each refuses with a message naming what is missing. */

export function requireOrganization(ctx: HandlerContext, id: string) {
  const row = ctx.organizations.get(id);
  if (!row) throw notFound('Organization', id);
  return row;
}

export function requireStore(ctx: HandlerContext, id: string): StoreRow {
  const row = ctx.stores.get(id);
  if (!row) throw notFound('Store', id);
  return row;
}

export function requireWorkflow(ctx: HandlerContext, id: string) {
  const row = ctx.workflows.get(id);
  if (!row) throw notFound('Workflow', id);
  return row;
}

/** A connector app of the catalog; Shopify's own tasks are never installed. */
export function requireConnectorApp(ctx: HandlerContext, appId: string): CatalogApp {
  const app = ctx.catalog.app(appId);
  if (!app) throw new DomainError('not_found', `There is no app "${appId}" in the catalog`, { what: 'App', id: appId, path: ['appId'] });
  if (app.builtIn) {
    throw new DomainError(
      'refused',
      `${app.name.en}'s own triggers and actions are always available: there is nothing to install or connect`,
      {
        reason: 'built_in',
        appId,
        path: ['appId'],
      },
    );
  }
  return app;
}

/**
 * The given stores, all of one organization, in the order given and without repeats. Unknown ids and
 * stores of another organization are refused together, so the user fixes the list in one go.
 */
export function requireStoresOf(
  ctx: HandlerContext,
  organizationId: string | null,
  ids: readonly string[],
  field = 'storeIds',
): StoreRow[] {
  const unique = [...new Set(ids)];
  const byId = new Map(ctx.stores.getMany(unique).map((s) => [s.id, s]));
  const rows = unique.map((id) => byId.get(id));
  const missing = unique.filter((_, i) => !rows[i]);
  if (missing.length > 0) {
    throw new DomainError(
      'not_found',
      `${missing.length === 1 ? 'Store' : 'Stores'} ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist`,
      {
        what: 'Store',
        ids: missing,
        path: [field],
      },
    );
  }
  const found = rows.filter((s): s is StoreRow => s !== undefined);
  const organization = organizationId ?? found[0]!.organizationId;
  const foreign = found.filter((s) => s.organizationId !== organization);
  if (foreign.length > 0) {
    throw new DomainError(
      'invalid_input',
      `${field}: ${foreign.map((s) => `"${s.name}"`).join(', ')} ${foreign.length === 1 ? 'belongs' : 'belong'} to another organization; list stores of one organization only`,
      { path: [field], storeIds: foreign.map((s) => s.id) },
    );
  }
  return found;
}
