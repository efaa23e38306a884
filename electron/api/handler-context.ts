import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../store/audit-log';
import type { OrganizationStore } from '../store/organization-store';
import type { SettingsStore } from '../store/settings-store';

/** What every handler may use. Built once per open database in app-context.ts. */
export interface HandlerContext {
  db: Database;
  now(): Date;
  newId(): string;
  /** Who is making the change, for the audit log. */
  actor(): string;
  systemUserName: string;
  audit: AuditLog;
  organizations: OrganizationStore;
  settings: SettingsStore;
}
