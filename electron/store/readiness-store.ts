import type { Database, Statement } from 'better-sqlite3';
import { nothingSet, type StoreReadiness } from '../domain/status/readiness';

/** The named parameters of both statements: an organization's stores, or one store. */
type Scope = { organizationId: string | null; storeId: string | null };

const inScope = `s.organization_id = @organizationId OR s.id = @storeId`;

/**
 * Per (store, app) of the scope, the deliveries that failed after the last one that went through. The scope's
 * finished deliveries are read once, store by store through the outbox_by_store index (migration 12): CROSS
 * JOIN keeps SQLite from walking the whole outbox and looking each row's store up instead.
 */
export const failingDeliveriesSql = `WITH scoped AS MATERIALIZED (
    SELECT o.store_id, o.app_id, o.state, o.updated_at FROM stores s CROSS JOIN outbox o ON o.store_id = s.id
    WHERE (${inScope}) AND o.state IN ('delivered', 'failed')
  ), ok AS (
    SELECT store_id, app_id, MAX(updated_at) AS at FROM scoped WHERE state = 'delivered' GROUP BY store_id, app_id
  )
  SELECT f.store_id, f.app_id, COUNT(*) FROM scoped f LEFT JOIN ok ON ok.store_id = f.store_id AND ok.app_id = f.app_id
  WHERE f.state = 'failed' AND (ok.at IS NULL OR f.updated_at > ok.at)
  GROUP BY f.store_id, f.app_id`;

/**
 * SQL for what readiness (domain/status/readiness.ts) is read from: the endpoints set per installation, and
 * per (store, app) the deliveries that failed after the last one that went through. Read on each request,
 * never cached with the status grid: the runtime moves it with every delivery, and the grid must not.
 */
export class ReadinessStore {
  private readonly endpoints: Statement<[Scope], [string, string]>;
  private readonly failing: Statement<[Scope], [string, string, number]>;

  constructor(db: Database) {
    this.endpoints = db
      .prepare<Scope, [string, string]>(
        `SELECT e.store_id, e.app_id FROM app_endpoints e JOIN stores s ON s.id = e.store_id WHERE ${inScope}`,
      )
      .raw();
    this.failing = db.prepare<Scope, [string, string, number]>(failingDeliveriesSql).raw();
  }

  /** Every store of the organization (or the one store) → its readiness; a store with nothing set maps to empty sets. */
  read(scope: { organizationId: string } | { storeId: string }): Map<string, StoreReadiness> {
    const args: Scope = {
      organizationId: 'organizationId' in scope ? scope.organizationId : null,
      storeId: 'storeId' in scope ? scope.storeId : null,
    };
    const out = new Map<string, { endpoints: Set<string>; failing: Map<string, number> }>();
    const of = (storeId: string) => {
      let entry = out.get(storeId);
      if (!entry) out.set(storeId, (entry = { endpoints: new Set(), failing: new Map() }));
      return entry;
    };
    for (const [storeId, appId] of this.endpoints.all(args)) of(storeId).endpoints.add(appId);
    for (const [storeId, appId, count] of this.failing.all(args)) of(storeId).failing.set(appId, count);
    return out;
  }

  /** One store's readiness (empty when nothing is set there). */
  ofStore(storeId: string): StoreReadiness {
    return this.read({ storeId }).get(storeId) ?? nothingSet;
  }
}
