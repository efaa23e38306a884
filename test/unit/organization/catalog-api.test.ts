import { describe, expect, it } from 'vitest';
import { call, openTestApp } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('catalog.get', () => {
  it("gives the UI Shopify's own and every connector app, with triggers, actions, fields and setup in both languages", async () => {
    const app = await openTestApp(tempDir());
    const { apps } = await call(app, 'catalog.get', {});
    expect(apps[0]!.id).toBe('shopify');
    expect(apps.filter((a) => !a.builtIn)).toHaveLength(53);
    const lion = apps.find((a) => a.id === 'loyaltylion')!;
    expect(lion.setup.map((s) => s.key)).toEqual(['account', 'paid_plan', 'configuration']);
    expect(lion.actions[0]!.name).toEqual({ nb: expect.any(String), en: expect.any(String) });
    expect(lion.actions[0]!.fields.length).toBeGreaterThan(0);
    // It crosses the HTTP transport as JSON.
    expect(JSON.parse(JSON.stringify(apps))).toEqual(apps);
  });
});

describe('catalog.schema', () => {
  it('gives the UI the Admin API field model validation checks against, from which it builds the same AdminSchema', async () => {
    const app = await openTestApp(tempDir());
    const file = await call(app, 'catalog.schema', {});
    const { createAdminSchema } = await import('../../../electron/domain/schema/admin-schema.js');
    const schema = createAdminSchema(file);
    expect(schema.apiVersion).toBe(file.apiVersion);
    expect(schema.field('Order', 'customer')).toMatchObject({ type: 'Customer', list: false });
    expect(schema.field('Order', 'lineItems')).toMatchObject({ type: 'LineItem', list: true });
    expect(schema.type('ProductStatus')?.enumValues).toEqual(expect.arrayContaining(['ACTIVE', 'ARCHIVED', 'DRAFT']));
    expect(file.mutations).toContain('tagsAdd');
  });
});
