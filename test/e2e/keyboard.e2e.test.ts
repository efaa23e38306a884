import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';

/** Keyboard and focus in Chromium: where focus goes on a move, in dialogs, and how menus and panels close. */
const e2e = useE2e();

async function setup() {
  const web = await e2e.startWebApp();
  const org = await call(web.app, 'organizations.create', { name: 'Nordic Goods' });
  const storeIds: string[] = [];
  for (const name of ['Oslo', 'Bergen', 'Stockholm']) {
    const store = await call(web.app, 'stores.add', {
      organizationId: org.id,
      name: `Nordic Goods ${name}`,
      domain: `nordic-${name.toLowerCase()}.myshopify.com`,
    });
    storeIds.push(store.id);
  }
  const definition = {
    trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
    steps: [{ id: 'tag', kind: 'action' as const, task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { tags: 'vip' } }],
  };
  const workflow = await call(web.app, 'workflows.create', { organizationId: org.id, name: 'Tag big orders', definition });
  await call(web.app, 'activations.set', { workflowId: workflow.id, storeIds: 'all', enabled: true });
  return { web, org, workflow, storeIds };
}

/** The focused element as a person hears it: its role-ish tag and its accessible text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    // Runs in the page: the DOM's globals, which this Node-side file has no types for.
    const doc = (globalThis as any).document;
    const el = doc.activeElement;
    if (!el || el === doc.body) return 'body';
    return `${el.tagName.toLowerCase()}: ${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`;
  });

describe('keyboard and focus in Chromium', () => {
  it('opens a workflow from the list and disables it in one store in 8 key presses or fewer', async () => {
    const { web } = await setup();
    const page = await e2e.newPage(web.server.url + '#/overview');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Workflows' }).click();
    // A move puts focus on the new screen's heading, not on the body.
    await expect.poll(() => focused(page)).toBe('h1: Workflows');

    let presses = 0;
    const press = async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    };
    await expect.poll(() => page.getByRole('link', { name: 'Tag big orders' }).isVisible()).toBe(true);
    while ((await focused(page)) !== 'a: Tag big orders' && presses < 8) await press('Tab');
    await press('Enter');
    await expect.poll(() => focused(page)).toBe('h1: Tag big orders');
    // A person tabs once they see the stores; the list arrives after the heading.
    await expect.poll(() => page.getByRole('button', { name: 'Disable in Nordic Goods Bergen' }).isVisible()).toBe(true);
    while ((await focused(page)) !== 'button: Disable in Nordic Goods Bergen' && presses < 8) await press('Tab');
    await press('Enter');

    const stores = page.getByRole('list', { name: 'Status in each store' });
    await expect
      .poll(() => page.getByRole('region', { name: 'Where it runs' }).getByRole('status').textContent())
      .toBe('Disabled 1 workflow-store pair (1 workflow, 1 store).');
    // The summary shows once the stores are read again: Bergen's button offers the opposite change at once.
    expect(await stores.getByRole('button', { name: 'Enable in Nordic Goods Bergen' }).count()).toBe(1);
    // Tab × 5 (view tabs, search, select all, the row's checkbox, its name), Enter, Tab (the first store, Bergen: Publish… waits for a draft), Enter.
    expect(presses).toBeLessThanOrEqual(8);
  });

  it('keeps focus in a dialog, closes it with Escape and gives focus back to the button that opened it', async () => {
    const { web } = await setup();
    const page = await e2e.newPage(web.server.url + '#/workflows');
    const deleteButton = page.getByRole('button', { name: 'Delete Tag big orders' });
    await deleteButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete Tag big orders?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Tab goes round the dialog's two buttons and never reaches the page behind it.
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      const inDialog = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        return !!doc.activeElement?.closest('dialog') || doc.activeElement === doc.body;
      });
      expect(inDialog).toBe(true);
      seen.add(await focused(page));
    }
    expect([...seen].filter((s) => s !== 'body').sort()).toEqual(['button: Cancel', 'button: Delete workflow']);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('button: Delete Tag big orders');
  });

  it('closes the matrix cell panel with Escape and puts focus back on the cell', async () => {
    const { web } = await setup();
    const page = await e2e.newPage(web.server.url + '#/workflows/matrix');
    const cell = page.getByRole('gridcell', { name: /^Tag big orders in Nordic Goods Oslo/ });
    await expect.poll(() => cell.count()).toBe(1);
    await cell.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Tag big orders in Nordic Goods Oslo' });
    await expect.poll(() => panel.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await focused(page)).toMatch(
      /^div: Tag big orders in Nordic Goods Oslo|^td: Tag big orders in Nordic Goods Oslo|Tag big orders in Nordic Goods Oslo/,
    );
  });

  it('closes the Insert variable menu with Escape, with a click outside, and when Save is clicked', async () => {
    const { web, workflow } = await setup();
    const page = await e2e.newPage(`${web.server.url}#/workflows/${workflow.id}`);
    const summary = page.getByLabel('Insert variable into Tags');
    const search = page.getByRole('combobox', { name: 'Data to insert' });

    await summary.click();
    await expect.poll(() => search.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => search.count()).toBe(0);
    expect(await focused(page)).toBe('summary: Insert variable into Tags');

    await summary.click();
    await expect.poll(() => search.isVisible()).toBe(true);
    await page.getByRole('heading', { level: 1, name: 'Tag big orders' }).click();
    await expect.poll(() => search.count()).toBe(0);

    // An edit, the menu open again, then Save: the menu does not stay over the saved workflow.
    await page.getByRole('textbox', { name: 'Tags' }).fill('big');
    await page.getByRole('textbox', { name: 'Tags' }).press('Enter');
    await summary.click();
    await expect.poll(() => search.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => search.count()).toBe(0);
    await expect.poll(() => page.getByText('Saved as version 2').isVisible()).toBe(true);
  });
});
