import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call, openTestApp, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { buildOrganization, rowCounts } from '../../support/transfer-fixture';

const tempDir = useTempDir();
type Row = Record<string, unknown>;

/**
 * Everything a backup holds about an organization, with ids replaced by the names they stand for and
 * secrets opened: two organizations with equal content give equal values, whatever their ids.
 */
function contentOf(app: AppContext, organizationId: string) {
  const db = app.db;
  const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Row[];
  const stores = all(`SELECT * FROM stores WHERE organization_id = ? ORDER BY name`, organizationId);
  const workflows = all(`SELECT * FROM workflows WHERE organization_id = ? ORDER BY name`, organizationId);
  const name = new Map<unknown, unknown>([...stores, ...workflows].map((r) => [r.id, r.name]));
  const named = (row: Row, drop: string[] = []) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) {
      if (drop.includes(k) || k === 'organization_id') continue;
      out[k] = k === 'store_id' || k === 'workflow_id' ? (v === null ? null : (name.get(v) ?? `unknown ${String(v)}`)) : v;
    }
    return out;
  };
  const ofStores = (table: string, secret?: (r: Row) => string) =>
    all(
      `SELECT x.* FROM ${table} x JOIN stores s ON s.id = x.store_id WHERE s.organization_id = ? ORDER BY s.name, x.app_id`,
      organizationId,
    ).map((r) => {
      const out = named(r, ['secret_encrypted']);
      if (secret) out.secret = app.handlerContext.secrets.open(r.secret_encrypted as Buffer, secret(r));
      return out;
    });
  const sorted = (rows: Row[]) => rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const audit = all(
    `SELECT * FROM audit_log WHERE organization_id = ? AND action NOT IN ('organization.restored', 'organization.backup_exported') ORDER BY seq`,
    organizationId,
  );
  return {
    organization: named(all(`SELECT * FROM organizations WHERE id = ?`, organizationId)[0]!, ['id']),
    stores: stores.map((r) => named(r, ['id'])),
    installations: ofStores('installations'),
    connections: ofStores('connections', (r) => `connection:${String(r.store_id)}:${String(r.app_id)}`),
    appEndpoints: ofStores('app_endpoints', (r) => `app-endpoint:${String(r.store_id)}:${String(r.app_id)}`),
    workflows: workflows.map((w) => ({
      ...named(w, ['id']),
      versions: all(`SELECT * FROM workflow_versions WHERE workflow_id = ? ORDER BY version`, w.id).map((v) => named(v)),
    })),
    activations: sorted(
      all(`SELECT a.* FROM activations a JOIN workflows w ON w.id = a.workflow_id WHERE w.organization_id = ?`, organizationId).map((r) =>
        named(r),
      ),
    ),
    audit: audit.map((r) => ({
      ...named(r, ['seq']),
      subjects: sorted(all(`SELECT * FROM audit_subjects WHERE seq = ?`, r.seq).map((s) => named(s, ['seq']))),
    })),
  };
}

async function exported(app: AppContext, organizationId: string, options: { includeSecrets?: boolean; passphrase?: string } = {}) {
  return call(app, 'backup.exportOrganization', { organizationId, ...options });
}

