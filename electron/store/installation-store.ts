import type { Database } from 'better-sqlite3';

export interface InstallationRow {
  storeId: string;
  appId: string;
  installedAt: string;
  /** Setup step keys done so far (R2). */
  setupDone: string[];
}

interface RawInstallationRow extends Omit<InstallationRow, 'setupDone'> {
  setupDone: string;
}

const columns = `i.store_id AS storeId, i.app_id AS appId, i.installed_at AS installedAt, i.setup_done AS setupDone`;
/** An installations row as read and as written: the setup steps done are kept as a JSON list. */
const fromRow = (r: RawInstallationRow): InstallationRow => ({ ...r, setupDone: JSON.parse(r.setupDone) as string[] });
const setupDoneText = (setupDone: readonly string[]): string => JSON.stringify(setupDone);

/** SQL for the apps installed in stores, nothing else. */
export class InstallationStore {
  constructor(private readonly db: Database) {}

  get(storeId: string, appId: string): InstallationRow | undefined {
    const row = this.db
      .prepare<[string, string], RawInstallationRow>(`SELECT ${columns} FROM installations i WHERE store_id = ? AND app_id = ?`)
      .get(storeId, appId);
    return row && fromRow(row);
  }

  ofStore(storeId: string): InstallationRow[] {
    return this.db
      .prepare<[string], RawInstallationRow>(`SELECT ${columns} FROM installations i WHERE store_id = ? ORDER BY app_id`)
      .all(storeId)
      .map(fromRow);
  }

  /** Every installation in the organization's stores. */
  ofOrganization(organizationId: string): InstallationRow[] {
    return this.db
      .prepare<[string], RawInstallationRow>(
        `SELECT ${columns} FROM installations i JOIN stores s ON s.id = i.store_id WHERE s.organization_id = ?`,
      )
      .all(organizationId)
      .map(fromRow);
  }

  /** The stores (of the given ones) where the app is installed. */
  storesWithApp(appId: string, storeIds: readonly string[]): Set<string> {
    const rows = this.db
      .prepare<[string, string], string>(
        `SELECT store_id FROM installations WHERE app_id = ? AND store_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(appId, JSON.stringify(storeIds));
    return new Set(rows);
  }

  /** Installs the app in each store; one statement for the whole list. */
  insertMany(appId: string, storeIds: readonly string[], installedAt: string, setupDone: readonly string[]): void {
    this.db
      .prepare(
        `INSERT INTO installations (store_id, app_id, installed_at, setup_done)
         SELECT value, @appId, @installedAt, @setupDone FROM json_each(@storeIds)`,
      )
      .run({ appId, installedAt, setupDone: setupDoneText(setupDone), storeIds: JSON.stringify(storeIds) });
  }

  deleteMany(appId: string, storeIds: readonly string[]): void {
    this.db
      .prepare(`DELETE FROM installations WHERE app_id = ? AND store_id IN (SELECT value FROM json_each(?))`)
      .run(appId, JSON.stringify(storeIds));
  }

  setSetupDone(storeId: string, appId: string, setupDone: readonly string[]): void {
    this.db
      .prepare(`UPDATE installations SET setup_done = ? WHERE store_id = ? AND app_id = ?`)
      .run(setupDoneText(setupDone), storeId, appId);
  }
}
