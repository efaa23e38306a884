import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call, openTestApp, refusal } from '../../support/app';
import { organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

const enabledPairs = (app: AppContext) =>
  app.db.prepare(`SELECT workflow_id || '|' || store_id FROM activations WHERE enabled = 1 ORDER BY 1`).pluck().all() as string[];
const auditCount = (app: AppContext) => app.db.prepare(`SELECT count(*) FROM audit_log`).pluck().get() as number;

async function setUp() {
  const app = await openTestApp(tempDir());
  const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø']);
  const tag = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
  const note = await workflowWith(app, organizationId, 'Note orders', 'shopify:order_created', ['shopify:add_order_tags']);
  const mail = await workflowWith(app, organizationId, 'Mail customers', 'shopify:order_created', ['shopify:add_order_tags']);
  return { app, organizationId, stores: stores as Record<'Oslo' | 'Bergen' | 'Tromsø', string>, tag, note, mail };
}

describe('activations.bulk: a matrix selection carried out on the server', () => {
  it('enables whole rows, whole columns and single cells in one call, counting each pair once', async () => {
    const { app, organizationId, stores, tag, note, mail } = await setUp();
    const result = await call(app, 'activations.bulk', {
      organizationId,
      action: 'enable',
      selection: {
        workflowIds: [tag.id],
        storeIds: [stores.Bergen],
        cells: [
          { workflowId: mail.id, storeId: stores.Oslo },
          { workflowId: tag.id, storeId: stores.Oslo },
        ],
      },
    });
    // Row: tag in 3 stores; column: Bergen for note and mail (tag there already counted); cell: mail in Oslo.
    expect(result).toEqual({
      action: 'enable',
      changed: 6,
      unchanged: 1,
      withoutFlowApp: 0,
      workflows: 3,
      stores: 3,
      skipped: [],
      bulkChangeId: expect.any(String),
    });
    expect(enabledPairs(app)).toHaveLength(6);
    expect(enabledPairs(app)).not.toContain(`${note.id}|${stores.Oslo}`);
    const entries = (await call(app, 'audit.query', { organizationId, action: 'activation.enabled', limit: 10 })).entries;
    expect(entries).toHaveLength(3);
  });

  it('applies a row only to the stores the filter shows, and a column only to the workflows it shows', async () => {
    const { app, organizationId, stores, tag, note } = await setUp();
    await call(app, 'activations.bulk', {
      organizationId,
      action: 'enable',
      selection: { workflowIds: [tag.id] },
      filter: { storeIds: [stores.Oslo, stores.Tromsø] },
    });
    expect(enabledPairs(app)).toEqual([`${tag.id}|${stores.Oslo}`, `${tag.id}|${stores.Tromsø}`].sort());
    const off = await call(app, 'activations.bulk', {
      organizationId,
      action: 'disable',
      selection: { storeIds: [stores.Oslo] },
      filter: { search: 'note' },
    });
    expect(off).toMatchObject({ changed: 0, unchanged: 1 });
    await call(app, 'activations.bulk', {
      organizationId,
      action: 'enable',
      selection: { storeIds: [stores.Bergen] },
      filter: { search: 'NOTE' },
    });
    expect(enabledPairs(app)).toContain(`${note.id}|${stores.Bergen}`);
    expect(enabledPairs(app)).not.toContain(`${tag.id}|${stores.Bergen}`);
  });

  it('re-enables what uninstalling the Flow app deactivated, for the selected rows only', async () => {
    const { app, organizationId, stores, tag, note } = await setUp();
    await call(app, 'activations.set', { workflowId: tag.id, storeIds: 'all', enabled: true });
    await call(app, 'activations.set', { workflowId: note.id, storeIds: 'all', enabled: true });
    await call(app, 'stores.setFlowApp', { storeId: stores.Bergen, installed: false });
    await call(app, 'stores.setFlowApp', { storeId: stores.Bergen, installed: true });
    const result = await call(app, 'activations.bulk', { organizationId, action: 'reenable', selection: { workflowIds: [tag.id] } });
    expect(result).toMatchObject({ action: 'reenable', changed: 1, workflows: 1, stores: 1, withoutFlowApp: 0, skipped: [] });
    expect(enabledPairs(app)).toContain(`${tag.id}|${stores.Bergen}`);
    expect(enabledPairs(app)).not.toContain(`${note.id}|${stores.Bergen}`);
  });

  it('re-enabling waits for the Flow app (R8): pairs in stores without it are skipped with the reason the matrix shows', async () => {
    const { app, organizationId, stores, tag, note } = await setUp();
    for (const w of [tag, note]) await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
    // Uninstalled in Bergen and Tromsø; installed again only in Tromsø.
    await call(app, 'stores.setFlowApp', { storeId: stores.Bergen, installed: false });
    await call(app, 'stores.setFlowApp', { storeId: stores.Tromsø, installed: false });
    await call(app, 'stores.setFlowApp', { storeId: stores.Tromsø, installed: true });
    const offered = async (workflowId: string, storeId: string) =>
      (await call(app, 'status.pair', { workflowId, storeId })).actions.reenable;
    expect(await offered(tag.id, stores.Bergen)).toBe('flow_app_not_installed');
    expect(await offered(tag.id, stores.Tromsø)).toBeNull();

    const input = {
      organizationId,
      action: 'reenable' as const,
      selection: { workflowIds: [tag.id], storeIds: [stores.Bergen], cells: [{ workflowId: note.id, storeId: stores.Tromsø }] },
    };
    const preview = await call(app, 'activations.bulkPreview', input);
    const result = await call(app, 'activations.bulk', input);
    // Changed: (tag, Tromsø) from the row and (note, Tromsø) from the cell. Waiting: (tag, Bergen) and (note, Bergen).
    const expected = {
      changed: 2,
      withoutFlowApp: 0,
      skipped: [{ reason: 'flow_app_not_installed', pairs: 2, storeIds: [stores.Bergen] }],
    };
    expect(preview).toMatchObject(expected);
    expect(result).toMatchObject(expected);
    expect(enabledPairs(app)).not.toContain(`${tag.id}|${stores.Bergen}`);
    expect(enabledPairs(app)).not.toContain(`${note.id}|${stores.Bergen}`);
    expect(enabledPairs(app)).toContain(`${note.id}|${stores.Tromsø}`);
    // What the bulk skipped is still offered nothing; what it changed is no longer deactivated.
    expect(await offered(tag.id, stores.Bergen)).toBe('flow_app_not_installed');
    expect((await call(app, 'status.pair', { workflowId: tag.id, storeId: stores.Bergen })).state).toBe('deactivated');
    expect(await offered(tag.id, stores.Tromsø)).toBe('not_deactivated');
  });

  it('leaves nothing changed when a part fails midway: rows already applied are rolled back with it', async () => {
    const { app, organizationId, stores, tag, note } = await setUp();
    const before = { pairs: enabledPairs(app), audit: auditCount(app) };
    // A fault injected into the database: writing the one cell (note, Tromsø) fails, after the row is written.
    app.db
      .exec(`CREATE TEMP TRIGGER refuse_one_pair BEFORE INSERT ON activations WHEN NEW.workflow_id = '${note.id}' AND NEW.store_id = '${stores.Tromsø}'
      BEGIN SELECT RAISE(ABORT, 'disk refused the write'); END`);
    const error = await refusal(app, 'activations.bulk', {
      organizationId,
      action: 'enable',
      selection: { workflowIds: [tag.id], cells: [{ workflowId: note.id, storeId: stores.Tromsø }] },
    });
    expect(error.code).toBe('internal');
    expect(error.message).toContain('disk refused the write');
    expect(enabledPairs(app)).toEqual(before.pairs);
    expect(auditCount(app)).toBe(before.audit);
  });

  it('refuses a selection naming a store of another organization, changing nothing', async () => {
    const { app, organizationId, tag, note } = await setUp();
    const other = await organizationWithStores(app, ['Stockholm'], 'Swedish Goods');
    const error = await refusal(app, 'activations.bulk', {
      organizationId,
      action: 'enable',
      selection: { workflowIds: [tag.id], cells: [{ workflowId: note.id, storeId: other.stores.Stockholm! }] },
    });
    expect(error).toMatchObject({ code: 'invalid_input', details: { path: ['selection.cells'] } });
    expect(enabledPairs(app)).toEqual([]);
  });
});
