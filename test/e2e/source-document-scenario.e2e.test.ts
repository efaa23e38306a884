import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pickPath } from '../support/field-picker';
import { useE2e } from '../support/e2e';
import { screenshotPath } from '../support/screenshots';

/**
 * The source document's example, through the UI only: an organization with four stores; a workflow made
 * before the loyalty app is installed anywhere (so it cannot be picked, R3/R5); the app installed in one
 * store (the workflow runs there and is blocked elsewhere, R6); installed everywhere (runs everywhere, with
 * no re-enabling); the Flow app uninstalled in one store (its workflows deactivated there, R8), then
 * enabled again from the organization.
 */
const e2e = useE2e();

const LOYALTY = 'LoyaltyLion rewards & referral';
const WORKFLOW = 'Reward loyal customers';
const STORES = [
  ['Oslo', 'nordic-goods-oslo'],
  ['Bergen', 'nordic-goods-bergen'],
  ['Stockholm', 'nordic-goods-stockholm'],
  ['Copenhagen', 'nordic-goods-copenhagen'],
] as const;

async function visit(page: Page, link: string) {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: link, exact: true }).click();
}

async function openStore(page: Page, name: string) {
  await visit(page, 'Stores');
  await page.getByRole('link', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name }).isVisible()).toBe(true);
}

