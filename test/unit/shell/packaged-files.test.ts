/**
 * What the installers would carry from node_modules, worked out without running electron-builder (its
 * Electron download cannot happen here): the production packages of package-lock.json, filtered by the
 * `files` patterns of electron-builder.yml in order (a later "!pattern" excludes, as electron-builder does).
 * Finding 11: install-time packages (prebuild-install and what only it needs) and CLI-only ones stay out;
 * every package the app loads at run time stays in.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

interface LockPackage {
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const builder = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };

/** Only needed while npm installs (better-sqlite3's binary download) or on a command line. */
const notAtRunTime = new Set(['node_modules/prebuild-install', 'node_modules/liquidjs/node_modules/commander']);

const production = Object.entries(lock.packages)
  .filter(([where, p]) => where.startsWith('node_modules/') && !p.dev && !p.devOptional)
  .map(([where]) => where);

/** Node's lookup: the nearest node_modules/<name> going up from the requiring package. */
function resolve(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up === -1 ? '' : dir.slice(0, up);
  }
}

/** Every package reachable from the app's dependencies without passing through one not used at run time. */
function loadedAtRunTime(): Set<string> {
  const seen = new Set<string>();
  const queue = Object.keys(manifest.dependencies).map((name) => resolve('', name)!);
  while (queue.length > 0) {
    const where = queue.pop()!;
    if (seen.has(where) || notAtRunTime.has(where)) continue;
    seen.add(where);
    const p = lock.packages[where]!;
    for (const name of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) {
      const found = resolve(where, name);
      if (found) queue.push(found);
    }
  }
  return seen;
}

function packed(file: string): boolean {
  let included = false;
  for (const pattern of builder.files) {
    const negated = pattern.startsWith('!');
    if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

describe('what the installers carry from node_modules', () => {
  const runtime = loadedAtRunTime();
  const inPackage = production.filter((where) => packed(`${where}/package.json`));

  it('lists the packed packages: exactly the ones the app loads at run time', () => {
    console.log(
      `packed from node_modules (${inPackage.length} of ${production.length} production packages):\n  ${inPackage.map((w) => w.replace(/^node_modules\//, '')).join('\n  ')}`,
    );
    expect(inPackage.filter((where) => !runtime.has(where))).toEqual([]);
    expect([...runtime].filter((where) => !inPackage.includes(where))).toEqual([]);
  });

  it('leaves out prebuild-install with its dependencies, and liquidjs command line', () => {
    for (const where of [
      'node_modules/prebuild-install',
      'node_modules/tar-fs',
      'node_modules/simple-get',
      'node_modules/liquidjs/node_modules/commander',
    ]) {
      expect(production).toContain(where);
      expect(packed(`${where}/package.json`), where).toBe(false);
    }
    expect(packed('node_modules/liquidjs/bin/liquid.js')).toBe(false);
  });

  it('keeps what runs: the SQLite driver, the HTTP server, Liquid, the code sandbox, and the built app', () => {
    for (const file of [
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/hono/package.json',
      'node_modules/liquidjs/dist/liquid.node.js',
      'node_modules/quickjs-emscripten/package.json',
      'node_modules/@jitl/quickjs-wasmfile-release-sync/package.json',
      'build/electron/main.js',
      'build/renderer/index.html',
      'resources/admin-schema.json',
    ]) {
      expect(packed(file), file).toBe(true);
    }
    expect(packed('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
    expect(packed('build/electron/main.js.map')).toBe(false);
  });
});
