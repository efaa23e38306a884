import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startQuickCheck } from '../../../electron/store/quick-check-thread';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** A database of a few hundred pages, as the start would find it. */
function aDatabase(dir: string): string {
  const file = path.join(dir, 'flow-admin.db');
  const db = new Database(file);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT); CREATE INDEX t_text ON t (text);`);
  const insert = db.prepare(`INSERT INTO t (text) VALUES (?)`);
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) insert.run(`row ${i} ${'x'.repeat(200)}`);
  })();
  db.close();
  return file;
}

describe('the database check on its own thread (at the start of a large database)', () => {
  it('finds a sound file sound', async () => {
    const file = aDatabase(tempDir());
    await expect(startQuickCheck(file, undefined, 0)).resolves.toBe('ok');
  });

  it('says where a damaged file is damaged, as the check on the main thread does', async () => {
    const file = aDatabase(tempDir());
    const data = fs.readFileSync(file);
    const pageSize = data.readUInt16BE(16);
    for (let page = 3; page * pageSize < data.length; page++) data.fill(0xa5, page * pageSize + 200, page * pageSize + 600);
    fs.writeFileSync(file, data);
    const found = await startQuickCheck(file, undefined, 0)!.catch((error: { code?: string }) => `error ${error.code}`);
    expect(found).not.toBe('ok');
    expect(found).toMatch(/page \d+|SQLITE_CORRUPT|malformed/i);
  });

  it('is not started for a missing file or one small enough to check inline', () => {
    const dir = tempDir();
    expect(startQuickCheck(path.join(dir, 'none.db'))).toBeNull();
    expect(startQuickCheck(aDatabase(dir))).toBeNull();
  });
});
