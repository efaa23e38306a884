import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * PRAGMA quick_check on a thread of its own, so the start can do its other work meanwhile (load the catalog
 * and the API's modules) instead of waiting for SQLite to read every page of a large file first: on a
 * database of 1,000 stores and 2,000 workflows the check alone took 0.35–0.7 s, the longest step before the
 * first API answer. The caller still waits for it before migrating or serving: a damaged file is refused at
 * start, as before.
 *
 * Plain JavaScript on its own connection (better-sqlite3 only, nothing of ours to load), so it starts in a
 * few milliseconds in Electron, in browser mode and under tsx alike. Resolves with quick_check's first lines
 * ('ok' when sound); rejects with SQLite's error (its `code` kept) when the file cannot be read at all.
 * Returns null when a thread would not pay for itself (no file yet, or one under `minBytes`, which the caller
 * checks inline in a few milliseconds).
 */
export function startQuickCheck(databasePath: string, nativeBinding?: string, minBytes = 4 * 1024 * 1024): Promise<string> | null {
  let size = 0;
  try {
    size = fs.statSync(databasePath).size;
  } catch {
    return null;
  }
  if (size === 0 || size < minBytes) return null;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.module);
    let db = null;
    let answer;
    try {
      db = new Database(workerData.path, { fileMustExist: true, ...(workerData.binding ? { nativeBinding: workerData.binding } : {}) });
      db.pragma('busy_timeout = 5000');
      const rows = db.pragma('quick_check(5)');
      answer = { ok: true, result: rows.map((r) => r.quick_check).join('; ') };
    } catch (error) {
      answer = { ok: false, code: error.code, message: error.message };
    }
    // Closed before answering: the caller may switch the file to WAL next, which wants no other connection.
    try { db?.close(); } catch {}
    parentPort.postMessage(answer);`;
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(code, {
      eval: true,
      workerData: { module: require.resolve('better-sqlite3'), path: databasePath, binding: nativeBinding ?? null },
    });
    let answered = false;
    worker.once('message', (m: { ok: true; result: string } | { ok: false; code?: string; message: string }) => {
      answered = true;
      if (m.ok) resolve(m.result);
      else reject(Object.assign(new Error(m.message), m.code ? { code: m.code } : {}));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (exitCode) => {
      if (!answered) reject(new Error(`the database check stopped (exit code ${exitCode}) before it answered`));
    });
  });
}