describe('organization backup → restore', () => {
  it('restores an equal organization in another database, with new ids; without secrets, says which connections need them again', async () => {
    const source = await openTestApp(tempDir());
    const { organization } = await buildOrganization(source);
    const before = contentOf(source, organization.id);
    expect(before.workflows.find((w) => (w as Row).name === 'Tag orders')!.versions).toHaveLength(2);
    expect(before.activations.length).toBeGreaterThan(0);
    expect(before.audit.length).toBeGreaterThan(10);

    const backup = await exported(source, organization.id);
    expect(backup).toMatchObject({
      encrypted: false,
      secrets: 0,
      counts: { stores: 3, workflows: 2, workflow_versions: 3, connections: 1, app_endpoints: 1 },
    });
    expect(backup.fileName).toMatch(/^Nordic Goods \d{4}-\d\d-\d\d\.flowadmin-backup\.json$/);
    expect(backup.content).not.toContain('asana-token-123');
    expect(JSON.parse(backup.content)).toMatchObject({
      format: 'flow-admin-organization-backup',
      formatVersion: 1,
      includesSecrets: false,
    });

    const target = await openTestApp(tempDir());
    const restored = await call(target, 'backup.restoreOrganization', { content: backup.content });
    expect(restored.organization).toEqual({ id: expect.any(String), name: 'Nordic Goods' });
    expect(restored.organization.id).not.toBe(organization.id);
    expect(restored.withoutSecret).toEqual([
      { table: 'connections', storeName: 'Oslo', appId: 'asana' },
      { table: 'app_endpoints', storeName: 'Oslo', appId: 'loyaltylion' },
    ]);
    const after = contentOf(target, restored.organization.id);
    expect(after).toEqual({ ...before, connections: [], appEndpoints: [] });
    // New ids everywhere, and the restore is in the log.
    const ids = (app: AppContext) => app.db.prepare(`SELECT id FROM stores UNION SELECT id FROM workflows`).pluck().all();
    expect(ids(target).filter((id) => ids(source).includes(id))).toEqual([]);
    expect(
      target.handlerContext.audit.query({ organizationId: restored.organization.id, action: 'organization.restored', limit: 1 }),
    ).toHaveLength(1);
  });

  it('with secrets, encrypts the whole file, and restores everything with the passphrase on another machine', async () => {
    const source = await openTestApp(tempDir());
    const { organization } = await buildOrganization(source);
    const before = contentOf(source, organization.id);
    expect(before.connections[0]!.secret).toBe('asana-token-123');

    const backup = await exported(source, organization.id, { includeSecrets: true, passphrase: 'correct horse battery' });
    expect(backup).toMatchObject({ encrypted: true, secrets: 2 });
    for (const secretOrName of ['asana-token-123', 'endpoint-secret', 'Oslo', 'Tag orders'])
      expect(backup.content).not.toContain(secretOrName);
    expect(Object.keys(JSON.parse(backup.content))).toEqual(['format', 'formatVersion', 'encrypted']);
    expect(
      source.handlerContext.audit.query({ organizationId: organization.id, action: 'organization.backup_exported', limit: 1 })[0]!.summary,
    ).toBe('Exported a backup of the organization with 2 secrets (encrypted)');

    // Another database beside another key file: the secrets are sealed again with that machine's key.
    const target = await openTestApp(tempDir());
    const restored = await call(target, 'backup.restoreOrganization', {
      content: backup.content,
      passphrase: 'correct horse battery',
      newName: 'Nordic Goods (copy)',
    });
    expect(restored.withoutSecret).toEqual([]);
    const after = contentOf(target, restored.organization.id);
    expect(after).toEqual({ ...before, organization: { ...before.organization, name: 'Nordic Goods (copy)' } });
  });

  it('a wrong passphrase restores nothing, and says so', async () => {
    const source = await openTestApp(tempDir());
    const { organization } = await buildOrganization(source);
    const backup = await exported(source, organization.id, { includeSecrets: true, passphrase: 'correct horse battery' });
    const target = await openTestApp(tempDir());
    const before = rowCounts(target);
    const error = await refusal(target, 'backup.restoreOrganization', { content: backup.content, passphrase: 'wrong horse battery' });
    expect(error).toEqual({
      code: 'invalid_input',
      message: 'The passphrase does not open this backup (or the file is damaged). Nothing was restored.',
      details: { path: ['passphrase'] },
    });
    expect(await refusal(target, 'backup.restoreOrganization', { content: backup.content })).toMatchObject({
      code: 'invalid_input',
      message: 'This backup is encrypted: give its passphrase',
    });
    const tampered = JSON.parse(backup.content) as { encrypted: { data: string } };
    tampered.encrypted.data = Buffer.from(Buffer.from(tampered.encrypted.data, 'base64').map((b, i) => (i === 10 ? b ^ 1 : b))).toString(
      'base64',
    );
    expect(
      await refusal(target, 'backup.restoreOrganization', { content: JSON.stringify(tampered), passphrase: 'correct horse battery' }),
    ).toMatchObject({ code: 'invalid_input', details: { path: ['passphrase'] } });
    expect(rowCounts(target)).toEqual(before);
  });

  it('refuses secrets without a passphrase, and a short passphrase', async () => {
    const app = await openTestApp(tempDir());
    const { organization } = await buildOrganization(app);
    expect(await refusal(app, 'backup.exportOrganization', { organizationId: organization.id, includeSecrets: true })).toMatchObject({
      code: 'invalid_input',
      message: 'A backup with secrets must be encrypted: give a passphrase',
      details: { path: ['passphrase'] },
    });
    expect(await refusal(app, 'backup.exportOrganization', { organizationId: organization.id, passphrase: 'short' })).toMatchObject({
      message: 'The passphrase must be at least 8 characters',
    });
  });

  it('in the same database, refuses while the stores still belong to the original, then restores once it is deleted', async () => {
    const app = await openTestApp(tempDir());
    const { organization } = await buildOrganization(app);
    const before = contentOf(app, organization.id);
    const backup = await exported(app, organization.id);
    const counts = rowCounts(app);
    const error = await refusal(app, 'backup.restoreOrganization', { content: backup.content });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(
      /^Nothing was restored: 3 stores of the backup already belong to an organization here: bergen-[0-9a-f]{8}\.myshopify\.com \(in "Nordic Goods"\), /,
    );
    expect(rowCounts(app)).toEqual(counts);

    await call(app, 'organizations.delete', { id: organization.id });
    const restored = await call(app, 'backup.restoreOrganization', { content: backup.content });
    expect(restored.organization.name).toBe('Nordic Goods');
    expect(contentOf(app, restored.organization.id)).toEqual({ ...before, connections: [], appEndpoints: [] });
  });

  it('names a restored copy so it does not clash, or refuses a chosen name that does', async () => {
    const app = await openTestApp(tempDir());
    await call(app, 'organizations.create', { name: 'Solo' });
    const solo = (await call(app, 'organizations.list', {}))[0]!;
    const backup = await exported(app, solo.id);
    expect((await call(app, 'backup.restoreOrganization', { content: backup.content })).organization.name).toBe('Solo (restored)');
    expect((await call(app, 'backup.restoreOrganization', { content: backup.content })).organization.name).toBe('Solo (restored 2)');
    expect(await refusal(app, 'backup.restoreOrganization', { content: backup.content, newName: 'solo' })).toMatchObject({
      code: 'conflict',
      message: 'An organization named "Solo" already exists',
    });
  });

  describe('a file that is not a backup this app can restore', () => {
    // Edited files fail on their checksum first (tampered-backups.test.ts); these are files without one.
    const unsealed = (c: string) => c.replace(/,"sha256":"[0-9a-f]{64}"/, '');
    const cases: [string, (content: string) => string, string][] = [
      ['not JSON', (c) => c.slice(0, 100), 'The backup is not valid JSON: '],
      [
        'another kind of file',
        () => '{"root":{"steps":[]}}',
        'This is not a Flow Admin organization backup (its "format" is not flow-admin-organization-backup)',
      ],
      [
        'a newer format',
        (c) => c.replace('"formatVersion":1', '"formatVersion":2'),
        'The backup was written by a newer Flow Admin (format version 2; this one reads 1). Update Flow Admin to restore it.',
      ],
      [
        'a newer database',
        (c) => unsealed(c).replace(/"schemaVersion":\d+/, '"schemaVersion":99'),
        'The backup comes from a newer database (schema 99; ',
      ],
      [
        'a damaged table',
        (c) => {
          const value = JSON.parse(unsealed(c)) as { tables: Record<string, unknown> };
          value.tables.workflows = 'oops';
          return JSON.stringify(value);
        },
        'The backup is damaged at tables.workflows: ',
      ],
    ];
    for (const [what, damage, message] of cases) {
      it(what, async () => {
        const app = await openTestApp(tempDir());
        const { organization } = await buildOrganization(app);
        const backup = await exported(app, organization.id);
        await call(app, 'organizations.delete', { id: organization.id });
        const before = rowCounts(app);
        const error = await refusal(app, 'backup.restoreOrganization', { content: damage(backup.content) });
        expect(error.code).toBe('invalid_input');
        expect(error.message.startsWith(message)).toBe(true);
        expect(rowCounts(app)).toEqual(before);
      });
    }
  });
});
