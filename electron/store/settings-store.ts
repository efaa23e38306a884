import type { Database } from 'better-sqlite3';

/** Key/value settings kept in the database, so desktop and browser mode share them. */
export class SettingsStore {
  constructor(private readonly db: Database) {}

  get(key: string): string | undefined {
    return this.db.prepare<[string], string>(`SELECT value FROM settings WHERE key = ?`).pluck().get(key);
  }

  set(key: string, value: string): void {
    this.db
      .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(key, value);
  }
}
