import type { Database } from 'better-sqlite3';
import { byName } from '../domain/organization/names';
import { queueStoreHistory } from './store-history';

export interface StoreRow {
  id: string;
  organizationId: string;
  name: string;
  domain: string;
  timeZone: string;
  flowInstalled: boolean;
  flowUninstalledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface RawStoreRow extends Omit<StoreRow, 'flowInstalled'> {
  flowInstalled: number;
}

const columns = `id, organization_id AS organizationId, name, domain, time_zone AS timeZone, flow_installed AS flowInstalled,
  flow_uninstalled_at AS flowUninstalledAt, created_at AS createdAt, updated_at AS updatedAt`;

/** A stores row as read (SQLite keeps booleans as 0/1) and as written. */
const fromRow = (r: RawStoreRow): StoreRow => ({ ...r, flowInstalled: r.flowInstalled === 1 });
const toRow = (row: StoreRow): RawStoreRow => ({ ...row, flowInstalled: row.flowInstalled ? 1 : 0 });

/** SQL for the stores of an organization, nothing else. (A Shopify store: "store", never "shop".) */
export class StoreStore {
  constructor(private readonly db: Database) {}

  /** By name; names are compared as people read them (Æ/æ alike), so ordering is done in code. */
  list(organizationId: string): StoreRow[] {
    return this.inOrganization(organizationId).sort(byName);
  }

  /** Unsorted: for bulk changes, where order does not matter. */
  inOrganization(organizationId: string): StoreRow[] {
    return this.db
      .prepare<[string], RawStoreRow>(`SELECT ${columns} FROM stores WHERE organization_id = ?`)
      .all(organizationId)
      .map(fromRow);
  }

  /** Just what a bulk change needs of every store of the organization, unsorted. */
  briefs(organizationId: string): { id: string; name: string; flowInstalled: boolean }[] {
    const rows = this.db
      .prepare<[string], [string, string, number]>(`SELECT id, name, flow_installed FROM stores WHERE organization_id = ?`)
      .raw()
      .all(organizationId);
    return rows.map(([id, name, flow]) => ({ id, name, flowInstalled: flow === 1 }));
  }

  /** The stores among the ids that exist (one statement for the whole list). */
  getMany(ids: readonly string[]): StoreRow[] {
    return this.db
      .prepare<[string], RawStoreRow>(`SELECT ${columns} FROM stores WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids))
      .map(fromRow);
  }

  get(id: string): StoreRow | undefined {
    const row = this.db.prepare<[string], RawStoreRow>(`SELECT ${columns} FROM stores WHERE id = ?`).get(id);
    return row && fromRow(row);
  }

  findByDomain(domain: string): StoreRow | undefined {
    const row = this.db.prepare<[string], RawStoreRow>(`SELECT ${columns} FROM stores WHERE domain = ? COLLATE NOCASE`).get(domain);
    return row && fromRow(row);
  }

  insert(row: StoreRow): void {
    this.db
      .prepare(
        `INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, flow_uninstalled_at, created_at, updated_at)
         VALUES (@id, @organizationId, @name, @domain, @timeZone, @flowInstalled, @flowUninstalledAt, @createdAt, @updatedAt)`,
      )
      .run(toRow(row));
  }

  rename(id: string, name: string, updatedAt: string): void {
    this.db.prepare(`UPDATE stores SET name = ?, updated_at = ? WHERE id = ?`).run(name, updatedAt, id);
  }

  /** Uninstalling records when; installing again keeps that record, as do the activations it deactivated (R8). */
  setFlowInstalled(id: string, installed: boolean, at: string): void {
    if (installed) this.db.prepare(`UPDATE stores SET flow_installed = 1, updated_at = ? WHERE id = ?`).run(at, id);
    else this.db.prepare(`UPDATE stores SET flow_installed = 0, flow_uninstalled_at = ?, updated_at = ? WHERE id = ?`).run(at, at, id);
  }

  /** The store and what its foreign keys cascade to; its history is queued for the runtime's purge (store-history.ts). In the caller's transaction. */
  delete(id: string, at = new Date().toISOString()): void {
    queueStoreHistory(this.db, id, at);
    this.db.prepare(`DELETE FROM stores WHERE id = ?`).run(id);
  }

  /** Per store of the organization (or only the one given): installed apps and connections. */
  counts(organizationId: string, storeId?: string): Map<string, { installedApps: number; connections: number }> {
    const rows = this.db
      .prepare<unknown[], { id: string; installedApps: number; connections: number }>(
        `SELECT s.id AS id,
           (SELECT count(*) FROM installations i WHERE i.store_id = s.id) AS installedApps,
           (SELECT count(*) FROM connections c WHERE c.store_id = s.id) AS connections
         FROM stores s WHERE s.organization_id = ? ${storeId ? 'AND s.id = ?' : ''}`,
      )
      .all(...(storeId ? [organizationId, storeId] : [organizationId]));
    return new Map(rows.map(({ id, ...rest }) => [id, rest]));
  }
}
