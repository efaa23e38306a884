/**
 * The organization bench's start after a change made while the app was closed ("start: open + first overview,
 * data changed since (cold)"; `none`: nothing changed, the overview kept), with the time the start-up check
 * ended (writes allowed), two source trees alternated round by round on copies of one generated
 * organization, each round a process of its own (start-cold-child.ts) running that tree's code, so a change is
 * measured against what it replaces on the same shared machine in the same minutes.
 *   node --import tsx test/bench/start-cold-alternate.ts <baseline tree> <our tree> [rounds] [starts] [store|activation|none]
 * A tree is a checkout with its node_modules (e.g. /work/main). Each tree opens (and migrates) its own copy once
 * before the rounds; a round's process makes one unmeasured start, then `starts` measured ones.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOrganizationFile } from './generated-organization-file';

function runIn(tree: string, args: string[]): string {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'start-cold-child.ts'), tree, ...args], {
    cwd: tree,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`a round in ${tree} failed (${child.status})`);
  return child.stdout.trim().split('\n').pop()!;
}

function main(): void {
  const [baselineTree, ourTree, roundsText = '5', startsText = '5', changed = 'store'] = process.argv.slice(2);
  if (!baselineTree || !ourTree)
    throw new Error('usage: start-cold-alternate.ts <baseline tree> <our tree> [rounds] [starts] [store|activation|none]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-start-alt-'));
  try {
    const master = path.join(dir, 'master.db');
    // Schema 2 and upgraded by each tree, as the organization bench does.
    const { organizationId } = generateOrganizationFile(master, 2);
    const sides = [
      { name: 'baseline', tree: path.resolve(baselineTree), wall: [] as number[], cpu: [] as number[], checked: [] as number[] },
      { name: 'ours', tree: path.resolve(ourTree), wall: [] as number[], cpu: [] as number[], checked: [] as number[] },
    ];
    for (const side of sides) {
      // A directory per side: the key file beside the database, and no lock or backup shared.
      fs.mkdirSync(path.join(dir, side.name));
      fs.copyFileSync(master, path.join(dir, side.name, 'flow-admin.db'));
      fs.copyFileSync(path.join(dir, 'flow-admin.key'), path.join(dir, side.name, 'flow-admin.key'));
      runIn(side.tree, [path.join(dir, side.name, 'flow-admin.db'), organizationId, '0', 'none']);
    }
    for (let round = 0; round < Number(roundsText); round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const { times, cpu, checked } = JSON.parse(
          runIn(side.tree, [path.join(dir, side.name, 'flow-admin.db'), organizationId, startsText, changed]),
        ) as {
          times: number[];
          cpu: number[];
          checked: number[];
        };
        side.wall.push(...times);
        side.cpu.push(...cpu);
        side.checked.push(...checked);
        console.log(
          `round ${round + 1} ${side.name}: ${times.map((t) => t.toFixed(0)).join(', ')} ms (CPU ${cpu.map((t) => t.toFixed(0)).join(', ')}) load ${os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}`,
        );
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [b, o] = sides as [(typeof sides)[0], (typeof sides)[0]];
    for (const key of ['wall', 'cpu', 'checked'] as const)
      console.log(
        `${key} (change: ${changed}): ours ${median(o[key]).toFixed(0)} ms, baseline ${median(b[key]).toFixed(0)} ms, ratio ${(median(o[key]) / median(b[key])).toFixed(2)}× (medians of ${o[key].length} starts each)`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
