import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../support/app';
import { useOpenedApps } from '../../support/opened-apps';
import { useTempDir } from '../../support/temp-dir';
import { waitFor } from '../runtime/fixture';
import { appOpener, historyOf, none, order, orphans, runsOf, threeStores } from '../runtime/store-history-fixture';

/**
 * A store's deletion queues its history (migration 20); the runtime's worker thread purges it a
 * chunk per group commit. A process killed with SIGKILL in the middle of that purge leaves a sound file whose queue
 * the next start finishes.
 */
const tempDir = useTempDir();
const opened = useOpenedApps();
const openApp = appOpener(opened, tempDir);
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const root = path.resolve(__dirname, '../../..');

/** Browser mode (API thread + the runtime's worker thread, a real separate process), purging a run or event per commit. */
function browserModeProcess(databasePath: string): ChildProcess {
  const script = `
    const { openAppContext } = require(${JSON.stringify(path.join(root, 'electron/app-context.ts'))});
    openAppContext({ databasePath: ${JSON.stringify(databasePath)}, runtimeInWorker: true, runtime: { log: () => {}, historyPurgeChunk: 1 } })
      .then(async (context) => { await context.startBackgroundWork(); setInterval(() => {}, 1000); })
      .catch((e) => { console.error(e.message); process.exit(2); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
  children.push(child);
  return child;
}

describe("kill -9 during the purge of deleted stores' history", () => {
  it('the next start finishes the purge: no row of the deleted stores left, none of the others lost, no orphan, the file sound', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'flow-admin.db');
    const app = await openApp(dir);
    const { org, oslo, bergen, idle } = await threeStores(app);
    for (let i = 0; i < 60; i++) for (const storeId of [oslo, bergen, idle]) await order(app, storeId);
    await app.runtime.indexRuns();
    for (let i = 0; i < 10; i++) for (const storeId of [oslo, bergen, idle]) await order(app, storeId);
    const bergenBefore = historyOf(app, bergen);
    expect(bergenBefore).toMatchObject({ runs: 70, events: 70 });
    await call(app, 'stores.remove', { storeId: oslo });
    await call(app, 'stores.remove', { storeId: idle });
    await app.runtime.stop();
    app.close();

    const child = browserModeProcess(file);
    const watch = new Database(file, { readonly: true, fileMustExist: true });
    const left = () =>
      watch
        .prepare(
          `SELECT (SELECT count(*) FROM runs WHERE store_id IN (?, ?)) + (SELECT count(*) FROM trigger_events WHERE store_id IN (?, ?))`,
        )
        .pluck()
        .get(oslo, idle, oslo, idle) as number;
    const queued = left();
    expect(queued).toBe(70 + 70 * 2);
    // Killed once the purge has begun and well before it ends (a row per commit).
    const atKill = await waitFor(left, (n) => n < queued - 20, 30_000);
    child.kill('SIGKILL');
    await new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
    expect(atKill).toBeGreaterThan(0);
    const afterKill = left();
    watch.close();
    expect(afterKill).toBeGreaterThan(0);

    const reopened = await openApp(dir, undefined, { historyPurgeOnTimer: true });
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await reopened.runtime.start();
    await waitFor(
      () => reopened.db.prepare(`SELECT count(*) FROM history_purges`).pluck().get() as number,
      (n) => n === 0,
    );
    for (const storeId of [oslo, idle]) expect(historyOf(reopened, storeId)).toMatchObject({ runs: 0, events: 0, steps: 0 });
    expect(historyOf(reopened, bergen)).toEqual(bergenBefore);
    expect(await runsOf(reopened, org.organizationId, bergen)).toHaveLength(70);
    expect(orphans(reopened)).toEqual(none);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
