/**
 * Cold process start to the first API answer on the large database (issue 10): the generated organization
 * of 1,000 stores × 2,000 workflows (test/support/generate-organization.ts, ~100 MB), opened by a fresh
 * Node process running the **compiled** build (what `npm run web` and the desktop app run: the sources are
 * compiled here first with tsconfig.build.json into build/bench-start/, so tsx's transpiling is not counted),
 * as browser mode does: open the database, serve the API, start the runtime in its worker thread after
 * serving; the figure is from the process's start to `organizations.list` answered over HTTP.
 * With START_BASELINE_DIR set to another compiled build (its `electron` folder's parent, e.g. one made at an
 * older commit with `npx tsc -p tsconfig.build.json --outDir DIR/electron` inside this repository), the same
 * measure runs on it too, alternated process by process.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext } from '../../electron/app-context';
import { generateOrganization } from '../support/generate-organization';

const root = path.resolve(__dirname, '..', '..');
const STARTS = Number(process.env.START_BENCH_STARTS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One fresh process of the build in `buildDir`: ms from its start to the first answer, and its CPU by then. */
function coldStart(buildDir: string, databasePath: string): Promise<{ ms: number; cpuMs: number }> {
  const script = `
    const t0 = performance.timeOrigin;
    const http = require('node:http');
    const { openAppContext } = require(${JSON.stringify(path.join(buildDir, 'electron/app-context.js'))});
    const { startHttpServer } = require(${JSON.stringify(path.join(buildDir, 'electron/server/http-server.js'))});
    (async () => {
      const app = await openAppContext({ databasePath: ${JSON.stringify(databasePath)}, userName: 'bench', runtimeInWorker: true, runtime: { log: () => {} } });
      const server = await startHttpServer({ api: app.api, token: 't', port: 0 });
      const starting = app.startBackgroundWork();
      const status = await new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: server.port, path: '/api/organizations.list', method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json', 'content-length': 2 } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
        req.on('error', reject);
        req.end('{}');
      });
      const ms = Date.now() - t0;
      const cpu = process.cpuUsage();
      await starting;
      await server.close();
      await app.shutdown();
      process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, status }));
      process.exit(0);
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`cold start exited ${code}`));
      const r = JSON.parse(out) as { ms: number; cpuMs: number; status: number };
      if (r.status !== 200) return reject(new Error(`organizations.list answered ${r.status}`));
      resolve(r);
    }),
  );
}

export async function printStartBench(): Promise<void> {
  const buildDir = path.join(root, 'build', 'bench-start');
  fs.rmSync(buildDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(buildDir, 'electron')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-start-bench-'));
  const databasePath = path.join(dir, 'flow-admin.db');
  try {
    const app = await openAppContext({ databasePath, userName: 'bench' });
    const generated = generateOrganization(app.db, app.handlerContext.catalog, { seed: 7, stores: 1000, workflows: 2000 });
    await app.shutdown();
    const mb = fs.statSync(databasePath).size / 1e6;
    console.log(`organization: 1,000 stores × 2,000 workflows, ${generated.rows.activations} activations; database ${mb.toFixed(0)} MB`);
    const baseline = process.env.START_BASELINE_DIR ? path.resolve(process.env.START_BASELINE_DIR) : null;
    const sides = [{ name: 'ours', dir: buildDir }, ...(baseline ? [{ name: 'baseline', dir: baseline }] : [])];
    const results = new Map(sides.map((s) => [s.name, { ms: [] as number[], cpuMs: [] as number[] }]));
    for (let n = 0; n < STARTS; n++) {
      for (const side of n % 2 === 0 ? sides : [...sides].reverse()) {
        const r = await coldStart(side.dir, databasePath);
        results.get(side.name)!.ms.push(r.ms);
        results.get(side.name)!.cpuMs.push(r.cpuMs);
      }
    }
    for (const [name, r] of results) {
      console.log(
        `${name}: cold start to first API answer, compiled build, median of ${STARTS}: ${median(r.ms).toFixed(0)} ms (range ${Math.min(...r.ms).toFixed(0)}–${Math.max(...r.ms).toFixed(0)}; process CPU by then ${median(r.cpuMs).toFixed(0)} ms); target < 1,000 ms: ${median(r.ms) < 1000 ? 'met' : 'NOT met'}`,
      );
    }
    console.log(`load average ${os.loadavg()[0]!.toFixed(1)} (2 cores)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}
