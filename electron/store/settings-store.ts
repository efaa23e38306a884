import type { Database } from 'better-sqlite3';

/** Key/value settings kept in the database, so desktop and browser mode share them. */
export class SettingsStore {
  constructor(private readonly db: Database) {}

  get(key: string): string | undefined {
    const row = this.db.prepare(`SELECT value FROM settings WHERE key = ?`).get(key) as { value: string } | undefined;
    return row?.value;
  }

  set(key: string, value: string): void {
    this.db
      .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(key, value);
  }
}
