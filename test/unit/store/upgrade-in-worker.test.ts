import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../../electron/app-context';
import { startingApi } from '../../../electron/api/starting-api';
import type { UpgradeProgress } from '../../../electron/store/migrate';
import { latestSchemaVersion, migrations } from '../../../electron/store/migrations';
import { searchQuery } from '../../../electron/store/search-terms';
import { closeAfterTest, closeDatabaseAfterTest } from '../../support/app';
import { schema15WithEvents } from '../../support/schema-15-events';
import { useTempDir } from '../../support/temp-dir';

/**
 * A long upgrade at the first start of a new version (migration 016: ~5 s per 200,000 trigger events) ran on the
 * thread serving the window: the desktop app's window froze and showed nothing. It runs in a worker thread now,
 * saying how far it is, and the API answers meanwhile with `upgrading` and that progress.
 */
const tempDir = useTempDir();
const root = path.resolve(__dirname, '../../..');

describe('an upgrade in its worker thread', () => {
  it('says how far it is (backup, then 5,000 events at a time of 12,000), answers the API meanwhile, and opens upgraded', async () => {
    const file = path.join(tempDir(), 'flow-admin.db');
    await schema15WithEvents(file, 12_000);
    const starting = startingApi();
    const seen: UpgradeProgress[] = [];
    const answers: unknown[] = [];
    const app = closeAfterTest(
      await openAppContext({
        databasePath: file,
        userName: 'test-admin',
        upgradeInWorker: {
          onProgress: (progress) => {
            seen.push(progress);
            starting.progress(progress);
            // Answered by this thread while the worker goes on: the window's thread is free during the upgrade.
            if (progress.done === 5_000) void starting.call('organizations.list', {}).then((a) => answers.push(a));
          },
        },
      }),
    );
    starting.ready(app.api);

    const after15 = migrations.filter((m) => m.version > 15);
    expect(seen.slice(0, 5).map((p) => [p.version, p.done, p.total])).toEqual([
      [null, null, null],
      [16, null, null],
      [16, 5_000, 12_000],
      [16, 10_000, 12_000],
      [16, 12_000, 12_000],
    ]);
    // Then each later step, at least named (017 on: not long, no counts).
    expect([...new Set(seen.slice(5).map((p) => p.version))]).toEqual(after15.slice(1).map((m) => m.version));
    expect(answers).toEqual([
      {
        ok: false,
        error: {
          code: 'upgrading',
          message: 'Upgrading the database: search values as full-text terms, 5,000 of 12,000 trigger events',
          details: { upgrade: expect.objectContaining({ version: 16, step: 1, steps: after15.length, done: 5_000, total: 12_000 }) },
        },
      },
    ]);
    expect(app.migration).toMatchObject({ from: 15, to: latestSchemaVersion, applied: after15.map((m) => m.name) });
    expect(app.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const found = app.db.prepare(`SELECT rowid FROM trigger_event_terms WHERE trigger_event_terms MATCH ?`).pluck();
    const rowOf = app.db.prepare(`SELECT rowid FROM trigger_events WHERE id = ?`).pluck();
    expect(found.all(searchQuery('customer7001@example.com'))).toEqual([rowOf.get('event-7001')]);
    expect(await starting.call('organizations.list', {})).toEqual({ ok: true, value: [] });
  });

  it('killed with SIGKILL in the middle of migration 016 (a real process): the file is as before, and the next start upgrades it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'flow-admin.db');
    await schema15WithEvents(file, 40_000);
    const script = `
      const { openAppContext } = require(${JSON.stringify(path.join(root, 'electron/app-context.ts'))});
      openAppContext({ databasePath: ${JSON.stringify(file)}, upgradeInWorker: { onProgress: (p) => console.log('progress ' + JSON.stringify(p)) } })
        .then(() => console.log('opened'))
        .catch((e) => { console.error(e.message); process.exit(2); });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const lastSeen = await new Promise<UpgradeProgress>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        for (const line of out.split('\n')) {
          if (line === 'opened') return reject(new Error('the upgrade finished before the kill'));
          const progress = line.startsWith('progress ') ? (JSON.parse(line.slice(9)) as UpgradeProgress) : null;
          if (progress?.version === 16 && progress.done !== null) {
            child.kill('SIGKILL');
            return resolve(progress);
          }
        }
      });
      child.on('exit', (code) => reject(new Error(`the upgrading process exited (${code}) before 016 reported progress`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(lastSeen.done).toBeLessThan(lastSeen.total!);

    const raw = closeDatabaseAfterTest(new Database(file, { readonly: true }));
    expect(raw.pragma('user_version', { simple: true })).toBe(15);
    expect(raw.prepare(`SELECT count(*) FROM trigger_event_values`).pluck().get()).toBe(200_000);
    expect(raw.prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'trigger_event_terms%'`).all()).toEqual([]);
    expect(raw.pragma('quick_check', { simple: true })).toBe('ok');
    raw.close();
    // The copy made before migrating is there too, whole.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(1);

    const again = closeAfterTest(await openAppContext({ databasePath: file, userName: 'test-admin', upgradeInWorker: {} }));
    expect(again.migration).toMatchObject({ from: 15, to: latestSchemaVersion });
    expect(
      again.db.prepare(`SELECT rowid FROM trigger_event_terms WHERE trigger_event_terms MATCH ?`).pluck().all(searchQuery('order 39999')),
    ).toEqual([again.db.prepare(`SELECT rowid FROM trigger_events WHERE id = 'event-39999'`).pluck().get()]);
  });
});
