/**
 * The server's RSS under traffic (organization-rss.ts), two compiled builds alternated round by round on copies
 * of one generated organization, so a change is measured against what it replaces on the same shared machine in
 * the same minutes. Each build is a directory as organization-rss.ts compiles it (`tsc -p tsconfig.build.json
 * --outDir <dir>/electron` and the checked catalog written into it), e.g. one from another worktree. More than one
 * build of ours (candidates) each take their turn in every round, the order rotated round by round.
 *   node --import tsx test/bench/organization-rss-alternate.ts <baseline build> <our build>... [rounds] [events]
 */
import { generateOrganizationFile } from './generated-organization-file';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext } from '../../electron/app-context';
import { measureServerRss } from './organization-rss';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const builds = args.filter((a) => !/^\d+$/.test(a));
  const [roundsText = '3', eventsText = '6000'] = args.filter((a) => /^\d+$/.test(a));
  if (builds.length < 2) throw new Error('usage: organization-rss-alternate.ts <baseline build> <our build>... [rounds] [events]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-rss-alt-'));
  const master = path.join(dir, 'master.db');
  try {
    const { organizationId } = generateOrganizationFile(master);
    // Migrated and checkpointed once, so every copy starts from the same single file.
    const first = await openAppContext({ databasePath: master, userName: 'bench' });
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    const sides = builds.map((build, i) => ({
      name: i === 0 ? 'baseline' : builds.length === 2 ? 'ours' : path.basename(build),
      build: path.resolve(build),
      highest: [] as number[],
      peak: [] as number[],
      started: [] as number[],
    }));
    for (let round = 0; round < Number(roundsText); round++) {
      // Rotated so each build runs first, last and in between as often as the rounds allow.
      const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
      for (const side of order) {
        const file = path.join(dir, `round-${round}-${side.name}.db`);
        fs.copyFileSync(master, file);
        process.env.RSS_BUILD_DIR = side.build;
        const app = await openAppContext({ databasePath: file, userName: 'bench' });
        const { rows, notes } = await measureServerRss(app, file, organizationId, { events: Number(eventsText) });
        side.started.push(rows[0]!.ours);
        side.highest.push(rows[1]!.ours);
        side.peak.push(rows[2]!.ours);
        const load = os.loadavg()[0]!.toFixed(1);
        console.log(
          `round ${round + 1} ${side.name}: started ${rows[0]!.ours.toFixed(0)} MB, highest ${rows[1]!.ours.toFixed(0)} MB, VmHWM ${rows[2]!.ours.toFixed(0)} MB (load ${load})`,
        );
        for (const note of notes) console.log(`  ${note}`);
        for (const f of fs.readdirSync(dir)) if (f.startsWith(`round-${round}-${side.name}`)) fs.rmSync(path.join(dir, f));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const b = sides[0]!;
    for (const o of sides.slice(1))
      for (const key of ['started', 'highest', 'peak'] as const)
        console.log(
          `${key}: ${o.name} ${median(o[key]).toFixed(0)} MB (${o[key].map((x) => x.toFixed(0)).join(', ')}), baseline ${median(b[key]).toFixed(0)} MB (${b[key].map((x) => x.toFixed(0)).join(', ')}), ratio ${(median(o[key]) / median(b[key])).toFixed(2)}×`,
        );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
