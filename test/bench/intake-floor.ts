/**
 * The store's floor for the intake (issue 10): the intake's write cost beside raw prepared inserts of the
 * same rows in the same batches, alternated batch by batch. Two copies of the same database file: on one,
 * the intake takes signed events in batches of BATCH (as the group commit gets them from 32 concurrent
 * senders: one transaction each); after each batch, the rows it wrote (the event with the app's event id, its
 * search values (migration 16: their full-text document), its runs, their steps and deliveries) are read back, untimed, and inserted with prepared
 * statements into the other copy in one transaction, at the same `synchronous = FULL`. The runtime is not
 * started (no HTTP, no deliveries): what is compared is what the group commit's transactions cost.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { openAppContext } from '../../electron/app-context';
import { sign, triggerSigningInput } from '../../electron/runtime/signature';
import { samplePayload } from '../../electron/runtime/trigger-payload';
import { openSecondConnection } from '../../electron/store/open-database';
import { searchDocument } from '../../electron/store/search-terms';
import { eventValues } from '../../electron/runtime/event-values';
import { loadCatalog } from '../../electron/domain/catalog/load-catalog';
import type { seed } from './runtime.bench';

type Seeded = Awaited<ReturnType<typeof seed>>;
type Row = Record<string, unknown>;
const BATCH = 32;
const catalog = loadCatalog();

export interface FloorFigures {
  events: number;
  /** Time inside the group commit's transactions (the intake's writes and what it does in them). */
  oursWriteMs: number;
  /** fromApp called to answered: checks, signature, routing and the transaction. */
  oursTotalMs: number;
  rawMs: number;
}

/**
 * The rows one batch of events wrote, table by table, read back from the intake's copy. The search values are a
 * full-text document per event (migration 16), which cannot be read back: made again from the payload, untimed.
 */
function rowsOf(db: Database, eventIds: string[]): Map<string, Row[]> {
  const list = (ids: string[]) => ids.map(() => '?').join(',');
  const runs = db.prepare(`SELECT * FROM runs WHERE event_id IN (${list(eventIds)})`).all(...eventIds) as Row[];
  const runIds = runs.map((r) => r.id as string);
  const byRun = (table: string) =>
    runIds.length === 0 ? [] : (db.prepare(`SELECT * FROM ${table} WHERE run_id IN (${list(runIds)})`).all(...runIds) as Row[]);
  const events = db.prepare(`SELECT rowid, * FROM trigger_events WHERE id IN (${list(eventIds)})`).all(...eventIds) as Row[];
  const withRuns = new Set(runs.map((r) => r.event_id));
  const terms = events
    .filter((e) => withRuns.has(e.id))
    .map((e) => ({
      rowid: e.rowid,
      terms: searchDocument(
        eventValues(
          JSON.parse(e.payload as string) as Record<string, unknown>,
          catalog.trigger(e.app_id as string, e.trigger_handle as string),
        ),
      ),
    }))
    .filter((t) => t.terms !== '');
  return new Map([
    ['trigger_events', events],
    ['trigger_event_terms', terms],
    ['runs', runs],
    ['run_steps', byRun('run_steps')],
    ['outbox', byRun('outbox')],
  ]);
}

/** Signed trigger requests spread over the seeded stores and triggers (also used by intake-pages.ts). */
export function signedRequests(seeded: Seeded, count: number, prefix: string) {
  const { stores, triggers, secrets } = seeded;
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const store = stores[(i * 13) % stores.length]!;
    const { appId, trigger } = triggers[(i * 17) % triggers.length]!;
    const body = Buffer.from(
      JSON.stringify({ store: store.domain, app: appId, trigger: trigger.handle, payload: samplePayload(trigger, new Date()) }),
    );
    const eventId = `${prefix}-${i}`;
    const signature = sign(triggerSigningInput(timestamp, eventId, body), secrets.get(`${store.id}|${appId}`)!);
    return { body, headers: { timestamp, eventId, signature } };
  });
}

/** One round on fresh copies of `databasePath` (closed); the copies are deleted after. */
export async function storeFloorRound(seeded: Seeded, databasePath: string, events: number, n: number): Promise<FloorFigures> {
  const oursPath = path.join(seeded.dir, `floor-ours-${n}.db`);
  const rawPath = path.join(seeded.dir, `floor-raw-${n}.db`);
  for (const to of [oursPath, rawPath]) {
    fs.copyFileSync(databasePath, to);
    if (fs.existsSync(databasePath + '-wal')) fs.copyFileSync(databasePath + '-wal', to + '-wal');
  }
  // The secrets' key is found beside the database: the copies use the same one.
  const ours = await openAppContext({ databasePath: oursPath, userName: 'bench', runtime: { log: () => {} } });
  const raw = openSecondConnection(rawPath);
  try {
    // Warm: every workflow these events reach compiled once (the runtime keeps them compiled), untimed.
    await Promise.all(signedRequests(seeded, events, `floor-warm-${n}`).map((r) => ours.runtime.intake.fromApp(r.body, r.headers)));
    const requests = signedRequests(seeded, events, `floor-${n}`);
    const inserts = new Map<string, Statement>();
    const insert = (table: string, row: Row) => {
      let stmt = inserts.get(table);
      if (!stmt) {
        const cols = Object.keys(row);
        stmt = raw.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
        inserts.set(table, stmt);
      }
      stmt.run(row);
    };
    let oursTotalMs = 0;
    let rawMs = 0;
    const writeMs0 = ours.runtime.commit.writeMs;
    for (let i = 0; i < requests.length; i += BATCH) {
      const batch = requests.slice(i, i + BATCH);
      const started = performance.now();
      const results = await Promise.all(batch.map((r) => ours.runtime.intake.fromApp(r.body, r.headers)));
      oursTotalMs += performance.now() - started;
      const eventIds = results.map((r) => {
        if (!r.ok) throw new Error(`refused: ${r.refusal.message}`);
        return r.value.eventId;
      });
      const rows = rowsOf(ours.db, eventIds);
      const rawStarted = performance.now();
      raw
        .transaction(() => {
          for (const [table, list] of rows) for (const row of list) insert(table, row);
        })
        .immediate();
      rawMs += performance.now() - rawStarted;
    }
    return { events, oursWriteMs: ours.runtime.commit.writeMs - writeMs0, oursTotalMs, rawMs };
  } finally {
    ours.close();
    raw.close();
    for (const file of [oursPath, rawPath]) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}
