import type { Database, Statement } from 'better-sqlite3';
import { nothingSet, type StoreReadiness } from '../domain/status/readiness';

/** The named parameters of both statements: an organization's stores, or one store. */
type Scope = { organizationId: string | null; storeId: string | null };

const inScope = `s.organization_id = @organizationId OR s.id = @storeId`;

/**
 * Per (store, app) of the scope, the deliveries that failed after the last one that went through: the failures
 * newer than the (store, app)'s delivery mark, which a delivery going through after failures moves (migration 15).
 * Failed deliveries are read store by store through their own index, outbox_failed_by_store: CROSS JOIN keeps
 * SQLite from walking the outbox and looking each row's store up instead.
 */
export const failingDeliveriesSql = `SELECT o.store_id, o.app_id, COUNT(*)
  FROM stores s CROSS JOIN outbox o ON o.store_id = s.id
  LEFT JOIN delivery_marks m ON m.store_id = o.store_id AND m.app_id = o.app_id
  WHERE (${inScope}) AND o.state = 'failed' AND (m.through_at IS NULL OR o.updated_at > m.through_at)
  GROUP BY o.store_id, o.app_id`;

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
