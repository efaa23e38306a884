// Starts the desktop app from a built checkout (`npm start` builds first).
//
// Why this is more than `electron .`: node_modules/better-sqlite3 is compiled for Node
// (the tests need that build), but Electron has its own ABI. So we compile a second
// copy for Electron into build/native/ from a temporary copy of the package source,
// leaving node_modules untouched, and point the app at it with FLOW_ADMIN_SQLITE_BINDING.
// dist.mjs reuses the helpers exported here.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const sqliteDir = join(root, 'node_modules', 'better-sqlite3');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
export const electronVersion = () => readJson(join(electronDir, 'package.json')).version;

/** The Electron executable, or null if its (lazily downloaded) binary is not here. */
export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

/** Prints one line and exits: these failures are about the machine, not the code. */
export function die(message) {
  console.error(`Flow Admin: ${message}`);
  process.exit(1);
}

/**
 * Returns the path of better_sqlite3.node built for this Electron version, building it
 * on first use (about a minute) and reusing it afterwards. Throws if the build fails,
 * typically because Electron's headers cannot be downloaded.
 */
export function buildSqliteForElectron(version = electronVersion()) {
  const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
  const outDir = join(root, 'build', 'native', `electron-${version}`);
  const output = join(outDir, 'better_sqlite3.node');
  const stamp = join(outDir, 'better-sqlite3.version');
  const stampText = `${sqliteVersion} ${process.platform}-${process.arch}\n`;
  if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === stampText) return output;

  const work = mkdtempSync(join(tmpdir(), 'flow-admin-sqlite-'));
  try {
    // Copy the source, not the Node build: node-gyp rebuild wipes build/ first.
    const nodeBuild = join(sqliteDir, 'build');
    cpSync(sqliteDir, work, { recursive: true, filter: (src) => src !== nodeBuild && !src.startsWith(nodeBuild + sep) });
    const nodeGyp = createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
    console.log(`Flow Admin: building better-sqlite3 ${sqliteVersion} for Electron ${version} (first run only)...`);
    const result = spawnSync(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${version}`,
        '--runtime=electron',
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    mkdirSync(outDir, { recursive: true });
    if (result.status !== 0) {
      const log = `${result.stderr ?? ''}${result.error ?? ''}`;
      const logFile = join(outDir, 'node-gyp.log');
      writeFileSync(logFile, log);
      const offline = /network connectivity|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(log);
      const firstError = log
        .split('\n')
        .find((line) => /Error/.test(line))
        ?.replace(/^gyp ERR! stack /, '')
        .trim();
      const reason = offline ? "Electron's headers could not be downloaded from electronjs.org" : firstError || 'node-gyp failed';
      throw new Error(`could not build better-sqlite3 for Electron ${version}: ${reason} (log: ${logFile})`);
    }
    cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), output);
    writeFileSync(stamp, stampText);
    return output;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const binary = electronBinary();
  if (binary === null) {
    die(
      'the Electron binary is not installed on this machine (it is downloaded on first use and this machine cannot reach the download). Use the browser mode instead: npm run web',
    );
  }
  if (!existsSync(join(root, 'build', 'electron', 'main.js'))) die('build/electron/main.js is missing; run npm start (it builds first).');

  let binding;
  try {
    binding = buildSqliteForElectron();
  } catch (error) {
    die(error.message);
  }

  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
  const env = { ...process.env, FLOW_ADMIN_SQLITE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// Run only when executed directly, so dist.mjs can import the helpers.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
