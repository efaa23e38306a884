import type { Database } from 'better-sqlite3';
import type { Catalog } from '../domain/catalog/catalog';
import type { AdminSchema } from '../domain/schema/admin-schema';
import type { SecretBox } from '../security/secret-box';
import type { SettingsStore } from '../store/settings-store';
import type { StatusFactsStore } from '../store/status-facts-store';
import type { DeliveryPolicy } from './delivery-policy';
import type { EffectOptions } from './flow-actions/flow-effect';

/** What a Runtime is made of and tuned with (the app context gives the first four; tests tune the rest). */
export interface RuntimeOptions {
  db: Database;
  catalog: Catalog;
  secrets: SecretBox;
  settings: SettingsStore;
  /** The status facts loader to share with the status API on the same connection (one is made otherwise). */
  statusFacts?: StatusFactsStore;
  now?: () => Date;
  newId?: () => string;
  random?: () => number;
  /** Retry gaps and timeouts (maxAttempts, and the wait budgets unless given here, come from the settings). */
  delivery?: Partial<Omit<DeliveryPolicy, 'maxAttempts'>>;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** The longest the delivery worker and the wait timer sleep. */
  idleMs?: number;
  schedulerIntervalMs?: number;
  retentionIntervalMs?: number;
  /** How many runs recorded since the last time make the runtime put them into the lagging indexes (Runtime.indexRuns). */
  indexAtRuns?: number;
  /** Runs and events per purge transaction of deleted stores' history (default HISTORY_PURGE_CHUNK). */
  historyPurgeChunk?: number;
  /** false: deleted stores' history is purged only when asked (Runtime.purgeDeletedHistory; tests), not from start() and its timer. */
  historyPurgeOnTimer?: boolean;
  /** Overrides the trigger port setting (tests: 0). */
  triggerPort?: number;
  log?: (message: string, error?: unknown) => void;
  /** This process holds the database's single-writer lock: outbox leases found at start are left by a dead one. */
  soleWriter?: boolean;
  /** Send HTTP request's timeout and Run code's time and memory limits. */
  effects?: Partial<EffectOptions>;
  /**
   * Run intake, routing, the scheduler and deliveries in a worker thread with its own connection to this
   * database file (the desktop app and browser mode): start() starts the worker, and this object stays the
   * UI thread's window on the runtime (its runs, outbox, endpoints, settings). Without it they run here.
   */
  workerThread?: { databasePath: string; nativeBinding?: string; catalogDir?: string };
  /**
   * This connection is the runtime's alone (its worker thread's): it commits at `synchronous = NORMAL` and the
   * group commit syncs the WAL file (this path) off the thread before answering anyone (wal-sync.ts).
   */
  syncOffThread?: { walPath: string };
  /** The most pieces one transaction takes (default 5,000; 1 is a commit per event, the bench's baseline). */
  groupCommitMaxBatch?: number;
  /** The Admin API schema Shopify triggers' data is checked against (by default the shipped one, loaded on first use). */
  adminSchema?: AdminSchema;
}
