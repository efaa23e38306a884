import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../support/e2e';
import { seedOrganization } from '../support/seed-organization';
import type { WebApp } from '../support/web-app';

const e2e = useE2e();
let web: WebApp;
let page: Page;

beforeEach(async () => {
  web = await e2e.startWebApp();
  await seedOrganization(web.app);
  page = await e2e.newPage();
});

const listNames = (name: 'Installed' | 'Not installed') =>
  page.getByRole('list', { name, exact: true }).getByRole('link').allTextContents();

describe('apps in Chromium', () => {
  it('shows the Installed and Not installed lists, searchable by app, trigger or action name, switchable by keyboard', async () => {
    await page.goto(`${web.server.url}#/apps`);
    await expect
      .poll(() => listNames('Installed'))
      .toEqual(['Klaviyo - Email Marketing', 'LoyaltyLion rewards & referral', 'Order Tagger', 'Slack']);
    const loyalty = page.getByRole('list', { name: 'Installed', exact: true }).getByRole('listitem').filter({ hasText: 'LoyaltyLion' });
    expect(await loyalty.textContent()).toContain('In 4 of 6 stores');
    expect(await loyalty.textContent()).toContain('Not set up in 1');

    // "Add points" is one of LoyaltyLion's actions.
    await page.getByRole('searchbox', { name: 'Search apps, triggers and actions' }).fill('add points');
    await expect.poll(() => listNames('Installed')).toEqual(['LoyaltyLion rewards & referral']);

    await page.getByRole('tab', { name: /^Installed/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: /^Not installed/ }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator(':focus').getAttribute('id')).toBe('apps-tab-notInstalled');
    await page.getByRole('searchbox', { name: 'Search apps, triggers and actions' }).fill('klevu');
    await expect.poll(() => listNames('Not installed')).toEqual(['Klevu Smart Search']);
    await page.getByRole('searchbox', { name: 'Search apps, triggers and actions' }).fill('');
    await expect.poll(async () => (await listNames('Not installed')).length).toBe(49);
    expect(await page.getByRole('tab', { name: /^Not installed/ }).textContent()).toContain('49');
  });

  it("shows an app's triggers and actions in the current language and installs it into chosen stores with a summary", async () => {
    await page.goto(`${web.server.url}#/apps`);
    await page.getByRole('tab', { name: /^Not installed/ }).click();
    await page.getByRole('link', { name: 'Klevu Smart Search' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Klevu Smart Search');
    expect(await page.getByText('On the Not installed list').isVisible()).toBe(true);
    const actions = page.getByRole('region', { name: /actions?$/ });
    expect(await actions.textContent()).toContain('Promotes or demotes a product in Klevu search results by adding to its boost score.');

    // The language changes every text at once, the catalog's included.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('nb');
    await page.goBack();
    await expect
      .poll(() => page.getByRole('region', { name: /handling(er)?$/ }).textContent())
      .toContain('Promoterer eller degraderer et produkt i Klevu-søkeresultater');
    expect(await page.getByText('På listen Ikke installert').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Innstillinger' }).click();
    await page.getByLabel('Språk').selectOption('en');
    await page.goBack();

    const picker = page.getByRole('group', { name: 'Stores to install it in' });
    await picker.getByRole('checkbox', { name: 'Nordic Goods Oslo' }).check();
    await picker.getByRole('checkbox', { name: 'Nordic Goods Bergen' }).check();
    expect(await picker.textContent()).toContain('2 selected');
    await page.getByRole('button', { name: 'Install in 2 stores' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Installed in' }).textContent()).toBe('Installed in 2 stores.');
    expect(await page.getByText('On the Installed list').isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Installed in 2 stores' }).textContent()).toContain('Nordic Goods Oslo');

    await page.getByRole('group', { name: 'Stores to install it in' }).getByRole('checkbox', { name: 'Select all 4 stores' }).check();
    await page.getByRole('button', { name: 'Install in 4 stores' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Installed in' }).textContent()).toBe('Installed in 4 stores.');
    expect(await page.getByText('Installed in every store of the organization.').isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Apps' }).first().click();
    await expect.poll(() => listNames('Installed')).toContain('Klevu Smart Search');
  });

  it('uninstalls an app from chosen stores after saying what it blocks, and the stores say why', async () => {
    await page.goto(`${web.server.url}#/apps/loyaltylion`);
    const installedIn = page.getByRole('group', { name: 'Installed in 4 stores' });
    await installedIn.getByRole('checkbox', { name: 'Nordic Goods Oslo' }).check();
    await installedIn.getByRole('checkbox', { name: 'Nordic Goods Bergen' }).check();
    await page.getByRole('button', { name: 'Uninstall from 2 stores' }).click();
    const dialog = page.getByRole('dialog', { name: 'Uninstall LoyaltyLion rewards & referral from 2 stores?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // "Reward paid orders" in both stores and "Move big spenders up a tier" in Oslo.
    expect(await dialog.locator('#confirm-body').textContent()).toContain(
      'This blocks 3 enabled activations (a workflow in a store) in these stores',
    );
    await dialog.getByRole('button', { name: 'Uninstall' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Uninstalled' }).textContent())
      .toBe('Uninstalled from 2 stores. 3 enabled activations (a workflow in a store) are now blocked.');
    expect(await page.getByRole('group', { name: 'Installed in 2 stores' }).textContent()).not.toContain('Nordic Goods Oslo');

    await page.goto(`${web.server.url}#/stores`);
    await page.getByRole('link', { name: 'Nordic Goods Bergen', exact: true }).click();
    const row = page
      .getByRole('region', { name: 'Workflows in this store' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Reward paid orders' }) });
    await expect.poll(() => row.textContent()).toContain('Blocked');
    const why = row.getByRole('list', { name: 'Why' });
    expect((await why.textContent())?.trim()).toMatch(/^LoyaltyLion rewards & referral is not installed in this store/);
    // The reason carries its fix, in place.
    expect(await why.getByText('Install LoyaltyLion rewards & referral', { exact: true }).count()).toBe(1);
  });

  it('refuses an empty choice next to the button, not by failing silently', async () => {
    await page.goto(`${web.server.url}#/apps/klaviyo`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Klaviyo - Email Marketing');
    await page.getByRole('button', { name: 'Uninstall from 0 stores' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Choose at least one store.');
  });
  it('installs an app into 300 stores at once, showing progress while it works and ending with a summary', async () => {
    const created = await web.app.api.call('organizations.create', { name: 'Big Retail' });
    if (!created.ok) throw new Error(created.error.message);
    const organizationId = (created.value as { id: string }).id;
    for (let i = 1; i <= 300; i++) {
      const added = await web.app.api.call('stores.add', {
        organizationId,
        name: `Big Retail ${i}`,
        domain: `big-retail-${i}.myshopify.com`,
      });
      if (!added.ok) throw new Error(added.error.message);
    }
    // Hold the install request until the page has been seen working on it.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/apps.install', async (route) => {
      await held;
      await route.continue();
    });

    await page.goto(`${web.server.url}#/apps/klaviyo`);
    await page.getByRole('combobox', { name: 'Organization', exact: true }).selectOption({ label: 'Big Retail' });
    const picker = page.getByRole('group', { name: 'Stores to install it in' });
    await picker.getByRole('checkbox', { name: 'Select all 300 stores' }).check();
    await page.getByRole('button', { name: 'Install in 300 stores' }).click();
    const progress = page.getByRole('status').filter({ hasText: 'Installing Klaviyo - Email Marketing in 300 stores…' });
    await expect.poll(() => progress.isVisible()).toBe(true);
    expect(await page.getByRole('progressbar').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Install in 300 stores' }).isDisabled()).toBe(true);

    release();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Installed in' }).textContent()).toBe('Installed in 300 stores.');
    await expect.poll(() => progress.count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Installed in 300 stores' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Apps' }).first().click();
    const row = page.getByRole('list', { name: 'Installed', exact: true }).getByRole('listitem').filter({ hasText: 'Klaviyo' });
    await expect.poll(() => row.textContent()).toContain('In 300 of 300 stores');
  });
});
