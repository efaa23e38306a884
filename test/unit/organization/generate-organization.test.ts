import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { generateOrganization } from '../../support/generate-organization';
import { openDatabase } from '../../../electron/store/open-database';
import { call, openTestApp } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

async function digest(file: string, seed: number) {
  const { db } = await openDatabase(file);
  const catalog = loadCatalog();
  const result = generateOrganization(db, catalog, { seed, stores: 60, workflows: 80 });
  const hash = createHash('sha256');
  for (const table of ['stores', 'installations', 'workflows', 'workflow_versions', 'activations']) {
    hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all()));
  }
  db.close();
  return { result, hash: hash.digest('hex') };
}

describe('the large-organization generator', () => {
  it('is deterministic for a seed, and another seed gives another organization', async () => {
    const dir = tempDir();
    const a = await digest(path.join(dir, 'a.db'), 7);
    const b = await digest(path.join(dir, 'b.db'), 7);
    const c = await digest(path.join(dir, 'c.db'), 8);
    expect(a.hash).toBe(b.hash);
    expect(c.hash).not.toBe(a.hash);
    expect(a.result.storeIds).toHaveLength(60);
    expect(a.result.workflowIds).toHaveLength(80);
  });

  it('spreads installs, rollouts and problems so every state shows up, and the API reads it', async () => {
    const dir = tempDir();
    const app = await openTestApp(dir);
    const box = app.handlerContext.secrets;
    const { organizationId, rows } = generateOrganization(app.handlerContext.db, app.handlerContext.catalog, {
      seed: 3,
      stores: 200,
      workflows: 300,
      seal: (plain, context) => box.seal(plain, context),
    });
    expect(rows.connections).toBeGreaterThan(0);
    const overview = await call(app, 'status.overview', { organizationId });
    expect(overview.counts).toMatchObject({ stores: 200, workflows: 300 });
    expect(overview.counts.appsNotInstalled).toBe(3);
    for (const state of ['running', 'off', 'deactivated', 'blocked', 'invalid'] as const)
      expect(overview.counts.pairs[state], state).toBeGreaterThan(0);
    const sum = Object.values(overview.counts.pairs).reduce((a, b) => a + b, 0);
    expect(sum).toBe(200 * 300);
    const lists = await call(app, 'apps.lists', { organizationId });
    expect(lists.installed.length + lists.notInstalled.length).toBe(53);
  });
});
