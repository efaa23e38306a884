import type { Database } from 'better-sqlite3';

/** A connection as it may leave the database layer toward the API: never with its secret. */
export interface ConnectionInfo {
  storeId: string;
  appId: string;
  account: string;
  updatedAt: string;
}

export interface ConnectionRow extends ConnectionInfo {
  /** Sealed by the SecretBox; opened only where the secret is used (the runtime). */
  secretEncrypted: Buffer;
}

const info = `store_id AS storeId, app_id AS appId, account, updated_at AS updatedAt`;

/** SQL for the connections Flow keeps per store (Asana, Google Sheets, Slack, Trello; R7). */
export class ConnectionStore {
  constructor(private readonly db: Database) {}

  ofStore(storeId: string): ConnectionInfo[] {
    return this.db.prepare<[string], ConnectionInfo>(`SELECT ${info} FROM connections WHERE store_id = ? ORDER BY app_id`).all(storeId);
  }

  get(storeId: string, appId: string): ConnectionInfo | undefined {
    return this.db
      .prepare<[string, string], ConnectionInfo>(`SELECT ${info} FROM connections WHERE store_id = ? AND app_id = ?`)
      .get(storeId, appId);
  }

  /** With the sealed secret, for the code that signs requests with it. */
  getSealed(storeId: string, appId: string): ConnectionRow | undefined {
    return this.db
      .prepare<[string, string], ConnectionRow>(
        `SELECT ${info}, secret_encrypted AS secretEncrypted FROM connections WHERE store_id = ? AND app_id = ?`,
      )
      .get(storeId, appId);
  }

  upsert(row: ConnectionRow): void {
    this.db
      .prepare(
        `INSERT INTO connections (store_id, app_id, account, secret_encrypted, updated_at)
         VALUES (@storeId, @appId, @account, @secretEncrypted, @updatedAt)
         ON CONFLICT (store_id, app_id) DO UPDATE SET account = excluded.account,
           secret_encrypted = excluded.secret_encrypted, updated_at = excluded.updated_at`,
      )
      .run(row);
  }

  delete(storeId: string, appId: string): void {
    this.db.prepare(`DELETE FROM connections WHERE store_id = ? AND app_id = ?`).run(storeId, appId);
  }
}
