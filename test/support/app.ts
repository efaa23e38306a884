import path from 'node:path';
import { openAppContext, type AppContext } from '../../electron/app-context';
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from '../../electron/store/open-database';
import type { ApiInput, ApiMethod, ApiOutput, ErrorDetails } from '../../electron/api/contract';

/** Apps opened in a test, closed after it; apps opened in a before-all hook, closed after the file. */
const opened = { test: new Set<AppContext>(), file: new Set<AppContext>() };
/** Bare databases (a migration test's), closed the same way. */
const openedDatabases = { test: new Set<OpenedDatabase['db']>(), file: new Set<OpenedDatabase['db']>() };
let inTest = false;

/**
 * A real app context on a real SQLite file, with a fixed actor. Closed after the test, or after the file when
 * a before-all hook opened it (test/unit/setup.ts); a test closes it itself only to open the same file again.
 */
export async function openTestApp(dir: string, file = 'flow-admin.db'): Promise<AppContext> {
  return closeAfterTest(await openAppContext({ databasePath: path.join(dir, file), userName: 'test-admin' }));
}

/** Has the app closed after the test (or the file), unless it was closed already. */
export function closeAfterTest(app: AppContext): AppContext {
  (inTest ? opened.test : opened.file).add(app);
  return app;
}

/**
 * A bare database on a real file, migrated as the app would (or only up to the given migrations), closed after
 * the test like an app; a test closes it itself only to open the same file again.
 */
export async function openTestDatabase(file: string, options?: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const database = await openDatabase(file, options);
  closeDatabaseAfterTest(database.db);
  return database;
}

/** Has a bare database handle (better-sqlite3's) closed after the test, unless it was closed already. */
export function closeDatabaseAfterTest<D extends OpenedDatabase['db']>(db: D): D {
  (inTest ? openedDatabases.test : openedDatabases.file).add(db);
  return db;
}

/** Called before each test: apps opened from now on belong to the test. */
export function testStarts(): void {
  inTest = true;
}

/** Closes what the test (or, with 'file', the file's before-all hooks) opened and left open. */
export async function closeTestApps(scope: 'test' | 'file' = 'test'): Promise<void> {
  if (scope === 'test') inTest = false;
  const apps = [...opened[scope]];
  opened[scope].clear();
  // Lets the runtime finish its deliveries, then closes the database.
  for (const app of apps) {
    if (!app.db.open) continue;
    await app.runtime.stop();
    app.close();
  }
  for (const db of openedDatabases[scope]) if (db.open) db.close();
  openedDatabases[scope].clear();
}

/** Calls a method and returns its value, failing the test with the API's own message when it refuses. */
export async function call<M extends ApiMethod>(app: AppContext, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await app.api.call(method, input);
  if (!result.ok) throw new Error(`${method} refused: ${result.error.code}: ${result.error.message}`);
  return result.value as ApiOutput<M>;
}

/** Calls a method that must refuse, and returns the error body. */
export async function refusal(app: AppContext, method: string, input: unknown) {
  const result = await app.api.call(method, input);
  if (result.ok) throw new Error(`${method} was expected to refuse, but answered ${JSON.stringify(result.value)}`);
  return result.error;
}

/** What an invalid_input refusal says is wrong where, as `path: code` (e.g. `name: invalid_type`), not in zod's words. */
export function inputIssues(error: { details?: ErrorDetails }): string[] {
  const issues = error.details?.issues ?? [];
  return issues.map((issue) => `${issue.path}: ${issue.code}`);
}
