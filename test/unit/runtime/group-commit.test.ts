import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../electron/runtime/group-commit';
import { WalSync } from '../../../electron/runtime/wal-sync';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** A real database file in WAL with synchronous FULL, as the runtime opens it. */
function open(): Database.Database {
  const db = new Database(path.join(tempDir(), 'commit.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (id TEXT PRIMARY KEY); CREATE TABLE runs (event_id TEXT NOT NULL)`);
  return db;
}
const rows = (db: Database.Database, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('the group commit', () => {
  it('writes what is handed in during one turn in one transaction, and answers each caller once it is committed', async () => {
    const db = open();
    const commit = new GroupCommit(db);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => commit.run(() => db.prepare(`INSERT INTO events VALUES (?)`).run(`e${i}`).changes)),
    );
    expect(answers).toEqual(Array(50).fill(1));
    expect(commit.commits).toBe(1);
    expect(rows(db, 'events')).toBe(50);
  });

  it('work handed in while a transaction is being written joins the next one, all of it together', async () => {
    const db = open();
    const commit = new GroupCommit(db);
    const late: Promise<unknown>[] = [];
    await commit.run(() => {
      // Requests arriving while this batch is written (here: handed in from inside it) wait for the next.
      for (let i = 0; i < 20; i++) late.push(commit.run(() => db.prepare(`INSERT INTO events VALUES (?)`).run(`late${i}`)));
      db.prepare(`INSERT INTO events VALUES ('first')`).run();
    });
    await Promise.all(late);
    expect(commit.commits).toBe(2);
    expect(rows(db, 'events')).toBe(21);
  });

  it('a batch that cannot be written refuses every caller and leaves nothing of any of them half written', async () => {
    const db = open();
    const commit = new GroupCommit(db);
    // The fault: every write of a run fails, as on a full disk; each piece writes its event first.
    db.exec(`CREATE TEMP TRIGGER full_disk BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        commit.run(() => {
          db.prepare(`INSERT INTO events VALUES (?)`).run(`e${i}`);
          db.prepare(`INSERT INTO runs VALUES (?)`).run(`e${i}`);
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array(10).fill('rejected'));
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toMatch(/disk is full/);
    expect(rows(db, 'events')).toBe(0);
    expect(rows(db, 'runs')).toBe(0);
  });

  it('one piece that fails is refused alone: the rest of its batch is written', async () => {
    const db = open();
    const commit = new GroupCommit(db);
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'a', 'c'].map((id) => commit.run(() => db.prepare(`INSERT INTO events VALUES (?)`).run(id))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare(`SELECT id FROM events ORDER BY id`).pluck().all()).toEqual(['a', 'b', 'c']);
  });

  it('on its own connection (synchronous NORMAL, the WAL synced off the thread) callers are answered after the sync, and what they were told is in the file for another connection', async () => {
    const db = open();
    db.pragma('synchronous = NORMAL');
    const walPath = `${db.name}-wal`;
    const sync = new WalSync(walPath);
    const commit = new GroupCommit(db, 5000, sync);
    let synced = 0;
    const original = sync.after.bind(sync);
    sync.after = (done) => original((error) => (synced++, done(error)));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => commit.run(() => db.prepare(`INSERT INTO events VALUES (?)`).run(`e${i}`).changes)),
    );
    expect(answers).toEqual(Array(40).fill(1));
    expect(synced).toBe(1);
    const other = new Database(db.name, { readonly: true });
    expect(other.prepare(`SELECT count(*) FROM events`).pluck().get()).toBe(40);
    other.close();
    // Stopping waits for syncs under way and lets the file go; a later commit syncs again.
    await commit.synced();
    await commit.run(() => db.prepare(`INSERT INTO events VALUES ('after')`).run());
    expect(synced).toBe(2);
  });

  it('work handed in while the last commit is being synced waits for the sync, then goes in one transaction', async () => {
    const db = open();
    db.pragma('synchronous = NORMAL');
    const sync = new WalSync(`${db.name}-wal`);
    // The disk held still: the sync starts only when the test lets it.
    const held: (() => void)[] = [];
    const real = sync.after.bind(sync);
    sync.after = (done) => held.push(() => real(done));
    const commit = new GroupCommit(db, 5000, sync);
    const insert = (id: string) => commit.run(() => db.prepare(`INSERT INTO events VALUES (?)`).run(id).changes);
    const first = insert('first');
    await new Promise((r) => setImmediate(r));
    expect(commit.commits).toBe(1);
    const later: Promise<number>[] = [];
    for (let turn = 0; turn < 5; turn++) {
      for (let i = 0; i < 4; i++) later.push(insert(`t${turn}-${i}`));
      await new Promise((r) => setImmediate(r));
    }
    // Nothing written, nothing answered while the sync is under way.
    expect(commit.commits).toBe(1);
    expect(held).toHaveLength(1);
    held.shift()!();
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    held.shift()!();
    expect(await Promise.all(later)).toEqual(Array(20).fill(1));
    expect(commit.commits).toBe(2);
    expect(rows(db, 'events')).toBe(21);
  });

  it('a WAL that cannot be synced refuses the callers of that commit, saying so (their rows were written; a repeat finds them)', async () => {
    const db = open();
    db.pragma('synchronous = NORMAL');
    // The fault: the path to sync is a directory, so the file cannot be opened for its sync.
    const commit = new GroupCommit(db, 5000, new WalSync(tempDir()));
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((i) => commit.run(() => db.prepare(`INSERT INTO events VALUES (?)`).run(`e${i}`))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toMatch(/^the commit could not be synced to disk: EISDIR/);
  });
});
