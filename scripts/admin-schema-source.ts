/**
 * Obtains Shopify's Admin GraphQL introspection from the npm package `@shopify/dev-mcp` without
 * making it a dependency: `npm pack` fetches the package's tarball (14 MB, nothing installed, none
 * of its ~250 dependencies), and the one file needed is read straight out of it.
 * The tarball is kept under .tmp/ (git-ignored) so a second run, and the test, need no network.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AdminSchemaSource } from '../electron/domain/schema/admin-schema-file';
import type { IntrospectionSchema } from '../electron/domain/schema/compact-schema';

export const SOURCE_PACKAGE = '@shopify/dev-mcp';
export const SOURCE_VERSION = '1.16.0';
/** The registry's integrity for that tarball, checked so a damaged cached copy is never used. */
export const SOURCE_INTEGRITY = 'sha512-tqgRnK7sQhjew+htxtleTH23nXB5fZcsrhWgEkomsorGXvLOB2mh2upwZm8uzuTDNTZnqtLMe64yIwh6s2awtw==';
/**
 * The package ships 2025-10 … 2026-10 and unstable; its own version list marks 2026-07 as the
 * admin API's `latestVersion` (2026-10 is a release candidate there), so that is what we model.
 */
export const ADMIN_API_VERSION = '2026-07';
export const SOURCE_FILE = `dist/data/admin_${ADMIN_API_VERSION}.json.gz`;
const LICENCE = 'ISC';

const REPO_ROOT = path.resolve(__dirname, '..');
export const TARBALL_CACHE_DIR = path.join(REPO_ROOT, '.tmp', 'dev-mcp');

export interface AdminIntrospection {
  readonly source: AdminSchemaSource;
  readonly apiVersion: string;
  readonly schema: IntrospectionSchema;
}

/** The package tarball: the cached copy when its integrity matches, else a fresh `npm pack`. */
export function obtainTarball(cacheDir: string = TARBALL_CACHE_DIR): string {
  const file = path.join(cacheDir, `shopify-dev-mcp-${SOURCE_VERSION}.tgz`);
  if (fs.existsSync(file) && integrityOf(file) === SOURCE_INTEGRITY) return file;
  fs.mkdirSync(cacheDir, { recursive: true });
  // Pack into a private folder, then rename: a concurrent run never sees half a file.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-mcp-pack-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['pack', `${SOURCE_PACKAGE}@${SOURCE_VERSION}`, '--pack-destination', scratch, '--silent'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      shell: process.platform === 'win32',
    });
    const packed = path.join(scratch, path.basename(file));
    const integrity = integrityOf(packed);
    if (integrity !== SOURCE_INTEGRITY) {
      throw new Error(`${SOURCE_PACKAGE}@${SOURCE_VERSION} from the registry has integrity ${integrity}, expected ${SOURCE_INTEGRITY}`);
    }
    fs.renameSync(packed, file);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return file;
}

/** Reads the Admin introspection out of the package tarball. */
export function readAdminIntrospection(tarball: string = obtainTarball()): AdminIntrospection {
  const member = `package/${SOURCE_FILE}`;
  const gz = readTarEntry(zlib.gunzipSync(fs.readFileSync(tarball)), member);
  if (!gz) throw new Error(`${tarball} has no ${member}`);
  const json = JSON.parse(zlib.gunzipSync(gz).toString('utf8')) as { data?: { __schema?: IntrospectionSchema } };
  const schema = json.data?.__schema;
  if (!schema?.types) throw new Error(`${member} in ${tarball} is not a GraphQL introspection result`);
  return {
    source: {
      package: SOURCE_PACKAGE,
      version: SOURCE_VERSION,
      file: SOURCE_FILE,
      sha256: createHash('sha256').update(gz).digest('hex'),
      licence: LICENCE,
    },
    apiVersion: ADMIN_API_VERSION,
    schema,
  };
}

function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

/**
 * One member of an (uncompressed) tar archive, or undefined. Reads ustar headers, the prefix field
 * and pax `path=` records, which is all npm writes.
 */
export function readTarEntry(tar: Buffer, wanted: string): Buffer | undefined {
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const text = (from: number, length: number) => header.toString('utf8', from, from + length).replace(/\0.*$/s, '');
    const size = parseInt(text(124, 12).trim() || '0', 8);
    const type = text(156, 1);
    const prefix = text(345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    const body = tar.subarray(offset + 512, offset + 512 + size);
    paxPath = undefined;
    if (type === 'x') paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if ((type === '0' || type === '') && name === wanted) return Buffer.from(body);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
