import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { FakeApp, openRuntimeApp, orgWithStore, triggerHeaders, workflow } from '../runtime/fixture';
import { tierUp, tierUpPayload } from '../runtime/signed-trigger';

/**
 * The runtime in its worker thread acknowledges a trigger only after its group commit: a process killed
 * with SIGKILL in the middle of a stream of concurrent signed requests keeps every event it acknowledged.
 */
const tempDir = useTempDir();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const root = path.resolve(__dirname, '../../..');
const payload = tierUpPayload;

/** Browser mode's way of running: the API thread plus the runtime's worker thread, in a real separate process. */
function browserModeProcess(databasePath: string, indexAtRuns?: number): Promise<{ child: ChildProcess; url: string }> {
  const script = `
    const { openAppContext } = require(${JSON.stringify(path.join(root, 'electron/app-context.ts'))});
    openAppContext({ databasePath: ${JSON.stringify(databasePath)}, runtimeInWorker: true, runtime: { log: () => {}${indexAtRuns ? `, indexAtRuns: ${indexAtRuns}` : ''} } })
      .then(async (context) => { await context.startBackgroundWork(); console.log('url ' + context.runtime.triggerEndpointUrl); setInterval(() => {}, 1000); })
      .catch((e) => { console.error(e.message); process.exit(2); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /url (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`browser mode exited (${code}): ${err}`)));
  });
}

/** A database with a store running "Tier up" and LoyaltyLion's signing secret, closed again. */
async function storeRunningTierUp(dir: string) {
  const setup = await openRuntimeApp(dir);
  const org = await orgWithStore(setup, ['loyaltylion']);
  await workflow(setup, org.organizationId, 'Tier up', tierUp, [org.storeId]);
  const fake = new FakeApp();
  await fake.start();
  const secret = (await call(setup, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'loyaltylion', url: fake.url })).secret!;
  await fake.stop();
  setup.close();
  return { org, secret, file: path.join(dir, 'flow-admin.db') };
}

async function killAndWait(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

describe('kill -9 during intake', () => {
  it('loses no acknowledged event: every 200 answered before the kill is in the database after it, with its run, and the lagging index is whole', async () => {
    const { org, secret, file } = await storeRunningTierUp(tempDir());
    // The lagging index by workflow (migration 18) is filled every 40 runs here, so the kill can land in a pass.
    const { child, url } = await browserModeProcess(file, 40);
    const acknowledged: string[] = [];
    const began = Date.now();
    let killed = false;
    const send = async (): Promise<void> => {
      while (!killed) {
        const text = JSON.stringify({ store: org.domain, app: 'loyaltylion', trigger: 'customer_moved_up_tier', payload });
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...triggerHeaders(text, secret) },
            body: text,
          });
          const body = (await response.json()) as { eventId?: string };
          if (response.status === 200 && body.eventId) acknowledged.push(body.eventId);
        } catch {
          return; // the connection went with the process
        }
        // Past 2.5 s: the runtime looks at the lagging index every second, so passes ran and one may be under way.
        if (acknowledged.length >= 300 && Date.now() - began > 2_500 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, send));
    await new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
    expect(child.signalCode).toBe('SIGKILL');

    const db = new Database(file, { readonly: true });
    const found = db
      .prepare(`SELECT count(*) FROM trigger_events WHERE id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .get(JSON.stringify(acknowledged));
    const withRuns = db
      .prepare(`SELECT count(DISTINCT event_id) FROM runs WHERE event_id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .get(JSON.stringify(acknowledged));
    // Each lagging index holds exactly the rows at or below its mark: a pass cut by the kill left neither half of itself.
    const index = db
      .prepare(
        `SELECT (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs') AS mark,
           (SELECT count(*) FROM runs r, lagging_indexes l WHERE l.source = 'runs' AND r.rowid <= l.through_rowid) AS below,
           (SELECT count(*) FROM runs_indexed_by_workflow) AS entries,
           (SELECT count(*) FROM runs_indexed_by_workflow x JOIN runs r ON r.id = x.run_id AND r.workflow_id = x.workflow_id
              AND r.started_at = x.started_at) AS matching,
           (SELECT count(*) FROM runs_indexed_by_store) AS byStore,
           (SELECT count(*) FROM runs_indexed_by_store x JOIN runs r ON r.id = x.run_id AND r.store_id = x.store_id
              AND r.started_at = x.started_at) AS byStoreMatching,
           (SELECT through_rowid FROM lagging_indexes WHERE source = 'trigger_events') AS eventsMark,
           (SELECT count(*) FROM trigger_events e, lagging_indexes l WHERE l.source = 'trigger_events' AND e.rowid <= l.through_rowid) AS eventsBelow,
           (SELECT count(*) FROM trigger_events_indexed_by_store x JOIN trigger_events e ON e.rowid = x.event_rowid AND e.store_id = x.store_id) AS eventEntries`,
      )
      .get() as {
      mark: number;
      below: number;
      entries: number;
      matching: number;
      byStore: number;
      byStoreMatching: number;
      eventsMark: number;
      eventsBelow: number;
      eventEntries: number;
    };
    db.close();
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(found).toBe(acknowledged.length);
    expect(withRuns).toBe(acknowledged.length);
    expect(index.mark).toBeGreaterThan(0);
    expect(index.entries).toBe(index.below);
    expect(index.matching).toBe(index.entries);
    // And the indexes by store (migration 19): the runs' by the same mark, the events' by theirs.
    expect([index.byStore, index.byStoreMatching]).toEqual([index.below, index.below]);
    expect(index.eventsMark).toBeGreaterThan(0);
    expect(index.eventEntries).toBe(index.eventsBelow);
  });
});

describe('event ids across a kill -9 and a new start', () => {
  it('a request sent again after the app was killed and started again is acknowledged with its first answer and starts no second run', async () => {
    const { org, secret, file } = await storeRunningTierUp(tempDir());
    const first = await browserModeProcess(file);
    const requests = Array.from({ length: 20 }, () => {
      const text = JSON.stringify({ store: org.domain, app: 'loyaltylion', trigger: 'customer_moved_up_tier', payload });
      return { text, headers: { 'content-type': 'application/json', ...triggerHeaders(text, secret) } };
    });
    const post = async (url: string, r: (typeof requests)[number]) => {
      const response = await fetch(url, { method: 'POST', headers: r.headers, body: r.text });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const answers = await Promise.all(requests.map((r) => post(first.url, r)));
    expect(answers.every((a) => a.status === 200 && (a.body.runIds as string[]).length === 1)).toBe(true);
    await killAndWait(first.child);

    const again = await browserModeProcess(file);
    const repeats = await Promise.all(requests.map((r) => post(again.url, r)));
    expect(repeats.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(repeats.map((a) => a.body)).toEqual(answers.map((a) => ({ ...a.body, duplicate: true })));
    await killAndWait(again.child);

    const db = new Database(file, { readonly: true });
    const counts = db.prepare(`SELECT (SELECT count(*) FROM trigger_events) AS events, (SELECT count(*) FROM runs) AS runs`).get();
    db.close();
    expect(counts).toEqual({ events: 20, runs: 20 });
  });
});
