// Renews docs/screenshots: runs the e2e files that take screenshots, with FLOW_ADMIN_SCREENSHOTS=docs
// (a plain `npm test` writes them to the ignored test-results/screenshots instead). Expects a built renderer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = 'test/e2e';
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts') && fs.readFileSync(path.join(dir, f), 'utf8').includes('screenshotPath('))
  .map((f) => path.join(dir, f));
const result = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', ...files], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, FLOW_ADMIN_SCREENSHOTS: 'docs' },
});
process.exit(result.status ?? 1);
