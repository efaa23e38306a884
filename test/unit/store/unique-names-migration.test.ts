import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { migration007 } from '../../../electron/store/migrations/007-unique-names';
import { call, openTestApp } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** Rows written as older versions could (they compared names four ways), straight into the tables. */
function insertClashes(app: AppContext, organizationId: string, workflowId: string) {
  const db = app.db;
  db.prepare(
    `INSERT INTO organizations (id, name, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'cafe nord', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')`,
  ).run();
  const store = db.prepare(
    `INSERT INTO stores (id, organization_id, name, domain, time_zone, flow_installed, created_at, updated_at) VALUES (?, ?, ?, ?, 'UTC', 1, ?, ?)`,
  );
  store.run(
    '00000000-0000-4000-8000-000000000002',
    organizationId,
    'Ærø',
    'aero.myshopify.com',
    '2030-01-01T00:00:00Z',
    '2030-01-01T00:00:00Z',
  );
  store.run(
    '00000000-0000-4000-8000-000000000003',
    organizationId,
    'ærø',
    'aero-2.myshopify.com',
    '2030-01-02T00:00:00Z',
    '2030-01-02T00:00:00Z',
  );
  const definition = db.prepare(`SELECT definition FROM workflow_versions WHERE workflow_id = ?`).pluck().get(workflowId) as string;
  for (const [i, name] of ['Cafe', 'CAFE'].entries()) {
    const id = `00000000-0000-4000-8000-00000000001${i}`;
    const at = `2030-01-0${i + 1}T00:00:00Z`;
    db.prepare(
      `INSERT INTO workflows (id, organization_id, name, description, current_version, created_at, updated_at) VALUES (?, ?, ?, '', 1, ?, ?)`,
    ).run(id, organizationId, name, at, at);
    db.prepare(
      `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at, saved_by, note) VALUES (?, 1, ?, '', ?, ?, 'old', '')`,
    ).run(id, name, definition, at);
  }
}

describe('migration 007: names unique ignoring case and accents', () => {
  it('renames the later of each clash with a number, keeps the first, and records each rename', async () => {
    const app = await openTestApp(tempDir());
    const organization = await call(app, 'organizations.create', { name: 'Café Nord' });
    const cafe = await call(app, 'workflows.create', { organizationId: organization.id, name: 'Café' });
    insertClashes(app, organization.id, cafe.id);

    app.db.transaction(() => migration007.up(app.db))();

    expect((await call(app, 'organizations.list', {})).map((o) => o.name).sort()).toEqual(['Café Nord', 'cafe nord (2)']);
    expect((await call(app, 'stores.list', { organizationId: organization.id })).map((s) => s.name).sort()).toEqual(['Ærø', 'ærø (2)']);
    const workflows = await call(app, 'workflows.list', { organizationId: organization.id });
    expect(workflows.map((w) => w.name).sort()).toEqual(['CAFE (3)', 'Cafe (2)', 'Café']);
    // A renamed workflow keeps its history: the new name is a new version, its definition unchanged.
    const renamed = workflows.find((w) => w.name === 'Cafe (2)')!;
    expect(renamed.currentVersion).toBe(2);
    const versions = await call(app, 'workflows.versions', { id: renamed.id });
    expect(versions.map((v) => [v.version, v.name])).toEqual([
      [2, 'Cafe (2)'],
      [1, 'Cafe'],
    ]);
    expect((await call(app, 'workflows.get', { id: renamed.id })).definition).toEqual(cafe.definition);

    const log = app.handlerContext.audit.query({ limit: 20 }).filter((e) => e.actor === 'Flow Admin (migration 7)');
    expect(log.map((e) => e.action).sort()).toEqual(['organization.renamed', 'store.renamed', 'workflow.saved', 'workflow.saved']);
    expect(log.find((e) => e.action === 'store.renamed')).toMatchObject({ before: { name: 'ærø' }, after: { name: 'ærø (2)' } });

    // Nothing left to rename: running it again changes nothing.
    const entries = app.db.prepare(`SELECT count(*) FROM audit_log`).pluck().get();
    app.db.transaction(() => migration007.up(app.db))();
    expect(app.db.prepare(`SELECT count(*) FROM audit_log`).pluck().get()).toBe(entries);
  });
});
