import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { flowFixture } from '../../support/transfer-fixture';

const tempDir = useTempDir();

/** "Café" and "Cafe" are one name to the people who read them: one rule (case and accents aside) for every kind. */
describe('the same name, as people read it', () => {
  it('an organization named "Café Nord" refuses a second one named "cafe nord"', async () => {
    const app = await openTestApp(tempDir());
    await call(app, 'organizations.create', { name: 'Café Nord' });
    expect(await refusal(app, 'organizations.create', { name: 'cafe nord' })).toMatchObject({
      code: 'conflict',
      details: { path: ['name'] },
    });
    const other = await call(app, 'organizations.create', { name: 'Ærø' });
    expect(await refusal(app, 'organizations.rename', { id: other.id, name: 'CAFÉ NORD' })).toMatchObject({ code: 'conflict' });
    expect((await call(app, 'organizations.list', {})).map((o) => o.name).sort()).toEqual(['Café Nord', 'Ærø']);
  });

  it('a store named "Tromsø" refuses a second one named "TROMSØ" in the same organization', async () => {
    const app = await openTestApp(tempDir());
    const { id: organizationId } = await call(app, 'organizations.create', { name: 'Nordic Goods' });
    await call(app, 'stores.add', { organizationId, name: 'Tromsø', domain: 'tromso.myshopify.com' });
    const error = await refusal(app, 'stores.add', { organizationId, name: 'TROMSØ', domain: 'tromso-2.myshopify.com' });
    expect(error).toMatchObject({ code: 'conflict', details: { path: ['name'] } });
  });

  it('"Café" and "Cafe" cannot be two workflows of one organization (create, rename by save, duplicate)', async () => {
    const app = await openTestApp(tempDir());
    const { id: organizationId } = await call(app, 'organizations.create', { name: 'Nordic Goods' });
    const cafe = await call(app, 'workflows.create', { organizationId, name: 'Café' });
    expect(await refusal(app, 'workflows.create', { organizationId, name: 'Cafe' })).toMatchObject({
      code: 'conflict',
      details: { path: ['name'], existingId: cafe.id },
    });
    const other = await call(app, 'workflows.create', { organizationId, name: 'Bakery' });
    const save = { id: other.id, expectedVersion: 1, name: 'CAFE', definition: other.definition };
    expect(await refusal(app, 'workflows.save', save)).toMatchObject({ code: 'conflict' });
    expect(await refusal(app, 'workflows.duplicate', { id: other.id, name: 'cafè' })).toMatchObject({ code: 'conflict' });
    expect((await call(app, 'workflows.list', { organizationId })).map((w) => w.name)).toEqual(['Bakery', 'Café']);
  });

  it('an imported workflow whose name differs from an existing one only by accents is imported under a numbered name', async () => {
    const app = await openTestApp(tempDir());
    const { id: organizationId } = await call(app, 'organizations.create', { name: 'Nordic Goods' });
    const text = flowFixture('foreach-and-wait.flow');
    const preview = await call(app, 'transfer.previewImport', { organizationId, files: [{ name: 'a.flow', text }] });
    const name = preview.files[0]!.workflow!.name;
    const accented = name.replace(/e/, 'é');
    expect(accented).not.toBe(name);
    await call(app, 'workflows.create', { organizationId, name: accented });
    const result = await call(app, 'transfer.import', { organizationId, files: [{ name: 'a.flow', text }] });
    expect(result.imported.map((i) => i.name)).toEqual([`${name} (2)`]);
  });

  it('a restored organization whose name differs from one here only by accents is restored as "(restored)"', async () => {
    const source = await openTestApp(tempDir());
    const { id } = await call(source, 'organizations.create', { name: 'Cafe Nord' });
    const backup = await call(source, 'backup.exportOrganization', { organizationId: id });
    const target = await openTestApp(tempDir());
    await call(target, 'organizations.create', { name: 'Café Nord' });
    const restored = await call(target, 'backup.restoreOrganization', { content: backup.content });
    expect(restored.organization.name).toBe('Cafe Nord (restored)');
    expect(await refusal(target, 'backup.restoreOrganization', { content: backup.content, newName: 'CAFÉ NORD' })).toMatchObject({
      code: 'conflict',
      details: { path: ['newName'] },
    });
  });
});
