import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeDatabaseAfterTest } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { count, openRuntimeApp, postTrigger, triggerHeaders } from '../runtime/fixture';
import { openTriggerEndpoint } from '../runtime/signed-trigger';

const tempDir = useTempDir();

describe('migration 14: app event ids on trigger events', () => {
  it('an event id kept in the old table (schema 13) is still known after the upgrade: the repeat gets the first answer and no second run', async () => {
    const dir = tempDir();
    const { app, secret, url, envelope } = await openTriggerEndpoint(dir);
    const text = JSON.stringify(envelope());
    const headers = triggerHeaders(text, secret);
    const first = await postTrigger(url, text, null, headers);
    expect(first.status).toBe(200);
    await app.runtime.stop();
    app.close();

    // As schema 13 had it: the id and its answer in trigger_event_ids, nothing on the event.
    const raw = closeDatabaseAfterTest(new Database(path.join(dir, 'flow-admin.db')));
    raw.exec(`
      CREATE TABLE trigger_event_ids (
        store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE, app_id TEXT NOT NULL, event_id TEXT NOT NULL,
        received_at INTEGER NOT NULL, answer TEXT NOT NULL, PRIMARY KEY (store_id, app_id, event_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX trigger_event_ids_by_time ON trigger_event_ids (received_at);
      INSERT INTO trigger_event_ids SELECT store_id, app_id, app_event_id, unixepoch('now') * 1000, '${JSON.stringify(first.body)}' FROM trigger_events;
      ALTER TABLE trigger_events DROP COLUMN app_event_id;
      PRAGMA user_version = 13;
    `);
    raw.close();

    const upgraded = await openRuntimeApp(dir);
    expect(upgraded.db.prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'trigger_event_ids%'`).all()).toEqual([]);
    await upgraded.runtime.start();
    const repeat = await postTrigger(upgraded.runtime.triggerEndpointUrl!, text, null, headers);
    expect(repeat).toMatchObject({ status: 200, body: { ...first.body, duplicate: true } });
    expect({ events: count(upgraded, 'trigger_events'), runs: count(upgraded, 'runs') }).toEqual({ events: 1, runs: 1 });
  });
});
