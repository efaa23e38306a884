import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

/** Same test as the script's: the Electron binary is downloaded lazily, on first use. */
function electronBinaryPresent(): boolean {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return false;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(root, 'node_modules', 'electron', 'dist');
  return existsSync(path.join(distDir, readFileSync(pathFile, 'utf8').trim()));
}

describe('scripts/start-desktop.mjs', () => {
  it.skipIf(electronBinaryPresent())(
    'without the Electron binary, exits non-zero with one line pointing to browser mode (skipped when the binary is installed)',
    () => {
      const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'start-desktop.mjs')], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Flow Admin: the Electron binary is not installed/);
      expect(lines[0]).toContain('npm run web');
    },
  );
});
