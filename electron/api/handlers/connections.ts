import { connectionsContract } from '../contract/connections';
import type { Handlers } from '../define-handlers';
import type { HandlerContext } from '../handler-context';
import type { CatalogApp } from '../../domain/catalog/catalog-schema';
import { DomainError } from '../../domain/domain-error';
import { connectionChangeRefusal, connectionSecretContext } from '../../domain/organization/connection-rules';
import type { ConnectionInfo } from '../../store/connection-store';
import type { StoreRow } from '../../store/store-store';
import { requireConnectorApp, requireStore } from './organization-lookups';
import { mutation } from '../mutation';

function present(storeId: string, app: CatalogApp, info: ConnectionInfo | undefined) {
  return {
    storeId,
    appId: app.id,
    name: app.name,
    connected: info !== undefined,
    account: info?.account ?? null,
    hasSecret: info !== undefined,
    updatedAt: info?.updatedAt ?? null,
  };
}

/** R7: the store and app may have their connection changed here, or the refusal says why not. */
function requireChangeable(ctx: HandlerContext, storeId: string, appId: string): { store: StoreRow; app: CatalogApp } {
  const store = requireStore(ctx, storeId);
  const app = requireConnectorApp(ctx, appId);
  const refusal = connectionChangeRefusal(store, app, ctx.catalog);
  if (refusal) throw refusal;
  return { store, app };
}

export const connectionsHandlers: Handlers<typeof connectionsContract> = {
  'connections.list': ({ storeId }, ctx) => {
    const store = requireStore(ctx, storeId);
    const existing = new Map(ctx.connections.ofStore(storeId).map((c) => [c.appId, c]));
    return {
      storeId,
      flowInstalled: store.flowInstalled,
      connections: ctx.catalog.apps.filter((a) => a.flowConnection).map((app) => present(storeId, app, existing.get(app.id))),
    };
  },

  'connections.set': mutation(['connection.created', 'connection.changed'], ({ storeId, appId, account, secret }, ctx) => {
    const { store, app } = requireChangeable(ctx, storeId, appId);
    const before = ctx.connections.get(storeId, app.id);
    const updatedAt = ctx.now().toISOString();
    ctx.connections.upsert({
      storeId,
      appId: app.id,
      account,
      secretEncrypted: ctx.secrets.seal(secret, connectionSecretContext(storeId, app.id)),
      updatedAt,
    });
    return {
      value: present(storeId, app, { storeId, appId: app.id, account, updatedAt }),
      audit: {
        action: before ? 'connection.changed' : 'connection.created',
        organizationId: store.organizationId,
        storeId,
        summary: `${before ? 'Changed' : 'Created'} the ${app.name.en} connection of "${store.name}" (account ${account})`,
        // Never the secret itself, not even sealed: only that one was set.
        before: before ? { appId: app.id, account: before.account, hasSecret: true } : undefined,
        after: { appId: app.id, account, hasSecret: true },
      },
    };
  }),

  'connections.remove': mutation('connection.removed', ({ storeId, appId }, ctx) => {
    const { store, app } = requireChangeable(ctx, storeId, appId);
    const before = ctx.connections.get(storeId, app.id);
    if (!before) {
      throw new DomainError('not_found', `The store "${store.name}" has no ${app.name.en} connection`, {
        what: 'Connection',
        storeId,
        appId: app.id,
      });
    }
    ctx.connections.delete(storeId, app.id);
    return {
      value: present(storeId, app, undefined),
      audit: {
        organizationId: store.organizationId,
        storeId,
        summary: `Removed the ${app.name.en} connection of "${store.name}" (account ${before.account})`,
        before: { appId: app.id, account: before.account, hasSecret: true },
      },
    };
  }),
};
