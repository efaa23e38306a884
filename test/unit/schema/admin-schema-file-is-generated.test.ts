import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { obtainTarball, readTarEntry, SOURCE_FILE, SOURCE_VERSION } from '../../../scripts/admin-schema-source.js';
import { ADMIN_SCHEMA_PATH, generateAdminSchemaText } from '../../../scripts/generate-admin-schema.js';

// Reuses the tarball cached under .tmp/dev-mcp by `npm run catalog:schema`; without it, `npm pack`
// fetches it from the npm registry (14 MB, a few seconds).
describe('resources/admin-schema.json', () => {
  it('is exactly what npm run catalog:schema generates from @shopify/dev-mcp', { timeout: 120_000 }, () => {
    const tarball = obtainTarball();
    const checkedIn = fs.readFileSync(ADMIN_SCHEMA_PATH, 'utf8');
    expect(checkedIn === generateAdminSchemaText(tarball), 'stale: run npm run catalog:schema and commit the result').toBe(true);

    const recorded = JSON.parse(checkedIn).source;
    expect(recorded).toMatchObject({ package: '@shopify/dev-mcp', version: SOURCE_VERSION, file: SOURCE_FILE, licence: 'ISC' });
    const shipped = readTarEntry(zlib.gunzipSync(fs.readFileSync(tarball)), `package/${SOURCE_FILE}`)!;
    expect(recorded.sha256).toBe(createHash('sha256').update(shipped).digest('hex'));
  });

  it('stays small enough to load at every start', () => {
    expect(fs.statSync(ADMIN_SCHEMA_PATH).size).toBeLessThan(1_500_000);
  });
});
