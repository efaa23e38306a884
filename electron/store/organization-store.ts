import type { Database } from 'better-sqlite3';
import { queueOrganizationHistory } from './store-history';

export interface OrganizationRow {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** The columns read as an OrganizationRow (named as the row's fields, so no mapping is needed). */
const columns = `id, name, created_at AS createdAt, updated_at AS updatedAt`;

/** SQL for organizations, nothing else: rules live in the domain and the handlers. */
export class OrganizationStore {
  constructor(private readonly db: Database) {}

  list(): OrganizationRow[] {
    return this.db.prepare<[], OrganizationRow>(`SELECT ${columns} FROM organizations ORDER BY name COLLATE NOCASE`).all();
  }

  get(id: string): OrganizationRow | undefined {
    return this.db.prepare<[string], OrganizationRow>(`SELECT ${columns} FROM organizations WHERE id = ?`).get(id);
  }

  insert(row: OrganizationRow): void {
    this.db.prepare(`INSERT INTO organizations (id, name, created_at, updated_at) VALUES (@id, @name, @createdAt, @updatedAt)`).run(row);
  }

  rename(id: string, name: string, updatedAt: string): void {
    this.db.prepare(`UPDATE organizations SET name = ?, updated_at = ? WHERE id = ?`).run(name, updatedAt, id);
  }

  /**
   * The organization and what its foreign keys cascade to; its stores' history is queued for the runtime's purge
   * (store-history.ts). In the caller's transaction.
   */
  delete(id: string, at = new Date().toISOString()): void {
    queueOrganizationHistory(this.db, id, at);
    this.db.prepare(`DELETE FROM organizations WHERE id = ?`).run(id);
  }

  /** How many rows of each kind belong to the organization (what a delete would remove). */
  contents(id: string): { stores: number; workflows: number; installations: number } {
    const count = (sql: string) => this.db.prepare<[string], number>(sql).pluck().get(id) ?? 0;
    return {
      stores: count(`SELECT count(*) AS n FROM stores WHERE organization_id = ?`),
      workflows: count(`SELECT count(*) AS n FROM workflows WHERE organization_id = ?`),
      installations: count(`SELECT count(*) AS n FROM installations i JOIN stores s ON s.id = i.store_id WHERE s.organization_id = ?`),
    };
  }
}