async function installLoyaltyLion(page: Page, store: string) {
  await openStore(page, store);
  await page.getByLabel('Install an app in this store').selectOption({ label: LOYALTY });
  await page.getByLabel('Its setup is already done').check();
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Installed ${LOYALTY}`);
}

async function openMatrix(page: Page) {
  await visit(page, 'Workflows');
  await page.getByRole('tab', { name: 'Matrix: workflows × stores' }).click();
  await expect.poll(() => page.getByRole('grid').isVisible()).toBe(true);
}

/** Each store's cell for the workflow, as a screen reader hears it. */
async function cellLabels(page: Page): Promise<Record<string, string>> {
  await expect.poll(() => page.getByRole('gridcell').count()).toBe(4);
  const out: Record<string, string> = {};
  for (const [store] of STORES) {
    const label = (await page.getByRole('gridcell', { name: new RegExp(`^${WORKFLOW} in ${store}:`) }).getAttribute('aria-label')) ?? '';
    out[store] = label.replace(`${WORKFLOW} in ${store}: `, '');
  }
  return out;
}

describe('the source document example, in Chromium through the UI only', () => {
  it('follows a loyalty workflow from the Not installed list to running in every store, through a Flow app uninstall', async () => {
    const web = await e2e.startWebApp();
    const page = await e2e.newPage(web.server.url);

    // An organization with four stores, each with the Flow app.
    await visit(page, 'Organizations');
    await page.getByLabel('Name of the new organization').fill('Nordic Goods');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Created Nordic Goods');
    await visit(page, 'Stores');
    for (const [name, domain] of STORES) {
      await page.getByRole('button', { name: 'Add store' }).first().click();
      await page.getByLabel('Store name').fill(name);
      await page.getByLabel('Store address').fill(`${domain}.myshopify.com`);
      await page.getByRole('button', { name: 'Add store' }).last().click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`Added ${name}`);
    }

    // A workflow made before LoyaltyLion is installed anywhere: its triggers and actions are shown, not pickable.
    await visit(page, 'Workflows');
    await page.getByLabel('Name of the new workflow').fill(WORKFLOW);
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: WORKFLOW }).isVisible()).toBe(true);
    const reason = 'Not installed in any store of the organization. Install it in at least one store to use it.';
    const triggerSection = page.getByRole('region', { name: 'Trigger' });
    const loyaltyTriggers = triggerSection.getByRole('region', { name: 'Not installed' }).getByRole('group', { name: LOYALTY });
    expect(await loyaltyTriggers.textContent()).toContain(reason);
    expect(await loyaltyTriggers.getByRole('button', { name: /Customer moved to "Winback" segment/ }).isDisabled()).toBe(true);
    await triggerSection
      .getByRole('group', { name: 'Shopify' })
      .getByRole('button', { name: /^Order paid/ })
      .click();
    await page.getByRole('button', { name: 'Add action' }).click();
    const loyaltyActions = page.getByRole('region', { name: 'Not installed' }).getByRole('group', { name: LOYALTY });
    expect(await loyaltyActions.getByRole('button', { name: /^Add points/ }).isDisabled()).toBe(true);
    expect(await loyaltyActions.getByRole('button', { name: /^Add points/ }).getAttribute('aria-describedby')).toBeTruthy();
    await page.getByRole('button', { name: 'Add action' }).click(); // closes the picker
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => page.getByText('Saved as version 2').isVisible()).toBe(true);

    // Installed (and set up) in Oslo only: now it is on the Installed list.
    await installLoyaltyLion(page, 'Oslo');
    await visit(page, 'Workflows');
    await page.getByRole('link', { name: WORKFLOW }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: WORKFLOW }).isVisible()).toBe(true);
    // Orders over 100: a condition on the trigger's data, with the LoyaltyLion action in its Then branch.
    await page.getByRole('button', { name: 'Add condition', exact: true }).click();
    // The order's total as Flow's data has it: opened object by object in the field picker.
    await pickPath(page, page.getByRole('combobox', { name: 'Field' }), 'order.totalPriceSet.shopMoney.amount');
    await page.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'is greater than' });
    await page.getByRole('textbox', { name: 'Value' }).fill('100');
    await page.getByRole('button', { name: 'Add action (Then)' }).click();
    await page
      .getByRole('region', { name: 'Installed', exact: true })
      .getByRole('group', { name: LOYALTY })
      .getByRole('button', { name: /^Add points/ })
      .click();
    const step = page.getByRole('listitem', { name: `${LOYALTY}: Add points` });
    // A required field left empty is a problem the domain reports at that field.
    await expect.poll(() => step.getByText('“Points” is required').isVisible()).toBe(true);
    await step.getByLabel('Insert variable into Customer').click();
    await pickPath(page, step.getByRole('combobox', { name: 'Data to insert' }), 'order.customer.id');
    expect(await step.getByRole('textbox', { name: 'Customer' }).inputValue()).toBe('{{ order.customer.id }}');
    await step.getByRole('textbox', { name: 'Points' }).fill('100');
    await expect.poll(() => step.getByText('“Points” is required').count()).toBe(0);
    await page.getByLabel('Note for this version (optional)').fill('Reward with LoyaltyLion points');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => page.getByText('Saved as version 3').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Enable in all stores' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Where it runs' }).getByRole('status').textContent())
      .toBe('Enabled 4 workflow-store pairs (1 workflow, 4 stores).');

    // A dry run on an example order of 250: the Then branch, and the points it would add.
    const test = page.getByRole('region', { name: 'Test' });
    await test.getByRole('button', { name: 'Fill in an example event' }).click();
    await expect.poll(() => test.getByLabel('Event data (JSON)').inputValue()).toContain('"totalPriceSet"');
    const example = JSON.parse(await test.getByLabel('Event data (JSON)').inputValue()) as {
      order: { totalPriceSet: { shopMoney: { amount: string } }; customer: { id: string } };
    };
    example.order.totalPriceSet.shopMoney.amount = '250.0';
    await test.getByLabel('Event data (JSON)').fill(JSON.stringify(example, null, 2));
    await test.getByRole('button', { name: 'Dry run' }).click();
    const result = test.getByRole('status', { name: 'Dry run result' });
    const words = async () => (await result.innerText()).replace(/\s+/g, ' ');
    await expect.poll(words).toContain('Branches taken Condition: Then');
    expect(await words()).toContain(
      `1 action would be sent ${LOYALTY}: Add points (sent to the app) customer_id ${example.order.customer.id} points 100`,
    );
    await page.screenshot({ path: screenshotPath('workflow-editor.png'), fullPage: true });

    // The matrix: running in Oslo, blocked in the three others, with the reason.
    await openMatrix(page);
    const blocked = `Blocked: ${LOYALTY} is not installed in this store`;
    expect(await cellLabels(page)).toEqual({
      Oslo: 'Running: Runs in this store',
      Bergen: blocked,
      Stockholm: blocked,
      Copenhagen: blocked,
    });
    await page.getByRole('gridcell', { name: new RegExp(`^${WORKFLOW} in Bergen:`) }).click();
    const panel = page.getByRole('complementary', { name: `${WORKFLOW} in Bergen` });
    await expect.poll(() => panel.textContent()).toContain(`${LOYALTY} is not installed in this store`);
    await page.screenshot({ path: screenshotPath('workflow-matrix.png') });

    // Installed everywhere: running everywhere, without enabling anything again.
    for (const [store] of STORES.slice(1)) await installLoyaltyLion(page, store);
    await openMatrix(page);
    const running = 'Running: Runs in this store';
    expect(await cellLabels(page)).toEqual({ Oslo: running, Bergen: running, Stockholm: running, Copenhagen: running });

    // The Flow app uninstalled from Bergen: the workflow is deactivated there, and the dialog said so first.
    await openStore(page, 'Bergen');
    await page.getByRole('button', { name: 'Uninstall the Flow app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Uninstall the Flow app from Bergen?' });
    expect(await dialog.textContent()).toContain(WORKFLOW);
    await dialog.getByRole('button', { name: 'Uninstall the Flow app' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Install the Flow app' }).isVisible()).toBe(true);
    await openMatrix(page);
    expect((await cellLabels(page)).Bergen).toMatch(/^Deactivated/);

    // Installing the Flow app again does not switch the workflow back on ...
    await openStore(page, 'Bergen');
    await page.getByRole('button', { name: 'Install the Flow app' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Uninstall the Flow app' }).isVisible()).toBe(true);
    await openMatrix(page);
    expect((await cellLabels(page)).Bergen).toMatch(/^Deactivated/);

    // ... enabling it again from the organization does.
    await page.getByRole('button', { name: 'Re-enable all deactivated workflows' }).click();
    // The dialog counts what it will do first (stores without the Flow app would be named as waiting for it).
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('1 workflow-store pair switched off');
    await page.getByRole('dialog').getByRole('button', { name: 'Re-enable all deactivated workflows' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Re-enabled 1 deactivated workflow-store pair');
    await expect.poll(async () => (await cellLabels(page)).Bergen).toBe(running);
    expect(await cellLabels(page)).toEqual({ Oslo: running, Bergen: running, Stockholm: running, Copenhagen: running });
  });
});
