import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../support/app';
import { seriousAxeFindings } from '../support/axe';
import { useE2e } from '../support/e2e';
import { pickPath } from '../support/field-picker';
import { screenshotPath } from '../support/screenshots';

/** The editor's steps, through the UI only: conditions on paths, For each with its item, wait; saving; the unsaved-changes guard; missing data. */
const e2e = useE2e();

const WORKFLOW = 'Tag customers from order tags';

async function openEditor() {
  const web = await e2e.startWebApp();
  const org = await call(web.app, 'organizations.create', { name: 'Nordic Goods' });
  await call(web.app, 'stores.add', { organizationId: org.id, name: 'Oslo', domain: 'nordic-oslo.myshopify.com' });
  const workflow = await call(web.app, 'workflows.create', { organizationId: org.id, name: WORKFLOW });
  const page = await e2e.newPage();
  // From the list, so the browser's back has somewhere to go within the app.
  await page.goto(`${web.server.url}#/workflows`);
  await page.getByRole('link', { name: WORKFLOW }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(WORKFLOW);
  return { web, page, workflowId: workflow.id };
}

const forEachStep = (page: Page) => page.getByRole('listitem', { name: 'For each item of order.lineItems' });
const bodyAction = (page: Page) => forEachStep(page).getByRole('listitem', { name: 'Shopify: Add order tags' });
const status = (page: Page) => page.getByRole('status').first();
describe('the workflow editor in Chromium', () => {
  it('builds a condition on a path, a For each over the line items with an action on its item and a wait; saves; all there after a reload; the guard keeps the draft', async () => {
    const { page, workflowId } = await openEditor();

    await page
      .getByRole('region', { name: 'Trigger' })
      .getByRole('group', { name: 'Shopify' })
      .getByRole('button', { name: /^Order created/ })
      .click();

    await page.getByRole('button', { name: 'Add condition', exact: true }).click();
    await pickPath(page, page.getByRole('combobox', { name: 'Field' }), 'order.totalPriceSet.shopMoney.amount');
    expect(await page.getByRole('combobox', { name: 'Field' }).inputValue()).toBe('order.totalPriceSet.shopMoney.amount');
    await page.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'is greater than' });
    await page.getByRole('textbox', { name: 'Value' }).fill('100');

    // For each line item of the order, tag the order with the item's SKU.
    await page.getByRole('button', { name: 'Add for each (Then)' }).click();
    const list = page.getByRole('listitem', { name: 'For each item of …' }).getByRole('combobox', { name: 'For each item of' });
    await list.click();
    // Only lists, and objects to find them in: not the order's name.
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /^order(\s|$)/ })
      .click();
    expect(
      await page
        .getByRole('listbox')
        .getByRole('option', { name: /^name(\s|$)/ })
        .count(),
    ).toBe(0);
    await list.press('Escape');
    await pickPath(page, list, 'order.lineItems');
    await forEachStep(page).getByRole('button', { name: 'Add action (For each item)' }).click();
    await forEachStep(page)
      .getByRole('region', { name: 'Installed', exact: true })
      .getByRole('group', { name: 'Shopify' })
      .getByRole('button', { name: /^Add order tags/ })
      .click();
    expect(await bodyAction(page).getByText("Acts on an order from the workflow's data: order").isVisible()).toBe(true);
    await bodyAction(page).getByLabel('Insert variable into Tags').click();
    await pickPath(page, bodyAction(page).getByRole('combobox', { name: 'Data to insert' }), 'lineItemsForeachitem.sku');
    await bodyAction(page).getByRole('textbox', { name: 'Tags' }).press('Enter');
    expect(await bodyAction(page).getByRole('list', { name: 'Tags' }).textContent()).toContain('{{ lineItemsForeachitem.sku }}');

    // Then wait two days (the workflow's own list, after the condition).
    await page.getByRole('button', { name: 'Add wait', exact: true }).click();
    const wait = page.getByRole('listitem', { name: 'Wait 1 hour' });
    await wait.getByRole('spinbutton', { name: 'Wait for' }).fill('2');
    await wait.getByRole('spinbutton', { name: 'Wait for' }).press('Tab');
    await page.getByRole('listitem', { name: 'Wait 2 hours' }).getByRole('combobox', { name: 'Unit' }).selectOption({ label: 'days' });
    await expect.poll(() => page.getByRole('listitem', { name: 'Wait 2 days' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => page.getByText('Saved as version 2').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: /problems? to fix/ }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('workflow-editor-steps.png'), fullPage: true });
    // The new parts pass axe too, with an insert bar and the action picker open.
    await page.getByRole('button', { name: 'Insert a step before “Wait 2 days”' }).click();
    await page.getByRole('group', { name: 'Add a step before “Wait 2 days”' }).getByRole('button', { name: 'Add action' }).click();
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByRole('button', { name: 'Insert a step before “Wait 2 days”' }).click();

    // Reloaded from the server: everything is there.
    await page.reload();
    await expect.poll(() => forEachStep(page).isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Value' }).inputValue()).toBe('100');
    expect(await bodyAction(page).getByRole('list', { name: 'Tags' }).textContent()).toContain('{{ lineItemsForeachitem.sku }}');
    expect(await page.getByRole('combobox', { name: 'Field' }).inputValue()).toBe('order.totalPriceSet.shopMoney.amount');
    expect(await page.getByRole('listitem', { name: 'Wait 2 days' }).isVisible()).toBe(true);
    expect(await status(page).textContent()).toContain('All changes saved');

    // The API's problem for the step in the for-each's body shows at its field.
    await bodyAction(page).getByRole('button', { name: 'Remove tag {{ lineItemsForeachitem.sku }}' }).click();
    const customer = bodyAction(page).getByRole('textbox', { name: 'Tags' });
    await expect.poll(() => customer.getAttribute('aria-invalid')).toBe('true');
    expect(await bodyAction(page).getByText('“Tags” is required').isVisible()).toBe(true);
    expect(await status(page).textContent()).toContain('Unsaved changes');

    // Leaving by the navigation asks; cancelling keeps the place and the draft.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Overview' }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect.poll(() => ask.textContent()).toContain(`Your changes to ${WORKFLOW} are not saved.`);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    // The move held back is undone by going back in the history, which the browser does after the event.
    await expect.poll(() => page.url().endsWith(`#/workflows/${workflowId}`)).toBe(true);
    expect(await bodyAction(page).getByRole('list', { name: 'Tags' }).count()).toBe(0);
    expect(await status(page).textContent()).toContain('Unsaved changes');
    // So does the browser's back button.
    await page.goBack();
    await expect.poll(() => ask.isVisible()).toBe(true);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.url().endsWith(`#/workflows/${workflowId}`)).toBe(true);
    expect(await bodyAction(page).getByRole('list', { name: 'Tags' }).count()).toBe(0);

    // Reloading asks too (the browser's own question); the draft kept in the session is offered back.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    const restore = page.getByRole('region', { name: 'Unsaved changes from before' });
    await expect.poll(() => restore.isVisible()).toBe(true);
    expect(await bodyAction(page).getByRole('list', { name: 'Tags' }).count()).toBe(1);
    await restore.getByRole('button', { name: 'Restore my changes' }).click();
    await expect.poll(() => bodyAction(page).getByRole('list', { name: 'Tags' }).count()).toBe(0);
    expect(await status(page).textContent()).toContain('Unsaved changes');

    // Leaving on purpose drops the draft: back in the editor, the saved version, and no offer.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Overview' }).click();
    await ask.getByRole('button', { name: 'Leave without saving' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/overview$/);
    await page.goBack();
    await expect.poll(() => forEachStep(page).isVisible()).toBe(true);
    expect(await bodyAction(page).getByRole('list', { name: 'Tags' }).count()).toBe(1);
    expect(await restore.count()).toBe(0);
    expect(dialogs).toEqual(['beforeunload']);
  });

  it('builds Order created → order.totalPriceSet.shopMoney.amount > 100 → Add order tags valid; after Customer created, Add order tags has missing data', async () => {
    const { page } = await openEditor();
    const trigger = page.getByRole('region', { name: 'Trigger' });
    await trigger
      .getByRole('group', { name: 'Shopify' })
      .getByRole('button', { name: /^Order created/ })
      .click();
    await page.getByRole('button', { name: 'Add condition', exact: true }).click();
    const field = page.getByRole('combobox', { name: 'Field' });
    await pickPath(page, field, 'order.totalPriceSet.shopMoney.amount');
    await page.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'is greater than' });
    await page.getByRole('textbox', { name: 'Value' }).fill('100');
    await page.getByRole('button', { name: 'Add action (Then)' }).click();
    await page
      .getByRole('region', { name: 'Installed', exact: true })
      .getByRole('group', { name: 'Shopify' })
      .getByRole('button', { name: /^Add order tags/ })
      .click();
    const tags = page.getByRole('listitem', { name: 'Shopify: Add order tags' });
    await tags.getByRole('textbox', { name: 'Tags' }).fill('big-order');
    await tags.getByRole('textbox', { name: 'Tags' }).press('Enter');
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => page.getByText('Saved as version 2').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: /problems? to fix/ }).count()).toBe(0);
    // The field picker open on the order's fields, with their types: the screenshot of the picker.
    await field.click();
    await field.press('Backspace');
    await field.press('Backspace');
    await expect
      .poll(() =>
        page
          .getByRole('listbox')
          .getByRole('option', { name: /^customer\s+Customer/ })
          .isVisible(),
      )
      .toBe(true);
    await page.screenshot({ path: screenshotPath('condition-field-picker.png') });
    await field.press('Escape');

    // Customer created gives no order: the action says so, at the action.
    await trigger.getByRole('button', { name: /Change trigger/ }).click();
    await trigger
      .getByRole('group', { name: 'Shopify' })
      .getByRole('button', { name: /^Customer created/ })
      .click();
    await expect.poll(() => tags.textContent()).toMatch(/needs an order/);
    expect(await tags.textContent()).toContain("Acts on an order, but the workflow's data has none here");
  });
});
