import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../store/audit-log';
import type { OrganizationStore } from '../store/organization-store';
import type { SettingsStore } from '../store/settings-store';
import type { WorkflowStore } from '../store/workflow-store';
import type { Catalog } from '../domain/catalog/catalog';
import type { StoreStore } from '../store/store-store';
import type { InstallationStore } from '../store/installation-store';
import type { ConnectionStore } from '../store/connection-store';
import type { ActivationStore } from '../store/activation-store';
import type { PublicationStore } from '../store/publication-store';
import type { BulkChangeStore } from '../store/bulk-change-store';
import type { StatusFactsStore } from '../store/status-facts-store';
import type { ReadinessStore } from '../store/readiness-store';
import type { SecretBox } from '../security/secret-box';
import type { Runtime } from '../runtime/runtime';
import type { DatabaseBackups } from '../transfer/database-backups';

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
  /** The connector catalog (immutable, loaded once). */
  catalog: Catalog;
  workflows: WorkflowStore;
  stores: StoreStore;
  installations: InstallationStore;
  connections: ConnectionStore;
  activations: ActivationStore;
  /** Published versions: what runs in each store (drafts are the versions after them). */
  publications: PublicationStore;
  /** Bulk changes kept with every pair's before and after, for undo. */
  bulkChanges: BulkChangeStore;
  /** What statuses are computed from; keeps the organization's status grid while the database is unchanged. */
  statusFacts: StatusFactsStore;
  /** Endpoints set and deliveries failing per store: a running pair's readiness, read fresh on each request. */
  readiness: ReadinessStore;
  /** Seals and opens secrets at rest (connections). */
  secrets: SecretBox;
  /** The local Flow runtime: trigger intake, runs, deliveries to apps. */
  runtime: Runtime;
  /** Copies of the whole database in backups/ beside it: on request, on a schedule, restore. */
  databaseBackups: DatabaseBackups;
}
