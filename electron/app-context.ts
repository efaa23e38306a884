import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Database } from 'better-sqlite3';
import { createDispatcher, type ApiDispatcher } from './api/dispatcher';
import type { HandlerContext } from './api/handler-context';
import { AuditLog } from './store/audit-log';
import { openDatabase } from './store/open-database';
import { acquireDatabaseLock, type DatabaseLock } from './store/database-lock';
import { OrganizationStore } from './store/organization-store';
import { SettingsStore } from './store/settings-store';
import { WorkflowStore } from './store/workflow-store';
import { loadCatalog } from './domain/catalog/load-catalog';
import type { MigrationReport, UpgradeProgress } from './store/migrate';
import { Runtime, type RuntimeOptions } from './runtime/runtime';
import { keyProviderFor, SecretBox, type KeyProvider } from './security/secret-box';
import { StoreStore } from './store/store-store';
import { InstallationStore } from './store/installation-store';
import { ConnectionStore } from './store/connection-store';
import { PublicationStore } from './store/publication-store';
import { BulkChangeStore } from './store/bulk-change-store';
import { ActivationStore } from './store/activation-store';
import { StatusFactsStore } from './store/status-facts-store';
import { ReadinessStore } from './store/readiness-store';
import { DatabaseBackups } from './transfer/database-backups';
import { checkInBackground, type BackgroundCheck } from './store/background-check';
import { startupErrorFor } from './store/startup-check';
import type { OpenedDatabase } from './store/open-database';
import { servedWhileChecking } from './api/served-while-checking';

export interface AppContextOptions {
  databasePath: string;
  /** A better-sqlite3 addon built for Electron's ABI. */
  nativeBinding?: string;
  /** Overrides the OS user name (tests). */
  userName?: string;
  now?: () => Date;
  /** Tuning of the local Flow runtime (tests make retry gaps tiny). */
  runtime?: Partial<Omit<RuntimeOptions, 'db' | 'catalog' | 'secrets' | 'settings' | 'now'>>;
  /** Where the key for secrets at rest comes from; by default a key file beside the database (flow-admin.key). */
  keyProvider?: KeyProvider;
  /** Named in the message another Flow Admin gets when this one holds the database: "the desktop app". */
  program?: string;
  /**
   * false only in tests that open one file twice on purpose (to show the outbox leases hold without the lock).
   * Default: take the single-writer lock.
   */
  singleWriterLock?: boolean;
  /** Another catalog directory (tests of catalog entries not yet in resources/catalog). */
  catalogDir?: string;
  /**
   * Run the Flow runtime in a worker thread with its own connection (the desktop app and browser mode), so
   * the thread serving the UI never waits for routing, schedules or deliveries. Tests default to inline.
   */
  runtimeInWorker?: boolean;
  /**
   * Check an up-to-date file (PRAGMA quick_check, which reads all of it) in a worker thread while the first reads
   * are answered (the desktop app and browser mode); nothing is written until it passed. Tests default to the
   * check on the path, before openAppContext resolves.
   */
  checkOffPath?: boolean;
  /**
   * Check and upgrade a database holding data in a worker thread, reporting how far it is (the desktop app and
   * browser mode show "Upgrading the database: …" meanwhile, starting-api.ts). Tests default to this thread.
   */
  upgradeInWorker?: { onProgress?: (progress: UpgradeProgress) => void };
  /** Tests: the off-path check's verdict is taken only once this settles too (a check held open). */
  holdIntegrityCheck?: Promise<unknown>;
}

export interface AppContext {
  api: ApiDispatcher;
  db: Database;
  handlerContext: HandlerContext;
  migration: MigrationReport;
  /**
   * Resolves once the file passed its check (at once when it was checked on the path); rejects with a
   * StartupError ('damaged') when it did not: the app must then end, as if it had been refused at start.
   */
  checked: Promise<void>;
  /** Not started here: the desktop shell and browser mode call startBackgroundWork() and, when quitting, shutdown(). */
  runtime: Runtime;
  /** Starts the Flow runtime (trigger endpoint, deliveries, schedules) and the scheduled database backups. */
  startBackgroundWork(): Promise<void>;
  /** Lets in-flight deliveries finish (the rest stay in the outbox), stops the schedules, closes the database. */
  shutdown(): Promise<void>;
  /** Closes at once; work in flight stays in the outbox for the next start. */
  close(): void;
}

function systemUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Secrets sealed with the key: connection tokens and app signing secrets. */
function sealedSecretCount(db: Database): number {
  return db.prepare<[], number>(`SELECT (SELECT count(*) FROM connections) + (SELECT count(*) FROM app_endpoints)`).pluck().get() ?? 0;
}

