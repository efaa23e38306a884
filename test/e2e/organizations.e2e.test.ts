import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e';

const e2e = useE2e();

describe('organizations in Chromium, through the UI only', () => {
  it('creates and renames an organization; it survives a reload and a server restart on the same file', async () => {
    const databasePath = path.join(e2e.tempDir(), 'flow-admin.db');
    let web = await e2e.startWebApp(databasePath);
    // Refused API calls (the duplicate below) are logged by Chromium as failed loads; the fixture expects those.
    const page = await e2e.newPage();

    await page.goto(web.server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Start with an organization' }).isVisible()).toBe(true);
    // The token leaves the address bar once it is kept for the session.
    expect(page.url()).not.toContain('token=');

    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByLabel('Name of the new organization').fill('Nordic Goods');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Created Nordic Goods');

    // A duplicate is refused with the API's words, next to the field.
    await page.getByLabel('Name of the new organization').fill('nordic goods');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('An organization named "Nordic Goods" already exists');

    await page.getByRole('button', { name: 'Rename: Nordic Goods' }).click();
    await page.getByLabel('New name for Nordic Goods').fill('Nordic Goods Group');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Renamed to Nordic Goods Group');
    expect(await page.getByRole('combobox', { name: 'Organization', exact: true }).inputValue()).not.toBe('');

    await page.reload();
    await expect.poll(() => page.getByRole('list', { name: 'Organizations' }).textContent()).toContain('Nordic Goods Group');

    await web.stop();
    web = await e2e.startWebApp(databasePath);
    await page.goto(web.server.url + '#/organizations');
    await expect.poll(() => page.getByRole('list', { name: 'Organizations' }).textContent()).toContain('Nordic Goods Group');
    await expect
      .poll(async () => await page.getByRole('combobox', { name: 'Organization', exact: true }).locator('option').allTextContents())
      .toEqual(['Nordic Goods Group']);
  });

  it('asks before deleting, saying what the delete takes with it', async () => {
    const web = await e2e.startWebApp();
    const page = await e2e.newPage();
    await page.goto(web.server.url + '#/organizations');
    await page.getByLabel('Name of the new organization').fill('Doomed Org');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('button', { name: 'Delete: Doomed Org' }).click();

    const dialog = page.getByRole('dialog', { name: 'Delete Doomed Org?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('This removes 0 stores, 0 workflows and 0 app installations');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('list', { name: 'Organizations' }).textContent()).toContain('Doomed Org');

    await page.getByRole('button', { name: 'Delete: Doomed Org' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete organization' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'No organizations yet' }).isVisible()).toBe(true);
  });
});
