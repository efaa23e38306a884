/**
 * Migration 016's carry-over of schema 15's search values into the full-text index, on copies of one schema-15
 * file, as it is and with FTS5's automatic merging off during the load and one merge at its end, alternated
 * round by round in one process (the same machine, the same minutes).
 *   node --import tsx test/bench/search-terms-upgrade.ts [events] [rounds]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migration016 } from '../../electron/store/migrations/016-search-terms';
import type { Migration } from '../../electron/store/migrations/migration';
import { schema15WithEvents } from '../support/schema-15-events';

/** The same step with automerge off while it loads, then one 'optimize' (a single merge of every segment). */
const mergedOnce: Migration = {
  ...migration016,
  up(db, progress) {
    db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS trigger_event_terms USING fts5 (terms, content = '', contentless_delete = 1, detail = none);`,
    );
    db.exec(`INSERT INTO trigger_event_terms (trigger_event_terms, rank) VALUES ('automerge', 0)`);
    migration016.up(db, progress);
    db.exec(`INSERT INTO trigger_event_terms (trigger_event_terms) VALUES ('optimize')`);
    db.exec(`INSERT INTO trigger_event_terms (trigger_event_terms, rank) VALUES ('automerge', 4)`);
  },
};

function upgradeOnce(master: string, copy: string, step: Migration): { ms: number; mb: number } {
  fs.copyFileSync(master, copy);
  const db = new Database(copy);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  const started = performance.now();
  db.transaction(() => {
    step.up(db);
    db.pragma('user_version = 16');
  })();
  const ms = performance.now() - started;
  db.close();
  const mb = fs.statSync(copy).size / 1048576;
  fs.rmSync(copy);
  return { ms, mb };
}

async function main(): Promise<void> {
  const [eventsText = '200000', roundsText = '4'] = process.argv.slice(2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-016-'));
  try {
    const master = path.join(dir, 'schema-15.db');
    await schema15WithEvents(master, Number(eventsText));
    const sides = [
      { name: 'as landed', step: migration016, ms: [] as number[], mb: 0 },
      { name: 'automerge off, one optimize', step: mergedOnce, ms: [] as number[], mb: 0 },
    ];
    for (let round = 0; round < Number(roundsText); round++)
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const r = upgradeOnce(master, path.join(dir, 'copy.db'), side.step);
        side.ms.push(r.ms);
        side.mb = r.mb;
        console.log(
          `round ${round + 1} ${side.name}: ${r.ms.toFixed(0)} ms, file ${r.mb.toFixed(0)} MB (load ${os.loadavg()[0]!.toFixed(1)})`,
        );
      }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    for (const side of sides)
      console.log(`${side.name}: median ${median(side.ms).toFixed(0)} ms (${side.ms.map((x) => x.toFixed(0)).join(', ')})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
