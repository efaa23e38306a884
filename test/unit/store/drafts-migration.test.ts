import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/store/migrations';
import { migration011 } from '../../../electron/store/migrations/011-drafts-and-publishing';
import { PublicationStore } from '../../../electron/store/publication-store';
import { useTempDir } from '../../support/temp-dir';
import { openTestDatabase } from '../../support/app';

const tempDir = useTempDir();

const tag = (tags: string) =>
  JSON.stringify({
    trigger: { id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} },
    steps: [
      { id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: '{{ order.id }}', tags } },
    ],
  });

describe('migration 11: drafts and published versions', () => {
  it('existing workflows become published at their current version in every store where they were active: nothing that ran stops', async () => {
    const file = path.join(tempDir(), 'before-drafts.db');
    const before = await openTestDatabase(file, { migrations: migrations.filter((m) => m.version < migration011.version) });
    before.db.exec(`
      INSERT INTO organizations VALUES ('o1', 'Nordic Goods', 't', 't');
      INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, created_at, updated_at) VALUES
        ('oslo', 'o1', 'Oslo', 'oslo.myshopify.com', 'Europe/Oslo', 1, 't', 't'),
        ('bergen', 'o1', 'Bergen', 'bergen.myshopify.com', 'Europe/Oslo', 1, 't', 't');
      INSERT INTO workflows (id, organization_id, name, description, current_version, created_at, updated_at) VALUES
        ('live', 'o1', 'Live', '', 3, 't', 't'), ('idle', 'o1', 'Idle', '', 1, 't', 't');
      INSERT INTO activations (workflow_id, store_id, enabled, deactivated_at, updated_at) VALUES
        ('live', 'oslo', 1, NULL, 't'), ('live', 'bergen', 1, NULL, 't');
    `);
    const version = before.db.prepare(
      `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by) VALUES (?, ?, ?, '', ?, 't', 'me')`,
    );
    for (const v of [1, 2, 3]) version.run('live', v, 'Live', tag(`v${v}`));
    version.run('idle', 1, 'Idle', tag('idle'));
    before.db.close();

    const { db } = await openTestDatabase(file);
    const publications = new PublicationStore(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(migration011.version);
    for (const store of ['oslo', 'bergen']) {
      expect(publications.runningVersion('live', store)).toBe(3);
      expect(publications.runningDefinition('live', store)?.definition.steps[0]).toMatchObject({ inputs: { tags: 'v3' } });
    }
    // Switched off everywhere, it is published too: enabling it runs what it would have run before.
    expect(publications.runningVersion('idle', 'oslo')).toBe(1);
    expect(publications.publication('live')).toEqual({ publishedVersion: 3, storeVersions: new Map() });
  });

  it('runs again on a file that has it (numbers land out of order across branches)', async () => {
    const file = path.join(tempDir(), 'twice.db');
    const { db } = await openTestDatabase(file);
    expect(() => migration011.up(db)).not.toThrow();
  });
});
