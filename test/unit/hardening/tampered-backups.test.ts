import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { buildOrganization, rowCounts } from '../../support/transfer-fixture';

const tempDir = useTempDir();

/** An organization exported from one database, and another database to restore it into. */
async function backupAndTarget(passphrase?: string) {
  const source = await openTestApp(tempDir());
  const { organization } = await buildOrganization(source);
  const { content } = await call(source, 'backup.exportOrganization', { organizationId: organization.id, passphrase });
  source.close();
  const target = await openTestApp(tempDir());
  return { organization, content, target };
}

/** Finding 9: an organization backup is refused when it was changed after it was written, and its key costs what Flow Admin chose. */
describe('organization backups that were edited or crafted', () => {
  it('refuses a plain backup edited by hand (the organization renamed, an audit row removed) and writes nothing', async () => {
    const { organization, content, target } = await backupAndTarget();
    const file = JSON.parse(content) as { organization: { name: string }; tables: { audit_log: unknown[] }; sha256: string };
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);

    const before = rowCounts(target);
    const renamed = content.replace(`"name":"${organization.name}"`, '"name":"Someone Else AS"');
    expect(renamed).not.toBe(content);
    const audit = { ...file, tables: { ...file.tables, audit_log: file.tables.audit_log.slice(1) } };
    for (const edited of [renamed, JSON.stringify(audit)]) {
      expect(await refusal(target, 'backup.restoreOrganization', { content: edited })).toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('its SHA-256 checksum does not match its contents'),
        details: { path: ['content', 'sha256'] },
      });
    }
    expect(rowCounts(target)).toEqual(before);

    // Pretty-printing changes no content: the file still restores.
    const pretty = JSON.stringify(JSON.parse(content), null, 2);
    expect((await call(target, 'backup.restoreOrganization', { content: pretty })).organization.name).toBe(organization.name);
  });

  it('still restores a plain backup written before the checksum existed', async () => {
    const { content, target } = await backupAndTarget();
    const { sha256: _, ...older } = JSON.parse(content) as Record<string, unknown>;
    const restored = await call(target, 'backup.restoreOrganization', { content: JSON.stringify(older) });
    expect(restored.counts.stores).toBeGreaterThan(0);
  });

  it('refuses an encrypted backup that asks for other scrypt parameters (N=2^16, r=8, p=16) without deriving a key', async () => {
    const { content, target } = await backupAndTarget('correct horse battery');
    const crafted = JSON.parse(content) as { encrypted: { N: number; r: number; p: number } };
    crafted.encrypted = { ...crafted.encrypted, N: 1 << 16, r: 8, p: 16 };
    const before = rowCounts(target);
    expect(
      await refusal(target, 'backup.restoreOrganization', { content: JSON.stringify(crafted), passphrase: 'correct horse battery' }),
    ).toEqual({
      code: 'invalid_input',
      message:
        'This backup was not written by Flow Admin: the backup asks for scrypt N=65536, r=8, p=16; Flow Admin writes and reads only N=32768, r=8, p=1. Nothing was restored.',
      details: { path: ['content', 'encrypted'] },
    });
    expect(rowCounts(target)).toEqual(before);
  });

  it('keeps the event loop turning (other requests are served) while a passphrase key is derived', async () => {
    const { content, target } = await backupAndTarget('correct horse battery');
    let done = false;
    const restoring = call(target, 'backup.restoreOrganization', { content, passphrase: 'correct horse battery' }).finally(
      () => (done = true),
    );
    // With scrypt on the calling thread the whole restore would finish before the loop turns once.
    let turns = 0;
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    expect((await restoring).counts.stores).toBeGreaterThan(0);
    expect(turns).toBeGreaterThan(1);
  });
});
