import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Database } from 'better-sqlite3';
import { createDispatcher, type ApiDispatcher } from './api/dispatcher';
import type { HandlerContext } from './api/handler-context';
import { AuditLog } from './store/audit-log';
import { openDatabase } from './store/open-database';
import { OrganizationStore } from './store/organization-store';
import { SettingsStore } from './store/settings-store';
import type { MigrationReport } from './store/migrate';

export interface AppContextOptions {
  databasePath: string;
  /** A better-sqlite3 addon built for Electron's ABI. */
  nativeBinding?: string;
  /** Overrides the OS user name (tests). */
  userName?: string;
  now?: () => Date;
}

export interface AppContext {
  api: ApiDispatcher;
  db: Database;
  handlerContext: HandlerContext;
  migration: MigrationReport;
  close(): void;
}

function systemUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Opens the database and wires stores and handlers: everything that owns data, without Electron. */
export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const now = options.now ?? (() => new Date());
  const { db, migration } = await openDatabase(options.databasePath, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    now,
  });
  const settings = new SettingsStore(db);
  const userName = options.userName ?? systemUserName();
  const handlerContext: HandlerContext = {
    db,
    now,
    newId: randomUUID,
    actor: () => settings.get('actorName') || userName,
    systemUserName: userName,
    audit: new AuditLog(db, now),
    organizations: new OrganizationStore(db),
    settings,
  };
  return {
    api: createDispatcher(handlerContext),
    db,
    handlerContext,
    migration,
    close: () => db.close(),
  };
}
