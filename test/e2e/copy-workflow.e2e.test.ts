import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';
import { seedOrganization } from '../support/seed-organization';

/** Copying a workflow to another organization from the editor, through the UI only, in Chromium. */
const e2e = useE2e();

const selectedOrganization = (page: Page) =>
  page.getByRole('combobox', { name: 'Organization', exact: true }).locator('option:checked').textContent();

describe('copy a workflow to another organization in Chromium', () => {
  it('previews the missing app and the stores where it would not run and why, copies, and opens the copy there', async () => {
    const web = await e2e.startWebApp();
    const seeded = await seedOrganization(web.app, 'Nordic Goods Group');
    const baltic = await call(web.app, 'organizations.create', { name: 'Baltic Goods' });
    const riga = await call(web.app, 'stores.add', { organizationId: baltic.id, name: 'Baltic Riga', domain: 'baltic-riga.myshopify.com' });
    const tallinn = await call(web.app, 'stores.add', {
      organizationId: baltic.id,
      name: 'Baltic Tallinn',
      domain: 'baltic-tallinn.myshopify.com',
    });
    await call(web.app, 'stores.setFlowApp', { storeId: tallinn.id, installed: false });
    const original = seeded.workflows['Reward paid orders']!;

    const page = await e2e.newPage();
    await page.goto(`${web.server.url}#/workflows/${original}`);
    const panel = page.getByRole('region', { name: 'Copy to another organization' });
    await panel.getByLabel('Organization to copy to').selectOption({ label: 'Baltic Goods' });

    await expect
      .poll(() => panel.getByRole('list', { name: 'Apps it uses that are not installed in any store there' }).textContent())
      .toBe('LoyaltyLion rewards & referral');
    const stores = panel.getByRole('list', { name: 'Where it would run in Baltic Goods once switched on' });
    await expect.poll(() => stores.getByRole('listitem', { name: 'Baltic Riga' }).textContent()).toContain('Would not run');
    expect(await stores.getByRole('listitem', { name: 'Baltic Riga' }).textContent()).toContain(
      'LoyaltyLion rewards & referral is not installed in this store',
    );
    const tallinnText = await stores.getByRole('listitem', { name: 'Baltic Tallinn' }).textContent();
    expect(tallinnText).toContain('The Flow app is not installed in this store');
    expect(tallinnText).toContain('LoyaltyLion rewards & referral is not installed in this store');
    expect(await panel.textContent()).toContain('Would run in 0 of 2 stores.');
    // A preview writes nothing.
    expect((await call(web.app, 'workflows.list', { organizationId: baltic.id })).length).toBe(0);

    await panel.getByRole('button', { name: 'Copy to Baltic Goods' }).click();
    await expect
      .poll(() => panel.getByRole('status').first().textContent())
      .toBe('Copied to Baltic Goods as “Reward paid orders”, switched off.');
    const copies = await call(web.app, 'workflows.list', { organizationId: baltic.id });
    expect(copies.map((w) => w.name)).toEqual(['Reward paid orders']);

    await panel.getByRole('button', { name: 'Open the copy' }).click();
    await expect.poll(() => page.url()).toContain(`#/workflows/${copies[0]!.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Reward paid orders' }).isVisible()).toBe(true);
    await expect.poll(() => selectedOrganization(page)).toBe('Baltic Goods');
    // The copy's panel offers the way back, to the organization it came from.
    await expect
      .poll(async () =>
        page
          .getByRole('region', { name: 'Copy to another organization' })
          .getByLabel('Organization to copy to')
          .locator('option')
          .allTextContents(),
      )
      .toEqual(['Choose an organization…', 'Nordic Goods Group']);
    expect(riga.id).not.toBe(tallinn.id);
  });

  it('copies from the Workflows list too; a second copy gets a free name there', async () => {
    const web = await e2e.startWebApp();
    const seeded = await seedOrganization(web.app, 'Nordic Goods Group');
    const baltic = await call(web.app, 'organizations.create', { name: 'Baltic Goods' });
    await call(web.app, 'stores.add', { organizationId: baltic.id, name: 'Baltic Riga', domain: 'baltic-riga.myshopify.com' });
    await call(web.app, 'transfer.copyWorkflow', {
      workflowId: seeded.workflows['Welcome new customers']!,
      targetOrganizationId: baltic.id,
    });

    const page = await e2e.newPage();
    await page.goto(`${web.server.url}#/workflows`);
    await page.getByRole('combobox', { name: 'Organization', exact: true }).selectOption({ label: 'Nordic Goods Group' });
    await page.getByRole('button', { name: 'Copy Welcome new customers to another organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy Welcome new customers to another organization' });
    await dialog.getByLabel('Organization to copy to').selectOption({ label: 'Baltic Goods' });
    await expect.poll(() => dialog.textContent()).toContain('It will be called “Welcome new customers (2)” there.');
    const riga = dialog
      .getByRole('list', { name: 'Where it would run in Baltic Goods once switched on' })
      .getByRole('listitem', { name: 'Baltic Riga' });
    expect(await riga.textContent()).toContain('Klaviyo - Email Marketing is not installed in this store');
    await dialog.getByRole('button', { name: 'Copy to Baltic Goods' }).click();
    await expect
      .poll(() => dialog.getByRole('status').first().textContent())
      .toBe('Copied to Baltic Goods as “Welcome new customers (2)”, switched off.');
    await dialog.getByRole('button', { name: 'Open the copy' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Welcome new customers (2)' }).isVisible()).toBe(true);
    await expect.poll(() => selectedOrganization(page)).toBe('Baltic Goods');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('says so when there is no other organization to copy to', async () => {
    const web = await e2e.startWebApp();
    const seeded = await seedOrganization(web.app, 'Nordic Goods Group');
    const page = await e2e.newPage();
    await page.goto(`${web.server.url}#/workflows/${seeded.workflows['Reward paid orders']}`);
    const panel = page.getByRole('region', { name: 'Copy to another organization' });
    await expect.poll(() => panel.textContent()).toContain('There is no other organization to copy to.');
  });
});
