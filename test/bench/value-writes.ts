/**
 * What writing the search values alone costs per commit: the earlier table (a B-tree by value, NOCASE, and one by
 * event) beside the full-text terms of migration 16, each on its own file at `synchronous = FULL` with an event
 * table, PREFILL events already in both, then commits of B events (5 values each) alternated 400 times. CPU of
 * this process per commit (the WAL's sync is waited for, not counted). Then what retention's purge costs on each:
 * the 2,000 oldest events deleted per transaction (the values going with them: a cascade, a trigger), 5 times.
 *   PREFILL=200000 B=32 npx tsx test/bench/value-writes.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { searchDocument } from '../../electron/store/search-terms';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-value-writes-'));
function open(name: string, schema: string): Database.Database {
  const db = new Database(path.join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE trigger_events (id TEXT PRIMARY KEY, payload TEXT NOT NULL); ${schema}`);
  return db;
}
const earlier = open(
  'earlier.db',
  `CREATE TABLE trigger_event_values (value TEXT NOT NULL COLLATE NOCASE, event_id TEXT NOT NULL REFERENCES trigger_events (id) ON DELETE CASCADE,
     PRIMARY KEY (value, event_id)) STRICT, WITHOUT ROWID;
   CREATE INDEX trigger_event_values_by_event ON trigger_event_values (event_id);`,
);
const terms = open(
  'terms.db',
  `CREATE VIRTUAL TABLE trigger_event_terms USING fts5 (terms, content = '', contentless_delete = 1, detail = none);`,
);
const eventEarlier = earlier.prepare(`INSERT INTO trigger_events VALUES (?, '{}')`);
const eventTerms = terms.prepare(`INSERT INTO trigger_events VALUES (?, '{}')`);
const value = earlier.prepare(`INSERT OR IGNORE INTO trigger_event_values (value, event_id) VALUES (?, ?)`);
const document = terms.prepare(`INSERT OR REPLACE INTO trigger_event_terms (rowid, terms) VALUES (?, ?)`);
// An order's id and number, a customer's email (one of 50,000), a SKU, a name: as the intake's values look.
const values = (i: number) => [
  `gid://shopify/Order/${100000 + i}`,
  String(100000 + i),
  `customer${(i * 7919) % 50000}@example.com`,
  `SKU-${i % 977}`,
  `#${i}`,
];
const id = (i: number) => `01${String(i).padStart(12, '0')}-aaaa-7000-8000-000000000000`;
let next = 0;
const writeEarlier = (n: number) =>
  earlier.transaction(() => {
    for (let i = next; i < next + n; i++) {
      eventEarlier.run(id(i));
      for (const v of values(i)) value.run(v, id(i));
    }
  })();
const writeTerms = (n: number) =>
  terms.transaction(() => {
    for (let i = next; i < next + n; i++) document.run(eventTerms.run(id(i)).lastInsertRowid, searchDocument(values(i)));
  })();

const prefill = Number(process.env.PREFILL ?? 200_000);
const batch = Number(process.env.B ?? 32);
for (; next < prefill; next += 1000) {
  writeEarlier(1000);
  writeTerms(1000);
}
const cpu = { earlier: 0, terms: 0 };
for (let r = 0; r < 400; r++) {
  for (const who of r % 2 === 0 ? (['earlier', 'terms'] as const) : (['terms', 'earlier'] as const)) {
    const c0 = process.cpuUsage();
    if (who === 'earlier') writeEarlier(batch);
    else writeTerms(batch);
    const c = process.cpuUsage(c0);
    cpu[who] += (c.user + c.system) / 1000;
  }
  next += batch;
}
console.log(
  `${prefill} events before, commits of ${batch} events with 5 values each: the earlier table ${(cpu.earlier / 400).toFixed(3)} ms CPU per commit, the full-text terms ${(cpu.terms / 400).toFixed(3)} ms (${(cpu.terms / cpu.earlier).toFixed(2)}×); load ${os.loadavg()[0]!.toFixed(1)}`,
);
const purge = (db: Database.Database) => {
  const c0 = process.cpuUsage();
  for (let k = 0; k < 5; k++) {
    db.transaction(() =>
      db.prepare(`DELETE FROM trigger_events WHERE id IN (SELECT id FROM trigger_events ORDER BY id LIMIT 2000)`).run(),
    )();
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / 5;
};
const purgeEarlier = purge(earlier);
const purgeTerms = purge(terms);
console.log(
  `retention's purge, 2,000 oldest events per transaction: the earlier table ${purgeEarlier.toFixed(1)} ms CPU, the full-text terms ${purgeTerms.toFixed(1)} ms`,
);
earlier.close();
terms.close();
fs.rmSync(dir, { recursive: true, force: true });
