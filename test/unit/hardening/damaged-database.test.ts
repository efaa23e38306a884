import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../electron/app-context';
import { StartupError, startupMessage } from '../../../electron/store/startup-check';
import { readsServedWhileChecking } from '../../../electron/api/served-while-checking';
import { call, closeAfterTest, openTestApp } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';

/**
 * Findings 6 and 10: a database with damaged pages started and served until a query failed with 500
 * "database disk image is malformed"; backups copied the damaged file and rotation could push out every good
 * one; startup errors were bare SQLite messages without the file or a next step.
 */
const tempDir = useTempDir();
const opened: AppContext[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

/** Overwrites the middle of every page after the first few with garbage, as a failing disk would. */
function damage(file: string): void {
  const data = fs.readFileSync(file);
  const pageSize = data.readUInt16BE(16) || 65536;
  for (let page = 3; page * pageSize < data.length; page++) data.fill(0xa5, page * pageSize + 200, page * pageSize + 600);
  fs.writeFileSync(file, data);
}

/**
 * Opened as the desktop app and browser mode open it: an up-to-date file is checked in a worker thread while the
 * first reads are answered (`checked` says how the check ended); `hold` keeps the verdict back until it settles.
 */
async function startAsShipped(dir: string, hold?: Promise<unknown>): Promise<AppContext> {
  return closeAfterTest(
    await openAppContext({
      databasePath: path.join(dir, 'flow-admin.db'),
      userName: 'test-admin',
      checkOffPath: true,
      ...(hold ? { holdIntegrityCheck: hold } : {}),
    }),
  );
}

/** A promise the test settles itself. */
function held(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** Overwrites the middle of the pages of one table (found with SQLite's dbstat), leaving those read at opening whole. */
function damageTable(file: string, table: string): void {
  const probe = new Database(file, { readonly: true });
  const pages = probe.prepare(`SELECT pageno FROM dbstat WHERE name = ?`).pluck().all(table) as number[];
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  probe.close();
  const fd = fs.openSync(file, 'r+');
  for (const page of pages) fs.writeSync(fd, Buffer.alloc(400, 0xa5), 0, 400, (page - 1) * pageSize + 200);
  fs.closeSync(fd);
}

async function appWithData(dir: string): Promise<AppContext> {
  const app = await openTestApp(dir);
  const org = await call(app, 'organizations.create', { name: 'Nordic Goods' });
  for (let i = 0; i < 40; i++)
    await call(app, 'stores.add', {
      organizationId: org.id,
      name: `Store ${i}`,
      domain: `store-${i}.myshopify.com`,
      timeZone: 'Europe/Oslo',
    });
  return app;
}

describe('a damaged database', () => {
  it('is refused at start: which file, what quick_check found, and the newest sound backup offered (en and nb)', async () => {
    const dir = tempDir();
    const app = await appWithData(dir);
    const backup = await app.handlerContext.databaseBackups.create('manual');
    app.close();
    const file = path.join(dir, 'flow-admin.db');
    damage(file);

    // Refused at opening (a read met a damaged page) or by the check that runs meanwhile: the same error.
    const refused = await startAsShipped(dir)
      .then((app) => app.checked)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StartupError);
    const e = refused as StartupError;
    const backupPath = path.join(dir, 'backups', backup.file);
    expect({ problem: e.problem, goodBackup: e.goodBackup }).toEqual({ problem: 'damaged', goodBackup: backupPath });
    expect(e.message).toMatch(
      new RegExp(
        `^The database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\((quick_check: .+|database disk image is malformed)\\)\\. The newest sound backup is `,
      ),
    );
    expect(e.message).toContain(`Close Flow Admin, copy it over ${file}`);
    expect(startupMessage(e, 'nb')).toEqual({
      title: 'Flow Admin kunne ikke starte',
      body: expect.stringContaining(`Databasen ${file} er skadet`),
    });
    expect(startupMessage(e, 'nb').body).toContain(`Nyeste hele sikkerhetskopi: ${backupPath}`);

    // Following the advice works.
    fs.copyFileSync(backupPath, file);
    for (const extra of ['-wal', '-shm']) fs.rmSync(file + extra, { force: true });
    const restored = await openTestApp(dir);
    opened.push(restored);
    expect(await call(restored, 'organizations.list', {})).toEqual([expect.objectContaining({ name: 'Nordic Goods' })]);
  });

  it('a file that is not a database: named, said so, and what to do', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'flow-admin.db');
    fs.writeFileSync(file, 'these are my notes, not a database'.repeat(200));
    const e = (await startAsShipped(dir).catch((x: unknown) => x)) as StartupError;
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toBe(
      `The database ${file} is not a Flow Admin database (file is not a database). No sound backup was found in ${path.join(dir, 'backups')}. Move the file aside to start with an empty database, or restore it from your own backup.`,
    );
    expect(fs.readFileSync(file, 'utf8')).toContain('these are my notes');
  });
});

