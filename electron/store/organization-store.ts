import type { Database } from 'better-sqlite3';

export interface OrganizationRow {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** SQL for organizations, nothing else: rules live in the domain and the handlers. */
export class OrganizationStore {
  constructor(private readonly db: Database) {}

  list(): OrganizationRow[] {
    return this.db
      .prepare(`SELECT id, name, created_at AS createdAt, updated_at AS updatedAt FROM organizations ORDER BY name COLLATE NOCASE`)
      .all() as OrganizationRow[];
  }

  get(id: string): OrganizationRow | undefined {
    return this.db.prepare(`SELECT id, name, created_at AS createdAt, updated_at AS updatedAt FROM organizations WHERE id = ?`).get(id) as
      OrganizationRow | undefined;
  }

  insert(row: OrganizationRow): void {
    this.db.prepare(`INSERT INTO organizations (id, name, created_at, updated_at) VALUES (@id, @name, @createdAt, @updatedAt)`).run(row);
  }

  rename(id: string, name: string, updatedAt: string): void {
    this.db.prepare(`UPDATE organizations SET name = ?, updated_at = ? WHERE id = ?`).run(name, updatedAt, id);
  }

  delete(id: string): void {
    this.db.prepare(`DELETE FROM organizations WHERE id = ?`).run(id);
  }

  /** How many rows of each kind belong to the organization (what a delete would remove). */
  contents(id: string): { stores: number; workflows: number; installations: number } {
    const count = (sql: string) => (this.db.prepare(sql).get(id) as { n: number }).n;
    return {
      stores: count(`SELECT count(*) AS n FROM stores WHERE organization_id = ?`),
      workflows: count(`SELECT count(*) AS n FROM workflows WHERE organization_id = ?`),
      installations: count(`SELECT count(*) AS n FROM installations i JOIN stores s ON s.id = i.store_id WHERE s.organization_id = ?`),
    };
  }
}
