import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { StartupError, startupMessage } from '../../../electron/store/startup-check';
import { call, openTestApp } from '../../support/app';
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

    const refused = await openTestApp(dir).catch((e: unknown) => e);
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
    const e = (await openTestApp(dir).catch((x: unknown) => x)) as StartupError;
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toBe(
      `The database ${file} is not a Flow Admin database (file is not a database). No sound backup was found in ${path.join(dir, 'backups')}. Move the file aside to start with an empty database, or restore it from your own backup.`,
    );
    expect(fs.readFileSync(file, 'utf8')).toContain('these are my notes');
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
