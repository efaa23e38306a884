import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/open-database';
import { migrations } from '../../../electron/store/migrations';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { bigOrder, bigOrderToKlaviyo, connectApp, FakeApp, openRuntimeApp, orgWithStore, workflow } from '../runtime/fixture';
import { useOpenedApps } from '../../support/opened-apps';

/** Finding 5: the database, its -wal/-shm, backups/ and backup files were 0644/0755 while holding customer e-mails. */
const tempDir = useTempDir();
const opened = useOpenedApps();

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

describe('what Flow Admin writes is its owner’s alone', () => {
  it('database, -wal, -shm, key, lock, backups/ and each backup: files 0600, folders 0700', async () => {
    const userData = path.join(tempDir(), 'Flow Admin');
    const app = await openRuntimeApp(userData);
    opened.push(app);
    const fake = new FakeApp();
    await fake.start();
    const org = await orgWithStore(app, ['klaviyo']);
    await workflow(app, org.organizationId, 'Big orders', bigOrderToKlaviyo, [org.storeId]);
    await connectApp(app, fake, org.storeId);
    await fake.stop();
    await call(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: bigOrder,
    });
    const backup = await app.handlerContext.databaseBackups.create('manual');

    const db = path.join(userData, 'flow-admin.db');
    const found = Object.fromEntries(
      [
        userData,
        db,
        `${db}-wal`,
        `${db}-shm`,
        `${db}.lock`,
        path.join(userData, 'flow-admin.key'),
        path.join(userData, 'backups'),
        path.join(userData, 'backups', backup.file),
      ].map((f) => [path.relative(userData, f) || '.', mode(f)]),
    );
    expect(found).toEqual({
      '.': '700',
      'flow-admin.db': '600',
      'flow-admin.db-wal': '600',
      'flow-admin.db-shm': '600',
      'flow-admin.db.lock': '600',
      'flow-admin.key': '600',
      backups: '700',
      [path.join('backups', backup.file)]: '600',
    });
    // Nothing in the folder is readable by others.
    for (const name of fs.readdirSync(userData)) expect(fs.statSync(path.join(userData, name)).mode & 0o077).toBe(0);
  });

  it('the copy made before a migration is 0600 too; a folder that existed keeps its own mode', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'old.db');
    const v1 = await openDatabase(file, { migrations: migrations.slice(0, 1) });
    v1.db.prepare(`INSERT INTO organizations VALUES ('o1', 'Nordic Goods', 't', 't')`).run();
    v1.db.close();
    fs.chmodSync(file, 0o644); // as an older Flow Admin left it
    const { db, migration } = await openDatabase(file);
    db.close();
    expect(mode(migration.backupPath!)).toBe('600');
    expect(mode(file)).toBe('600');
    expect(mode(dir)).toBe('755');
  });
});