/** Opens the database and wires stores and handlers: everything that owns data, without Electron. */
export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const now = options.now ?? (() => new Date());
  // Before the file is touched: a second Flow Admin must not migrate or write it under the first one.
  const lock: DatabaseLock | null =
    options.databasePath === ':memory:' || options.singleWriterLock === false
      ? null
      : acquireDatabaseLock(options.databasePath, options.program ?? 'Flow Admin');
  let opened;
  try {
    opened = await openDatabase(options.databasePath, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      now,
      checkOffPath: options.checkOffPath === true,
      ...(options.upgradeInWorker ? { upgradeInWorker: options.upgradeInWorker } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    return wire(opened, lock, options, now);
  } catch (error) {
    // Without the check on the path, a damaged page can be met by the first reads here: refused the same way.
    if (opened.db.open) opened.db.close();
    lock?.release();
    throw startupErrorFor(options.databasePath, error) ?? error;
  }
}

/** The stores, handlers and background work on an opened database. */
function wire(opened: OpenedDatabase, lock: DatabaseLock | null, options: AppContextOptions, now: () => Date): AppContext {
  const { db, migration } = opened;
  const settings = new SettingsStore(db);
  const userName = options.userName ?? systemUserName();
  const catalog = loadCatalog(options.catalogDir);
  const audit = new AuditLog(db, now);
  const secrets = new SecretBox(options.keyProvider ?? keyProviderFor(options.databasePath), () => sealedSecretCount(db));
  secrets.checkKey();
  // Holding the lock, this process is the only writer: leases left by one that died can go at start.
  const statusFacts = new StatusFactsStore(db, catalog);
  const workerThread =
    options.runtimeInWorker && options.databasePath !== ':memory:'
      ? {
          databasePath: options.databasePath,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          ...(options.catalogDir ? { catalogDir: options.catalogDir } : {}),
        }
      : undefined;
  const runtime = new Runtime({
    ...options.runtime,
    db,
    catalog,
    secrets,
    settings,
    statusFacts,
    now,
    soleWriter: lock !== null,
    ...(workerThread ? { workerThread } : {}),
  });
  const handlerContext: HandlerContext = {
    db,
    now,
    newId: randomUUID,
    actor: () => settings.get('actorName') || userName,
    systemUserName: userName,
    audit,
    organizations: new OrganizationStore(db),
    settings,
    catalog,
    workflows: new WorkflowStore(db),
    runtime,
    stores: new StoreStore(db),
    installations: new InstallationStore(db),
    connections: new ConnectionStore(db),
    activations: new ActivationStore(db),
    publications: new PublicationStore(db),
    bulkChanges: new BulkChangeStore(db),
    statusFacts,
    readiness: new ReadinessStore(db),
    secrets,
    databaseBackups: new DatabaseBackups({ db, databasePath: options.databasePath, settings, now }),
  };
  // Checks go stale with a new catalog: brought up to date once here, explicitly, so reads never write (a cold
  // read checks stale ones itself meanwhile). A file still being checked is written only once it passed.
  let background: BackgroundCheck | null = null;
  if (opened.checked) handlerContext.statusFacts.refreshChecks();
  else
    background = checkInBackground(db, options.databasePath, {
      nativeBinding: options.nativeBinding,
      hold: options.holdIntegrityCheck,
      passed: () => handlerContext.statusFacts.refreshChecks(),
      // The window's first reads come within this in the desktop app; browser mode with no page open waits it out.
      startAfterMs: 1_000,
    });
  const checked = background?.checked ?? Promise.resolve();
  // The overviews shown this session are kept for the next start, explicitly at close: a read never writes.
  // Then PRAGMA optimize.
  const keepOverviews = () => {
    try {
      handlerContext.statusFacts.keepOverviews();
      // And the activations the grids were made from: a start after another change reads 500 KB, not 90 MB.
      handlerContext.statusFacts.keepActivationGrids();
      // SQLite's advice: optimize before closing, so the planner's statistics follow the data (runs grow fast).
      db.pragma('optimize');
    } catch {
      // Only a head start for the next opening (a read-only or damaged file must not stop the close).
    }
  };
  const api = createDispatcher(handlerContext);
  return {
    api: background ? servedWhileChecking(api, background) : api,
    db,
    handlerContext,
    migration,
    checked,
    runtime,
    startBackgroundWork: async () => {
      // Backups and the runtime write (and a backup of a damaged file is none): only once the file passed.
      await checked;
      handlerContext.databaseBackups.start();
      await runtime.start();
    },
    shutdown: async () => {
      // The overviews kept at close are a write: after the check (a failed one leaves the file query_only).
      await checked.catch(() => {});
      handlerContext.databaseBackups.stop();
      await runtime.stop();
      keepOverviews();
      db.close();
      lock?.release();
    },
    close: () => {
      background?.stop();
      runtime.halt();
      handlerContext.databaseBackups.stop();
      keepOverviews();
      db.close();
      lock?.release();
    },
  };
}
