import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';
import { screenshotPath } from '../support/screenshots';

/** The editor's steps, through the UI only: conditions, for-each with `{{ item }}`, wait; saving; the unsaved-changes guard. */
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

const forEachStep = (page: Page) => page.getByRole('listitem', { name: 'For each item of Tags' });
const bodyAction = (page: Page) => forEachStep(page).getByRole('listitem', { name: 'Shopify: Add customer tags' });
const status = (page: Page) => page.getByRole('status').first();

describe('the workflow editor in Chromium', () => {
  it('builds a condition, a for-each with an action on {{ item }} and a wait; saves; all there after a reload; the guard keeps the draft', async () => {
    const { page, workflowId } = await openEditor();

    await page.getByRole('region', { name: 'Trigger' }).getByRole('group', { name: 'Shopify' }).getByRole('button', { name: /^Order created/ }).click();

    await page.getByRole('button', { name: 'Add condition', exact: true }).click();
    await page.getByRole('combobox', { name: 'Field' }).selectOption({ label: 'Total price' });
    await page.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'is greater than' });
    await page.getByRole('textbox', { name: 'Value' }).fill('100');

    // For each of the order's tags (the only list the trigger carries), tag the customer with it.
    await page.getByRole('button', { name: 'Add for each (Then)' }).click();
    expect(await forEachStep(page).getByRole('combobox', { name: 'For each item of' }).locator('option').allTextContents()).toEqual(['Tags']);
    await forEachStep(page).getByRole('button', { name: 'Add action (For each item)' }).click();
    await forEachStep(page).getByRole('region', { name: 'Installed', exact: true }).getByRole('group', { name: 'Shopify' }).getByRole('button', { name: /^Add customer tags/ }).click();
    await bodyAction(page).getByLabel('Insert variable into Customer').click();
    await bodyAction(page).getByRole('button', { name: /\{\{ customer_id \}\}/ }).click();
    await bodyAction(page).getByLabel('Insert variable into Tags').click();
    const itemVariable = bodyAction(page).getByRole('button', { name: /\{\{ item \}\}/ });
    expect(await itemVariable.textContent()).toContain('The list item');
    await itemVariable.click();
    expect(await bodyAction(page).getByRole('textbox', { name: 'Tags' }).inputValue()).toBe('{{ item }}');

    // Then wait two days (the workflow's own list, after the condition).
    await page.getByRole('button', { name: 'Add wait', exact: true }).click();
    const wait = page.getByRole('listitem', { name: 'Wait 1 hour' });
    await wait.getByRole('spinbutton', { name: 'Wait for' }).fill('2');
    await wait.getByRole('spinbutton', { name: 'Wait for' }).press('Tab');
    await page.getByRole('listitem', { name: 'Wait 2 hours' }).getByRole('combobox', { name: 'Unit' }).selectOption({ label: 'days' });
    await expect.poll(() => page.getByRole('listitem', { name: 'Wait 2 days' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Saved as version 2').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: /problems? to fix/ }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('workflow-editor-steps.png'), fullPage: true });
    // The new parts pass axe too, with an insert bar and the action picker open.
    await page.getByRole('button', { name: 'Insert a step before “Wait 2 days”' }).click();
    await page.getByRole('group', { name: 'Add a step before “Wait 2 days”' }).getByRole('button', { name: 'Add action' }).click();
    const axe = await new AxeBuilder({ page: page as never }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    await page.getByRole('button', { name: 'Insert a step before “Wait 2 days”' }).click();

    // Reloaded from the server: everything is there.
    await page.reload();
    await expect.poll(() => forEachStep(page).isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Value' }).inputValue()).toBe('100');
    expect(await bodyAction(page).getByRole('textbox', { name: 'Tags' }).inputValue()).toBe('{{ item }}');
    expect(await bodyAction(page).getByRole('textbox', { name: 'Customer' }).inputValue()).toBe('{{ customer_id }}');
    expect(await page.getByRole('listitem', { name: 'Wait 2 days' }).isVisible()).toBe(true);
    expect(await status(page).textContent()).toContain('All changes saved');

    // The API's problem for the step in the for-each's body shows at its field.
    await bodyAction(page).getByRole('textbox', { name: 'Customer' }).fill('');
    const customer = bodyAction(page).getByRole('textbox', { name: 'Customer' });
    await expect.poll(() => customer.getAttribute('aria-invalid')).toBe('true');
    expect(await bodyAction(page).getByText('“Customer” is required').isVisible()).toBe(true);
    expect(await bodyAction(page).getByRole('textbox', { name: 'Tags' }).getAttribute('aria-invalid')).toBeNull();
    expect(await status(page).textContent()).toContain('Unsaved changes');

    // Leaving by the navigation asks; cancelling keeps the place and the draft.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Overview' }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect.poll(() => ask.textContent()).toContain(`Your changes to ${WORKFLOW} are not saved.`);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(page.url().endsWith(`#/workflows/${workflowId}`)).toBe(true);
    expect(await customer.inputValue()).toBe('');
    expect(await status(page).textContent()).toContain('Unsaved changes');
    // So does the browser's back button.
    await page.goBack();
    await expect.poll(() => ask.isVisible()).toBe(true);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(page.url().endsWith(`#/workflows/${workflowId}`)).toBe(true);
    expect(await customer.inputValue()).toBe('');

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
    expect(await customer.inputValue()).toBe('{{ customer_id }}');
    await restore.getByRole('button', { name: 'Restore my changes' }).click();
    await expect.poll(() => customer.inputValue()).toBe('');
    expect(await status(page).textContent()).toContain('Unsaved changes');

    // Leaving on purpose drops the draft: back in the editor, the saved version, and no offer.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Overview' }).click();
    await ask.getByRole('button', { name: 'Leave without saving' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/overview$/);
    await page.goBack();
    await expect.poll(() => forEachStep(page).isVisible()).toBe(true);
    expect(await customer.inputValue()).toBe('{{ customer_id }}');
    expect(await restore.count()).toBe(0);
    expect(dialogs).toEqual(['beforeunload']);
  });
});
