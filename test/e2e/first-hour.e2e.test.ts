import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../support/e2e';
import { screenshotPath } from '../support/screenshots';

/**
 * The first hour in Chromium, from an empty database: the Overview leads to each next step; a demo
 * organization opens in one click with the source document's four-store LoyaltyLion scenario; 30 stores are
 * added from one pasted list (after its bad lines are shown and nothing written); a block reason's fix
 * button resolves it in place.
 */
const e2e = useE2e();
const LOYALTY = 'LoyaltyLion rewards & referral';

async function visit(page: Page, link: string) {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: link, exact: true }).click();
}

/** A store's cell for the workflow, as a screen reader hears it, without the names. */
async function cell(page: Page, workflow: string, store: string): Promise<string> {
  const label = (await page.getByRole('gridcell', { name: new RegExp(`^${workflow} in ${store}:`) }).getAttribute('aria-label')) ?? '';
  return label.replace(`${workflow} in ${store}: `, '');
}

describe('the first hour, in Chromium', () => {
  it('opens the demo organization from the empty app in one click, showing the four-store LoyaltyLion scenario', async () => {
    const web = await e2e.startWebApp();
    const page = await e2e.newPage(web.server.url);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The empty app: every first step with its action, and the demo.
    const start = page.getByRole('region', { name: 'Start with an organization' });
    await expect.poll(() => start.isVisible()).toBe(true);
    expect(await start.getByRole('link', { name: 'Create organization' }).getAttribute('href')).toBe('#/organizations');
    await page.screenshot({ path: screenshotPath('first-hour-empty.png'), fullPage: true });

    await start.getByRole('button', { name: 'Open a demo organization' }).click();
    await expect.poll(() => page.locator('p.subtitle').textContent()).toBe('Nordic Goods (demo)');
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await expect.poll(() => attention.textContent()).toContain(`${LOYALTY} is not installed`);
    expect(await attention.textContent()).toContain(`${LOYALTY} is not set up`);
    expect(await attention.textContent()).toContain('Move big spenders up a tier');
    // Each entry carries its fix: the app's page to install it or finish its setup, the editor for an invalid workflow.
    expect(await attention.getByRole('link', { name: `Install ${LOYALTY}` }).getAttribute('href')).toBe('#/apps/loyaltylion');
    expect(await attention.getByRole('link', { name: 'Finish setup' }).getAttribute('href')).toBe('#/apps/loyaltylion');
    expect(await attention.getByRole('link', { name: 'Open the editor at the problem: Move big spenders up a tier' }).isVisible()).toBe(
      true,
    );
    await page.screenshot({ path: screenshotPath('demo-organization-overview.png'), fullPage: true });

    await visit(page, 'Stores');
    await expect
      .poll(() => page.getByRole('table').locator('a.name').allTextContents())
      .toEqual(['Bergen', 'Copenhagen', 'Oslo', 'Stockholm']);
  });

  it('adds 30 stores from one pasted list, after showing every bad line and adding nothing', async () => {
    const web = await e2e.startWebApp();
    const page = await e2e.newPage(web.server.url);
    await page.setViewportSize({ width: 1280, height: 900 });
    await visit(page, 'Organizations');
    await page.getByLabel('Name of the new organization').fill('Nordic Outlets');
    await page.getByRole('button', { name: 'Create organization' }).click();
    // The next step is offered right there.
    await page.getByRole('link', { name: 'Add stores' }).click();
    await page.getByRole('button', { name: 'Paste a list of stores' }).click();

    const form = page.getByRole('form', { name: 'Add many stores at once' });
    const addresses = Array.from({ length: 30 }, (_, i) => `nordic-outlet-${String(i + 1).padStart(2, '0')}.myshopify.com`);
    const bad = [...addresses.slice(0, 29), 'nordic-outlet-01.myshopify.com', 'outlet 31.example.com'].join('\n');
    await form.getByLabel('Store addresses or CSV').fill(bad);
    await form.getByRole('button', { name: 'Check the list' }).click();
    const problems = form.getByRole('list', { name: 'Problems in the list' });
    await expect
      .poll(() => problems.getByRole('listitem').allTextContents())
      .toEqual([
        'Line 30: nordic-outlet-01.myshopify.com is already on line 1.',
        'Line 31: “outlet 31.example.com” is not a store address like nordic-goods-oslo.myshopify.com.',
      ]);
    expect(await form.textContent()).toContain('2 lines need fixing before anything is added.');
    await page.screenshot({ path: screenshotPath('stores-paste-list-problems.png'), fullPage: true });
    const organizations = await web.app.api.call('organizations.list', {});
    expect(organizations).toMatchObject({ ok: true, value: [{ name: 'Nordic Outlets', storeCount: 0 }] });

    await form.getByLabel('Store addresses or CSV').fill(addresses.join('\n'));
    await form.getByRole('button', { name: 'Check the list' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('30 stores are ready to be added.');
    await form.getByRole('button', { name: 'Add 30 stores' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Added 30 stores.');
    await expect.poll(() => page.getByText('30 of 30 stores').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Nordic Outlet 01', exact: true }).isVisible()).toBe(true);
  });

  it('resolves a reason with its fix button in the matrix panel: Install, then Finish setup, and the workflow runs', async () => {
    const web = await e2e.startWebApp();
    const page = await e2e.newPage(web.server.url);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Open a demo organization' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Needs attention' }).isVisible()).toBe(true);

    await page.goto(web.server.url + '#/workflows/matrix');
    const workflow = 'Reward loyal customers';
    await expect.poll(() => cell(page, workflow, 'Copenhagen')).toBe(`Blocked: ${LOYALTY} is not installed in this store`);
    await page.getByRole('gridcell', { name: new RegExp(`^${workflow} in Copenhagen:`) }).click();
    const panel = page.getByRole('complementary', { name: `${workflow} in Copenhagen` });
    const reasons = panel.getByRole('list', { name: 'Why' });
    await reasons.getByRole('button', { name: `Install ${LOYALTY}` }).click();
    // Installed, its setup still to do: the next reason comes with its own fix.
    await expect.poll(() => reasons.textContent()).toContain('is not set up in this store');
    await page.screenshot({ path: screenshotPath('reason-with-fix.png') });
    await reasons.getByRole('button', { name: 'Finish setup' }).click();
    await expect.poll(() => cell(page, workflow, 'Copenhagen')).toBe('Running: Runs in this store');
    expect(await panel.getByRole('list', { name: 'Why' }).count()).toBe(0);

    // Stockholm's Slack connection needs a token typed in: its fix takes the admin to the store.
    await expect.poll(() => cell(page, 'Tell the team about large orders', 'Stockholm')).toContain('Slack has no connection');
    await page.getByRole('gridcell', { name: /^Tell the team about large orders in Stockholm:/ }).click();
    const slack = page.getByRole('complementary', { name: 'Tell the team about large orders in Stockholm' });
    await slack.getByRole('link', { name: 'Set the connection' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Stockholm');
  });
});
