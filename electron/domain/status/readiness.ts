import type { Catalog } from '../catalog/catalog';

/**
 * Readiness (design.md's word): whether a running pair can actually deliver. It never changes the state (a
 * workflow whose app has no endpoint is still running: its runs start, its deliveries wait or fail); it is a
 * warning shown beside Running, with its fix, and counted on the Overview under "Needs attention".
 *
 * - endpoint_missing: a connector app the workflow uses has no endpoint in the store. The endpoint row holds
 *   where the app's actions are delivered and the secret its triggers are signed with, so both directions
 *   need it.
 * - deliveries_failing: the app's deliveries in the store have failed since its last successful one.
 */
export type ReadinessCode = 'endpoint_missing' | 'deliveries_failing';

/** What one store's readiness is read from (the runtime's tables, not the status grid's facts). */
export interface StoreReadiness {
  /** Apps with an endpoint set in the store. */
  endpoints: ReadonlySet<string>;
  /** Apps → deliveries that failed in the store since the app's last successful delivery (only when > 0). */
  failing: ReadonlyMap<string, number>;
}

/** Every store's readiness as one string: equal strings, equal readiness (store ids, endpoints, failing counts). */
export function readinessKey(readiness: ReadonlyMap<string, StoreReadiness>): string {
  const parts: string[] = [];
  for (const [storeId, r] of readiness) {
    if (r.endpoints.size === 0 && r.failing.size === 0) continue;
    parts.push(
      `${storeId}|${[...r.endpoints].sort().join(',')}|${[...r.failing]
        .map(([app, n]) => `${app}=${n}`)
        .sort()
        .join(',')}`,
    );
  }
  return parts.sort().join(';');
}

export interface ReadinessWarning {
  code: ReadinessCode;
  appId: string;
  /** deliveries_failing: how many failed since the last success; 0 otherwise. */
  failed: number;
  message: string;
}

export const readinessCodes = ['endpoint_missing', 'deliveries_failing'] as const satisfies readonly ReadinessCode[];

/** A store with no endpoint set and no delivery failed: every connector app it runs lacks its endpoint. */
export const nothingSet: StoreReadiness = { endpoints: new Set(), failing: new Map() };

/**
 * The one readiness rule (`readiness` undefined: not asked for, no warnings), per app the workflow uses, in its order: no endpoint, else failing deliveries (a
 * missing endpoint explains its own failures). Shopify's own apps need no endpoint (F1).
 */
export function readinessWarnings(
  appsUsed: readonly string[],
  readiness: StoreReadiness | undefined,
  catalog: Catalog,
): ReadinessWarning[] {
  if (!readiness) return [];
  const out: ReadinessWarning[] = [];
  for (const appId of appsUsed) {
    const app = catalog.app(appId);
    if (app?.builtIn) continue;
    const name = app?.name.en ?? appId;
    if (!readiness.endpoints.has(appId)) {
      out.push({ code: 'endpoint_missing', appId, failed: 0, message: `No endpoint is set for ${name} in this store` });
      continue;
    }
    const failed = readiness.failing.get(appId) ?? 0;
    if (failed > 0) {
      out.push({
        code: 'deliveries_failing',
        appId,
        failed,
        message: `${failed === 1 ? '1 delivery' : `${failed} deliveries`} to ${name} failed in this store since the last one that went through`,
      });
    }
  }
  return out;
}
