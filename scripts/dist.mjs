// Packages the desktop app with electron-builder (`npm run dist -- --linux`, etc.).
//
// electron-builder's own native rebuild is off (npmRebuild: false) because it can
// silently build against Node's headers; instead the better-sqlite3 build for Electron
// made by start-desktop.mjs is shipped as an extra resource (resources/native/), and
// main.ts loads it from there when packaged.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSqliteForElectron, die, electronVersion, root } from './start-desktop.mjs';

// The native module is compiled for the machine running this script, so each OS and
// CPU gets its package built on such a machine (a CI matrix), not cross-built.
const targets = {
  '--linux': 'linux',
  '-l': 'linux',
  '--win': 'win32',
  '--windows': 'win32',
  '-w': 'win32',
  '--mac': 'darwin',
  '--macos': 'darwin',
  '-m': 'darwin',
  '--x64': 'x64',
  '--arm64': 'arm64',
  '--ia32': 'ia32',
  '--armv7l': 'arm',
  '--universal': 'universal',
};
const foreign = process.argv.slice(2).filter((arg) => targets[arg] && targets[arg] !== process.platform && targets[arg] !== process.arch);
if (foreign.length > 0)
  die(
    `cannot build ${foreign.join(' ')} packages on ${process.platform}-${process.arch}: better-sqlite3 must be compiled on the target OS and CPU.`,
  );

if (!existsSync(join(root, 'build', 'electron', 'main.js')) || !existsSync(join(root, 'build', 'renderer', 'index.html'))) {
  die('build/ is incomplete; run npm run dist (it builds first).');
}

let binding;
try {
  binding = buildSqliteForElectron();
} catch (error) {
  die(`cannot package: ${error.message}`);
}
mkdirSync(join(root, 'build', 'native'), { recursive: true });
cpSync(binding, join(root, 'build', 'native', 'better_sqlite3.node'));

// Pass-through args choose targets: --linux, --win, --mac, --dir, --x64...
const builder = join(root, 'node_modules', 'electron-builder', 'cli.js');
const result = spawnSync(process.execPath, [builder, '--config', 'electron-builder.yml', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) {
  die(`electron-builder failed (it downloads Electron ${electronVersion()} and packaging tools; see the output above).`);
}