describe('the start-up check off the path to the first answer', () => {
  it('a damaged file: a change made while it is checked is refused with what the check found, and nothing is written to the file', async () => {
    const dir = tempDir();
    const app = await appWithData(dir);
    await app.handlerContext.databaseBackups.create('manual');
    app.close();
    const file = path.join(dir, 'flow-admin.db');
    // Only the audit log's pages: opening and the first reads get through, the check does not.
    damageTable(file, 'audit_log');
    const before = fs.readFileSync(file);

    const check = held();
    const started = await startAsShipped(dir, check.promise);
    const change = started.api.call('organizations.create', { name: 'Written into a damaged file' });
    // SQLite itself refuses any write on this connection until the check passed (PRAGMA query_only).
    expect(() => started.db.prepare(`UPDATE organizations SET name = 'x'`).run()).toThrow(/readonly/);
    check.release();

    const refused = (await started.checked.catch((e: unknown) => e)) as StartupError;
    expect(refused).toBeInstanceOf(StartupError);
    expect(refused.problem).toBe('damaged');
    expect(refused.message).toMatch(/is damaged \(quick_check: \*\*\* in database main \*\*\*.+\)\. The newest sound backup is /s);
    expect(await change).toEqual({ ok: false, error: { code: 'database_damaged', message: refused.message } });
    // The app ends as browser mode and the desktop app do after a failed check: background work refused, closed.
    await expect(started.startBackgroundWork()).rejects.toBe(refused);
    started.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(file + '-wal') ? fs.statSync(file + '-wal').size : 0).toBe(0);
  });

  it('a sound file: reads are answered while the check is held; a change waits for it, then is written', async () => {
    const dir = tempDir();
    const app = await appWithData(dir);
    const [org] = await call(app, 'organizations.list', {});
    app.close();

    const check = held();
    const started = await startAsShipped(dir, check.promise);
    let changed = false;
    const change = started.api.call('organizations.rename', { id: org!.id, name: 'Nordic Goods AS' }).finally(() => (changed = true));
    let checkedYet = false;
    void started.checked.then(() => (checkedYet = true));

    expect(await call(started, 'organizations.list', {})).toEqual([expect.objectContaining({ name: 'Nordic Goods' })]);
    const overview = await call(started, 'status.overview', { organizationId: org!.id });
    expect(overview).toBeTruthy();
    expect(await call(started, 'stores.list', { organizationId: org!.id })).toHaveLength(40);
    expect({ checkedYet, changed }).toEqual({ checkedYet: false, changed: false });

    check.release();
    await started.checked;
    expect(await change).toMatchObject({ ok: true });
    expect(await call(started, 'organizations.list', {})).toEqual([expect.objectContaining({ name: 'Nordic Goods AS' })]);
  });
});

describe('the reads served while the file is checked', () => {
  it('each answers without writing (the connection is query_only until the check passed)', async () => {
    const dir = tempDir();
    const app = await appWithData(dir);
    const [org] = await call(app, 'organizations.list', {});
    const [store] = await call(app, 'stores.list', { organizationId: org!.id });
    const workflow = await call(app, 'workflows.create', { organizationId: org!.id, name: 'Tag big orders' });
    app.close();
    const check = held();
    const started = await startAsShipped(dir, check.promise);
    const organizationId = org!.id;
    const storeId = store!.id;
    const inputs: Record<string, unknown> = {
      'organizations.list': {},
      'settings.get': {},
      'catalog.get': {},
      'catalog.schema': {},
      'stores.list': { organizationId },
      'stores.get': { storeId },
      'workflows.list': { organizationId },
      'workflows.get': { id: workflow.id },
      'apps.lists': { organizationId },
      'apps.ofStore': { storeId },
      'connections.list': { storeId },
      'status.pair': { workflowId: workflow.id, storeId },
      'status.store': { storeId },
      'status.workflow': { workflowId: workflow.id },
      'status.matrix': { organizationId },
      'status.overview': { organizationId },
      'runtime.status': {},
      'demo.progress': {},
    };
    const failed: string[] = [];
    for (const method of readsServedWhileChecking) {
      if (!(method in inputs)) continue;
      const answer = await started.api.call(method, inputs[method]);
      if (!answer.ok) failed.push(`${method}: ${answer.error.code} ${answer.error.message}`);
    }
    expect(failed).toEqual([]);
    // Every read on the list was asked.
    expect([...readsServedWhileChecking].filter((m) => !(m in inputs))).toEqual([]);
    check.release();
    await started.checked;
  });
});

describe('backups of a damaged database', () => {
  it('pruning never deletes the last sound backup', async () => {
    const dir = tempDir();
    let t = Date.parse('2026-12-01T00:00:00Z');
    const app = await openTestApp(dir);
    opened.push(app);
    const backups = app.handlerContext.databaseBackups;
    const org = await call(app, 'organizations.create', { name: 'Nordic Goods' });
    void org;
    const made = [];
    for (let i = 0; i < 3; i++) {
      (app.handlerContext as { now: () => Date }).now = () => new Date((t += 3600_000));
      made.push(await backups.create('automatic'));
    }
    // The two newest go bad on disk (the database was failing when they were made, or the disk since).
    const files = backups.list().filter((b) => b.kind === 'automatic');
    for (const b of files.slice(0, 2)) fs.writeFileSync(path.join(dir, 'backups', b.file), 'not a database any more');
    const deleted = backups.prune(1);
    const left = backups.list().map((b) => b.file);
    expect(left).toContain(files[2]!.file);
    expect(deleted).not.toContain(files[2]!.file);
  });
});
