import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { bigOrder, openRuntimeApp, orgWithStore, workflow } from '../runtime/fixture';

const tempDir = useTempDir();
const opened: AppContext[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

const tagOrders = {
  trigger: { id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [
    {
      id: 'tag',
      kind: 'action' as const,
      task: { app: 'shopify', handle: 'add_order_tags' },
      inputs: { order_id: 'order.id', tags: 'x' },
    },
  ],
};

async function withRuns(dir: string) {
  const app = await openRuntimeApp(dir);
  const org = await orgWithStore(app);
  await workflow(app, org.organizationId, 'Tag', tagOrders, [org.storeId]);
  for (let i = 0; i < 3; i++)
    await call(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: bigOrder,
    });
  return { app, org };
}

describe('migration 10: runs by organization', () => {
  it('gives existing runs their store organization, and the organization list and status filter read its indexes in order', async () => {
    const dir = tempDir();
    const { app, org } = await withRuns(dir);
    app.close();
    // As schema 9 had it: no organization on runs.
    const raw = new Database(path.join(dir, 'flow-admin.db'));
    raw.exec(
      `DROP INDEX runs_by_organization; DROP INDEX runs_by_organization_status; ALTER TABLE runs DROP COLUMN organization_id; PRAGMA user_version = 9;`,
    );
    raw.close();

    const upgraded = await openRuntimeApp(dir);
    opened.push(upgraded);
    expect(upgraded.db.prepare(`SELECT DISTINCT organization_id FROM runs`).pluck().all()).toEqual([org.organizationId]);
    const list = await call(upgraded, 'runs.search', { organizationId: org.organizationId });
    expect(list.runs).toHaveLength(3);

    const plan = (sql: string) =>
      (upgraded.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(org.organizationId) as { detail: string }[]).map((r) => r.detail).join('\n');
    const byOrganization = plan(`SELECT id FROM runs r WHERE r.organization_id = ? ORDER BY r.started_at DESC, r.id DESC LIMIT 50`);
    expect(byOrganization).toMatch(/USING (COVERING )?INDEX runs_by_organization /);
    expect(byOrganization).not.toMatch(/TEMP B-TREE/);
    const byStatus = plan(
      `SELECT id FROM runs r WHERE r.organization_id = ? AND r.status = 'has_errors' ORDER BY r.started_at DESC, r.id DESC LIMIT 50`,
    );
    expect(byStatus).toMatch(/USING (COVERING )?INDEX runs_by_organization_status/);
    expect(byStatus).not.toMatch(/TEMP B-TREE/);
  });

  it('new runs carry their organization', async () => {
    const { app, org } = await withRuns(tempDir());
    opened.push(app);
    expect(app.db.prepare(`SELECT organization_id FROM runs`).pluck().all()).toEqual([
      org.organizationId,
      org.organizationId,
      org.organizationId,
    ]);
  });
});
