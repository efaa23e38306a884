import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../support/e2e';
import { seedOrganization, type SeededOrganization } from '../support/seed-organization';
import type { WebApp } from '../support/web-app';

const e2e = useE2e();
let web: WebApp;
let seeded: SeededOrganization;
let page: Page;

// Each test gets the seeded organization (set up through the API) and drives the UI from there.
beforeEach(async () => {
  web = await e2e.startWebApp();
  seeded = await seedOrganization(web.app);
  page = await e2e.newPage();
});

const workflowsCard = () => page.getByRole('region', { name: 'Workflows in this store' });
/** The reasons a row gives, each with the fix offered beside it (a button or link) after " → ". */
const why = async (name: string) =>
  (
    await workflowRow(name)
      .getByRole('list', { name: 'Why' })
      .getByRole('listitem')
      .evaluateAll((items) =>
        items.map((li) =>
          [...li.childNodes]
            .map((n) => ((n as { tagName?: string }).tagName ? ' → ' : '') + (n.textContent ?? '').trim())
            .join('')
            .trim(),
        ),
      )
  ).join('; ');
const workflowRow = (name: string) =>
  workflowsCard()
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

async function openStore(city: string) {
  await page.goto(`${web.server.url}#/stores`);
  await page.getByRole('link', { name: `Nordic Goods ${city}`, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Nordic Goods ${city}`);
  await expect.poll(() => workflowsCard().getByRole('listitem').count()).toBeGreaterThan(0);
}

describe('stores in Chromium', () => {
  it('adds a store, showing a refused address next to its field, and finds it by search', async () => {
    await page.goto(`${web.server.url}#/stores`);
    await page.getByRole('button', { name: 'Add store' }).click();
    await page.getByLabel('Store name').fill('Nordic Goods Tromsø');
    await page.getByLabel('Store address').fill('tromso.example.com');
    await page.getByRole('button', { name: 'Add store' }).click();
    const domainError = page.locator('#store-domain-error');
    await expect.poll(() => domainError.textContent()).toContain('Must be a store address like');
    expect(await page.getByLabel('Store address').getAttribute('aria-invalid')).toBe('true');
    // Nothing is lost: the name is still there.
    expect(await page.getByLabel('Store name').inputValue()).toBe('Nordic Goods Tromsø');

    await page.getByLabel('Store address').fill('nordic-goods-oslo.myshopify.com');
    await page.getByRole('button', { name: 'Add store' }).click();
    await expect
      .poll(() => domainError.textContent())
      .toBe('The address nordic-goods-oslo.myshopify.com is already used by the store "Nordic Goods Oslo"');

    await page.getByLabel('Store address').fill('nordic-goods-tromso.myshopify.com');
    await page.getByRole('button', { name: 'Add store' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Added Nordic Goods Tromsø');
    await page.getByRole('searchbox', { name: 'Search stores by name or address' }).fill('tromso');
    await expect.poll(() => page.getByRole('table').getByRole('link').allTextContents()).toEqual(['Nordic Goods Tromsø']);
  });

  it('uninstalls the Flow app only after saying which workflows it deactivates, locks the connections, and re-enables them after reinstalling', async () => {
    await openStore('Oslo');
    await page.getByRole('button', { name: 'Uninstall the Flow app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Uninstall the Flow app from Nordic Goods Oslo?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const body = await dialog.locator('#confirm-body').textContent();
    // The five workflows enabled in Oslo, the invalid one included, by name.
    expect(body).toBe(
      'This deactivates 5 workflows in Nordic Goods Oslo: Move big spenders up a tier, Reward paid orders, Tag big orders, Tell the team about large orders, Welcome new customers. They stay in the organization and can be enabled again from it.',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await workflowRow('Tag big orders').textContent()).toContain('Running');

    await page.getByRole('button', { name: 'Uninstall the Flow app' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Uninstall the Flow app' }).click();
    await expect.poll(() => workflowRow('Tag big orders').textContent()).toContain('Deactivated');
    expect(await page.getByText('The Flow app is uninstalled; 5 workflows were deactivated.').isVisible()).toBe(true);
    // R7: connections cannot be changed without the Flow app, and the page says why.
    await expect
      .poll(() =>
        page.getByText('Connections can only be changed in a store where the Flow app is installed.', { exact: false }).isVisible(),
      )
      .toBe(true);
    expect(await page.getByRole('button', { name: 'Disconnect: Slack' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Connect: Trello' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Install the Flow app' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Re-enable 5 workflows' }).isVisible()).toBe(true);
    expect(await workflowRow('Tag big orders').textContent()).toContain('Deactivated');
    await page.getByRole('button', { name: 'Re-enable 5 workflows' }).click();
    await expect.poll(() => workflowRow('Tag big orders').textContent()).toContain('Running');
    expect(await workflowRow('Move big spenders up a tier').textContent()).toContain('Invalid');
    expect(await page.getByRole('button', { name: 'Disconnect: Slack' }).isDisabled()).toBe(false);
  });

  it('shows why a workflow is blocked and lets it run once the setup checklist is done and the connection made', async () => {
    await openStore('Stockholm');
    await expect.poll(() => workflowRow('Reward paid orders').textContent()).toContain('Blocked');
    expect(await why('Reward paid orders')).toBe(
      'LoyaltyLion rewards & referral is not set up in this store. Still to do: Choose a paid LoyaltyLion plan, Set up the loyalty program with tiers and segments → Finish setup',
    );
    expect(await why('Tell the team about large orders')).toBe('Slack has no connection in this store → Set the connection');

    const setup = page.getByRole('group', { name: /^Setup of LoyaltyLion rewards & referral/ });
    expect(await setup.getByRole('checkbox', { name: 'Create a LoyaltyLion account' }).isChecked()).toBe(true);
    await setup.getByRole('checkbox', { name: 'Choose a paid LoyaltyLion plan' }).check();
    await expect
      .poll(() => why('Reward paid orders'))
      .toBe(
        'LoyaltyLion rewards & referral is not set up in this store. Still to do: Set up the loyalty program with tiers and segments → Finish setup',
      );
    await setup.getByRole('checkbox', { name: 'Set up the loyalty program with tiers and segments' }).check();
    await expect.poll(() => workflowRow('Reward paid orders').textContent()).toContain('Running');
    expect(await setup.textContent()).toContain('3 of 3 steps done');

    await page.getByRole('button', { name: 'Connect: Slack' }).click();
    await page.getByLabel('Account', { exact: true }).fill('sales@nordicgoods.example');
    await page.getByRole('button', { name: 'Save' }).click();
    // The secret is required; the refusal sits at the secret field and the account typed is kept.
    await expect.poll(() => page.locator('[id^="conn-secret-error-"]').textContent()).toBe('Must be filled in.');
    expect(await page.getByLabel('Account', { exact: true }).inputValue()).toBe('sales@nordicgoods.example');
    await page.getByLabel('Access token or password').fill('xoxb-test');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => workflowRow('Tell the team about large orders').textContent()).toContain('Running');
    expect(await page.getByText('As sales@nordicgoods.example').isVisible()).toBe(true);
  });

  it('renames and removes a store, saying first what the removal takes with it', async () => {
    await openStore('Bergen');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New name for Nordic Goods Bergen').fill('Nordic Goods Oslo');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('#store-rename-error').textContent())
      .toBe('The organization already has a store named "Nordic Goods Oslo"');
    await page.getByLabel('New name for Nordic Goods Bergen').fill('Nordic Goods Bergen Sentrum');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nordic Goods Bergen Sentrum');

    await page.getByRole('button', { name: 'Remove store' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Nordic Goods Bergen Sentrum?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('#confirm-body').textContent()).toContain(
      'This removes the store with its 2 app installations, 0 connections and 4 workflow activations (4 enabled).',
    );
    await dialog.getByRole('button', { name: 'Remove store' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Stores');
    expect(await page.getByRole('status').first().textContent()).toBe('Removed Nordic Goods Bergen Sentrum');
    expect(await page.getByRole('table').getByRole('link').allTextContents()).not.toContain('Nordic Goods Bergen Sentrum');
    // One link per store (its name); a store's blocked count links to it too, named for what it counts.
    expect(
      await page
        .getByRole('table')
        .getByRole('link', { name: /^Nordic Goods/ })
        .count(),
    ).toBe(5);
  });

  it('shows the activity log filtered by store, workflow and change, a page at a time', async () => {
    // Sixty more entries for one store, so the log needs more than one page.
    for (let i = 0; i < 60; i++) {
      await web.app.api.call('apps.setSetupStep', {
        storeId: seeded.stores.Stockholm!,
        appId: 'loyaltylion',
        step: 'paid_plan',
        done: i % 2 === 0,
      });
    }
    const all = await web.app.api.call('audit.query', { organizationId: seeded.organizationId, limit: 1000 });
    const total = all.ok ? (all.value as { entries: unknown[] }).entries.length : -1;
    expect(total).toBeGreaterThan(60);
    expect(total).toBeLessThan(100);
    await page.goto(`${web.server.url}#/activity`);
    const rows = page.getByRole('table').first().locator(':scope > tbody > tr'); // not the before/after tables inside
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(total);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByLabel('Change', { exact: true }).selectOption({ label: 'Flow app uninstalled' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Uninstalled the Flow app from "Nordic Goods Helsinki"');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Workflow', { exact: true }).selectOption({ label: 'Tag big orders' });
    // Uninstalling the Flow app in Helsinki deactivated it there: that change concerns the workflow too.
    await expect
      .poll(() => rows.locator(':scope > td:nth-child(3)').allTextContents())
      .toEqual(['Flow app uninstalled', 'Workflow enabled', 'Workflow created']);

    // A bulk change (enabled in all six stores) is found by any one of its stores.
    await page.getByLabel('Store', { exact: true }).selectOption({ label: 'Nordic Goods Copenhagen' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Enabled "Tag big orders" in 6 stores');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('From', { exact: true }).fill('2001-01-01');
    await page.getByLabel('To', { exact: true }).fill('2000-01-01');
    await expect.poll(() => page.locator('#activity-to-error').textContent()).toBe('The end date is before the start date.');
    await page.getByLabel('From', { exact: true }).fill('2000-01-01');
    await expect.poll(() => page.getByText('No activity matches the filters.').isVisible()).toBe(true);

    // In Norwegian every entry reads as a Norwegian sentence, built from what the entry recorded.
    await page.goto(`${web.server.url}#/settings`);
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Norsk (bokmål)' });
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Innstillinger');
    await page.goto(`${web.server.url}#/activity`);
    await page.getByLabel('Endring', { exact: true }).selectOption({ label: 'Flow-appen avinstallert' });
    await expect.poll(() => rows.count()).toBe(1);
    await expect
      .poll(() => rows.first().textContent())
      .toContain('Avinstallerte Flow-appen fra «Nordic Goods Helsinki»: deaktiverte 4 arbeidsflyter der');
    await page.getByLabel('Endring', { exact: true }).selectOption({ label: 'Arbeidsflyt slått på' });
    await page.getByLabel('Butikk', { exact: true }).selectOption({ label: 'Nordic Goods Copenhagen' });
    await page.getByLabel('Arbeidsflyt', { exact: true }).selectOption({ label: 'Tag big orders' });
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain('Aktiverte arbeidsflyten «Tag big orders» i 6 butikker');
    // Before and after, as readable rows.
    await rows.first().getByText('Vis før og etter').click();
    await expect.poll(() => rows.first().locator('table.changes').textContent()).toContain('Slått påingenJa');
    await page.goto(`${web.server.url}#/settings`);
    await page.getByLabel('Språk', { exact: true }).selectOption({ label: 'English' });
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Settings');
  });
  it('shows on the overview what needs attention, with reasons, and re-enables deactivated workflows from there', async () => {
    await page.goto(`${web.server.url}#/overview`);
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await expect.poll(() => attention.textContent()).toContain('4 workflows deactivated in Nordic Goods Helsinki');
    const blocked = await attention.getByRole('listitem').allTextContents();
    expect(blocked.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(
      expect.arrayContaining([
        expect.stringContaining('LoyaltyLion rewards & referral is not installed 1 workflow blocked · in 2 stores'),
        expect.stringContaining('Slack has no connection 1 workflow blocked · in 1 store'),
        expect.stringContaining('LoyaltyLion rewards & referral is not set up 1 workflow blocked · in 1 store'),
        expect.stringContaining('Move big spenders up a tier 1 error · enabled in 1 store'),
      ]),
    );
    const where = page.getByRole('region', { name: 'What runs where' });
    expect((await where.textContent())?.replace(/\s+/g, ' ')).toContain('36 workflows in stores');

    // Re-enabling waits for the Flow app (R8): the entry offers installing it first, then re-enabling.
    expect(await page.getByRole('button', { name: 'Re-enable the deactivated workflows in Nordic Goods Helsinki' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Install the Flow app in Nordic Goods Helsinki' }).click();
    await page.getByRole('button', { name: 'Re-enable the deactivated workflows in Nordic Goods Helsinki' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Re-enabled' }).textContent())
      .toBe('Re-enabled 4 workflows in Nordic Goods Helsinki.');
    await expect.poll(() => attention.textContent()).not.toContain('deactivated in');
  });

  it('shows a running workflow whose app has no endpoint as Running with a warning, counted on the overview, whose fix leads to the store', async () => {
    await page.goto(`${web.server.url}#/overview`);
    const readiness = page.getByTestId('overview-readiness');
    await expect
      .poll(() => readiness.textContent())
      .toContain('No endpoint is set for LoyaltyLion rewards & referral where workflows using it run');
    const loyalty = readiness.getByRole('listitem').filter({ hasText: 'No endpoint is set for LoyaltyLion' }).first();
    // Reward paid orders runs in Oslo and Bergen (LoyaltyLion ready there): two running pairs, each store with its fix.
    const counted = (await loyalty.textContent())?.replace(/\s+/g, ' ');
    expect(counted).toContain('2 running pairs · 1 workflow');
    expect(counted).not.toContain('blocked');
    await loyalty.getByRole('listitem').filter({ hasText: 'Nordic Goods Oslo' }).getByRole('link', { name: 'Set the endpoint' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nordic Goods Oslo');
    // The store's page: still Running, the warning beside it with the same fix, and the version it runs.
    const row = workflowRow('Reward paid orders');
    await expect.poll(() => row.getByTestId('readiness').textContent()).toContain("Can't deliver");
    expect(await row.textContent()).toContain('Running');
    expect(await row.getByTestId('readiness').textContent()).toContain(
      'Running, but no endpoint is set for LoyaltyLion rewards & referral in this store',
    );
    expect(await row.getByTestId('store-running-version').textContent()).toBe('Runs version 1');
  });

  it('lists each store with its time zone and how many workflows run and are blocked there; a blocked count leads to the store', async () => {
    await page.goto(`${web.server.url}#/stores`);
    const row = (city: string) =>
      page.getByRole('row').filter({ has: page.getByRole('link', { name: `Nordic Goods ${city}`, exact: true }) });
    await expect.poll(() => row('Stockholm').getByTestId('store-running').textContent()).toBe('2');
    expect(await row('Stockholm').textContent()).toContain('Europe/Stockholm');
    // Stockholm: LoyaltyLion not set up (Reward paid orders) and no Slack connection (Tell the team about large orders).
    expect((await row('Stockholm').getByTestId('store-blocked').textContent())?.trim()).toBe('2');
    expect((await row('Oslo').getByTestId('store-blocked').textContent())?.trim()).toBe('0');
    await row('Stockholm').getByRole('link', { name: '2 workflows blocked in Nordic Goods Stockholm' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nordic Goods Stockholm');
  });
});
