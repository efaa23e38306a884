import type { Database, Statement } from 'better-sqlite3';

export interface AppEndpointRow {
  storeId: string;
  appId: string;
  url: string;
  /** Sealed with the secret box; never leaves the main process opened. */
  secretEncrypted: Buffer;
  updatedAt: string;
}

/** SQL for where each installation receives its actions, and its signing secret (encrypted). */
export class AppEndpointStore {
  private readonly getStmt: Statement<[string, string], AppEndpointRow>;
  private readonly installedStmt: Statement<[string, string]>;

  constructor(private readonly db: Database) {
    this.getStmt = db.prepare<[string, string], AppEndpointRow>(
      `SELECT store_id AS storeId, app_id AS appId, url, secret_encrypted AS secretEncrypted, updated_at AS updatedAt
       FROM app_endpoints WHERE store_id = ? AND app_id = ?`,
    );
    // Asked for every trigger an app sends.
    this.installedStmt = db.prepare<[string, string]>(`SELECT 1 FROM installations WHERE store_id = ? AND app_id = ?`);
  }

  get(storeId: string, appId: string): AppEndpointRow | undefined {
    return this.getStmt.get(storeId, appId);
  }

  /** Every installation's endpoint, sealed secrets included (the runtime reads them in one pass, not one by one). */
  all(): AppEndpointRow[] {
    return this.db
      .prepare<[], AppEndpointRow>(
        `SELECT store_id AS storeId, app_id AS appId, url, secret_encrypted AS secretEncrypted, updated_at AS updatedAt FROM app_endpoints`,
      )
      .all();
  }

  listForStore(storeId: string): Omit<AppEndpointRow, 'secretEncrypted'>[] {
    return this.db
      .prepare<[string], Omit<AppEndpointRow, 'secretEncrypted'>>(
        `SELECT store_id AS storeId, app_id AS appId, url, updated_at AS updatedAt FROM app_endpoints WHERE store_id = ? ORDER BY app_id`,
      )
      .all(storeId);
  }

  upsert(row: AppEndpointRow): void {
    this.db
      .prepare(
        `INSERT INTO app_endpoints (store_id, app_id, url, secret_encrypted, updated_at)
         VALUES (@storeId, @appId, @url, @secretEncrypted, @updatedAt)
         ON CONFLICT (store_id, app_id) DO UPDATE SET url = excluded.url, secret_encrypted = excluded.secret_encrypted,
           updated_at = excluded.updated_at`,
      )
      .run(row);
  }

  isInstalled(storeId: string, appId: string): boolean {
    return this.installedStmt.get(storeId, appId) !== undefined;
  }
}
