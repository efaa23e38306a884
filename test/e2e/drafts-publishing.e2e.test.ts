import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppContext } from '../../electron/app-context';
import type { WorkflowDefinition } from '../../electron/domain/workflow/workflow-definition';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';

/**
 * Drafts, staged publishing and bulk undo in Chromium, on four stores seeded through the API: what runs never
 * changes on a save, a publish shows its impact and goes to chosen stores first, a bulk disable is counted
 * before it is confirmed and undone exactly.
 */
const e2e = useE2e();

const tagOrders = (tags: string): WorkflowDefinition => ({
  trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [{ id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: 'order.id', tags } }],
});

const STORES = ['Oslo', 'Bergen', 'Tromsø', 'Bodø'] as const;

async function seed(app: AppContext) {
  const org = await call(app, 'organizations.create', { name: 'Nordic Goods' });
  const stores: Record<string, string> = {};
  for (const name of STORES) {
    const domain = `nordic-${name.toLowerCase().replace('ø', 'o')}.myshopify.com`;
    stores[name] = (await call(app, 'stores.add', { organizationId: org.id, name, domain, timeZone: 'Europe/Oslo' })).id;
  }
  const workflow = await call(app, 'workflows.create', { organizationId: org.id, name: 'Tag orders', definition: tagOrders('v1') });
  return { organizationId: org.id, stores, workflowId: workflow.id };
}

/** The version each store runs, as the API says, by store name. */
async function runningVersions(app: AppContext, workflowId: string) {
  const status = await call(app, 'status.workflow', { workflowId });
  return Object.fromEntries(status.items.map((i) => [i.name, `${i.state} v${i.runningVersion}`]));
}

const whereItRuns = (page: Page) => page.getByRole('region', { name: 'Where it runs' });

describe('drafts and publishing', () => {
  it('a draft with errors leaves every store running the published version; publishing goes to 2 of 4 stores, then to all', async () => {
    const web = await e2e.startWebApp();
    const { workflowId } = await seed(web.app);
    await call(web.app, 'activations.set', { workflowId, storeIds: 'all', enabled: true });
    const page = await e2e.newPage(`${web.server.url}#/workflows/${workflowId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Tag orders' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => whereItRuns(page).getByText('Runs version 1').count()).toBe(4);

    // Remove the only tag: "Tags" is required, so the draft has an error. It is saved, and nothing that runs changes.
    const step = page.getByRole('listitem', { name: 'Shopify: Add order tags' });
    await step.getByRole('textbox', { name: 'Tags' }).press('Backspace');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => page.getByText('Saved as version 2, a draft').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('publication-line').innerText()).toBe('Published: version 1 · Draft: version 2');
    expect(await runningVersions(web.app, workflowId)).toEqual({
      Bergen: 'running v1',
      Bodø: 'running v1',
      Oslo: 'running v1',
      Tromsø: 'running v1',
    });
    await expect.poll(() => whereItRuns(page).getByText('Runs version 1').count()).toBe(4);
    const history = page.getByRole('region', { name: 'Version history' });
    await expect.poll(() => history.getByText('1 error').isVisible()).toBe(true);
    await expect.poll(() => history.getByText('Runs in 4 stores').isVisible()).toBe(true);

    // Publishing it is refused before anything is written: the dialog says why.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish version 2' });
    await expect.poll(() => dialog.getByRole('status').innerText()).toContain('Version 2 has 1 error and cannot be published');
    expect(await dialog.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Fixed and saved as version 3, then published to Oslo and Bergen first.
    await step.getByRole('textbox', { name: 'Tags' }).fill('v3');
    await step.getByRole('textbox', { name: 'Tags' }).press('Enter');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => page.getByText('Saved as version 3, a draft').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const publish = page.getByRole('dialog', { name: 'Publish version 3' });
    await expect.poll(() => publish.getByRole('status').innerText()).toContain('Publishes version 3: changes what runs in 4 stores.');
    await publish.getByRole('radio', { name: 'Chosen stores first' }).check();
    await publish.getByRole('checkbox', { name: 'Oslo' }).check();
    await publish.getByRole('checkbox', { name: 'Bergen' }).check();
    await expect.poll(() => publish.getByRole('status').innerText()).toContain('Publishes version 3: changes what runs in 2 stores.');
    await publish.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.getByText('Published version 3.').isVisible()).toBe(true);
    expect(await runningVersions(web.app, workflowId)).toEqual({
      Bergen: 'running v3',
      Bodø: 'running v1',
      Oslo: 'running v3',
      Tromsø: 'running v1',
    });
    await expect.poll(() => whereItRuns(page).getByText('Runs version 3').count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('publication-line').innerText())
      .toBe('Published: version 1 · Draft: version 3 · 2 stores run another version');

    // Then to the rest: all stores.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const rest = page.getByRole('dialog', { name: 'Publish version 3' });
    await expect.poll(() => rest.getByRole('status').innerText()).toContain('Publishes version 3: changes what runs in 2 stores.');
    await rest.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => whereItRuns(page).getByText('Runs version 3').count()).toBe(4);
    await expect.poll(() => page.getByTestId('publication-line').innerText()).toBe('Published: version 3');
    expect(await runningVersions(web.app, workflowId)).toEqual({
      Bergen: 'running v3',
      Bodø: 'running v3',
      Oslo: 'running v3',
      Tromsø: 'running v3',
    });
  });

  it('a bulk disable is counted before it is confirmed, and its undo restores exactly the previous states', async () => {
    const web = await e2e.startWebApp();
    const { organizationId, stores, workflowId } = await seed(web.app);
    // Running in Oslo and Bergen, off in Tromsø, deactivated in Bodø by the Flow app's removal (R8).
    await call(web.app, 'activations.set', { workflowId, storeIds: [stores.Oslo!, stores.Bergen!, stores.Bodø!], enabled: true });
    await call(web.app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: false });
    await call(web.app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: true });
    const rows = () => web.app.db.prepare(`SELECT store_id, enabled, deactivated_at FROM activations ORDER BY store_id`).raw().all();
    const before = rows();
    const statesBefore = await runningVersions(web.app, workflowId);

    const page = await e2e.newPage(`${web.server.url}#/workflows/matrix`);
    await expect.poll(() => page.getByRole('gridcell').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('rowheader', { name: /Tag orders/ }).click();
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Change 3 pairs?' });
    await expect
      .poll(() => confirm.innerText())
      .toContain('Disable 3 workflow-store pairs. 2 of them are running now. 1 selected pair is already as asked and stays.');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(async () => Object.values(await runningVersions(web.app, workflowId)))
      .toEqual(['off v1', 'off v1', 'off v1', 'off v1']);

    await page.getByRole('button', { name: 'Undo this bulk change' }).click();
    await expect.poll(() => page.getByText('Undone: 3 pairs are back as they were.').isVisible()).toBe(true);
    expect(rows()).toEqual(before);
    expect(await runningVersions(web.app, workflowId)).toEqual(statesBefore);
    const [entry] = (await call(web.app, 'audit.query', { organizationId, limit: 1 })).entries;
    expect(entry).toMatchObject({ action: 'activation.bulk_undone' });
  });
});
