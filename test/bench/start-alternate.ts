/**
 * The organization bench's "start: open + first overview" (kept, and after a change made while closed: cold),
 * two source trees alternated round by round on one generated organization, each start in a child process of its
 * own tree (tsx), so a change is measured against what it replaces on the same shared machine in the same minutes.
 * Each start opens as the desktop app and browser mode do (`checkOffPath`: a tree without it checks on the path)
 * and closes only after the check ended, outside the timed part.
 *   node --import tsx test/bench/start-alternate.ts <baseline tree> <our tree> [rounds] [starts per round]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext } from '../../electron/app-context';

/** Run in the tree's own directory: its openAppContext, its migrations and status code. */
const childScript = `
const { openAppContext } = require('./electron/app-context');
const Database = require('better-sqlite3');
(async () => {
  const [file, organizationId, startsText] = process.argv.slice(-3);
  const outside = new Database(file);
  const store = outside.prepare('SELECT id FROM stores WHERE organization_id = ? LIMIT 1').pluck().get(organizationId);
  const change = outside.prepare('UPDATE stores SET updated_at = updated_at WHERE id = ?');
  const once = async (cold) => {
    if (cold) change.run(store);
    const started = performance.now();
    const app = await openAppContext({ databasePath: file, userName: 'bench', checkOffPath: true });
    const answer = await app.api.call('status.overview', { organizationId });
    const ms = performance.now() - started;
    if (!answer.ok) throw new Error(answer.error.message);
    await app.checked;
    const checkedMs = performance.now() - started;
    app.close();
    return { ms, checkedMs };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  await once(false);
  const kept = [], cold = [], checked = [];
  for (let i = 0; i < Number(startsText); i++) kept.push((await once(false)).ms);
  for (let i = 0; i < Number(startsText); i++) {
    const r = await once(true);
    cold.push(r.ms);
    checked.push(r.checkedMs);
  }
  outside.close();
  console.log(JSON.stringify({ kept: median(kept), cold: median(cold), checked: median(checked) }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

async function main(): Promise<void> {
  const [baselineTree, ourTree, roundsText = '5', startsText = '5'] = process.argv.slice(2);
  if (!baselineTree || !ourTree) throw new Error('usage: start-alternate.ts <baseline tree> <our tree> [rounds] [starts per round]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-start-alt-'));
  const file = path.join(dir, 'flow-admin.db');
  try {
    const script = path.join(__dirname, '..', '..', 'scripts', 'generate-organization.ts');
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`the generator failed (${child.status})`);
    const { organizationId } = JSON.parse(child.stdout.trim().split('\n').pop()!) as { organizationId: string };
    const first = await openAppContext({ databasePath: file, userName: 'bench' });
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    console.log(`database ${(fs.statSync(file).size / 1048576).toFixed(0)} MB`);
    const sides = [
      { name: 'baseline', tree: path.resolve(baselineTree), kept: [] as number[], cold: [] as number[], checked: [] as number[] },
      { name: 'ours', tree: path.resolve(ourTree), kept: [] as number[], cold: [] as number[], checked: [] as number[] },
    ];
    for (let round = 0; round < Number(roundsText); round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', childScript, file, organizationId, startsText], {
          cwd: side.tree,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        if (run.status !== 0) throw new Error(`${side.name} failed (${run.status})`);
        const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as { kept: number; cold: number; checked: number };
        side.kept.push(r.kept);
        side.cold.push(r.cold);
        side.checked.push(r.checked);
        const load = os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ');
        console.log(
          `round ${round + 1} ${side.name}: kept ${r.kept.toFixed(0)} ms, cold ${r.cold.toFixed(0)} ms, checked at ${r.checked.toFixed(0)} ms (load ${load})`,
        );
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [b, o] = sides as [(typeof sides)[0], (typeof sides)[0]];
    for (const key of ['kept', 'cold', 'checked'] as const)
      console.log(
        `${key}: ours ${median(o[key]).toFixed(0)} ms (${o[key].map((x) => x.toFixed(0)).join(', ')}), baseline ${median(b[key]).toFixed(0)} ms (${b[key].map((x) => x.toFixed(0)).join(', ')}), ratio ${(median(o[key]) / median(b[key])).toFixed(2)}×`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
