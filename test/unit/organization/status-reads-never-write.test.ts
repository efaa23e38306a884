import { describe, expect, it } from 'vitest';
import { call, openTestApp } from '../../support/app';
import { organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('status reads never write', () => {
  it('a workflow whose stored check is missing is still shown right, and the check is stored by the next change, not by the read', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo']);
    const w = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    const checks = () => app.db.prepare(`SELECT count(*) FROM workflow_checks`).pluck().get() as number;
    expect(checks()).toBe(1);
    const shown = await call(app, 'status.workflow', { workflowId: w.id });
    // As after an upgrade or a restore: the check is not there.
    app.db.prepare(`DELETE FROM workflow_checks`).run();
    const changesBefore = app.db.prepare(`SELECT total_changes()`).pluck().get() as number;

    const workflow = await call(app, 'status.workflow', { workflowId: w.id });
    expect(workflow).toEqual(shown);
    const matrix = await call(app, 'status.matrix', { organizationId });
    expect(matrix.rows.map((r) => r.name)).toEqual(['Tag orders']);
    const overview = await call(app, 'status.overview', { organizationId });
    expect(overview.counts.workflows).toBe(1);
    expect(checks()).toBe(0);
    expect(app.db.prepare(`SELECT count(*) FROM status_overviews`).pluck().get()).toBe(0);
    expect(app.db.prepare(`SELECT total_changes()`).pluck().get()).toBe(changesBefore);

    await call(app, 'activations.set', { workflowId: w.id, storeIds: [stores.Oslo!], enabled: true });
    expect(checks()).toBe(1);
  });
});
