import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';
import { screenshotPath } from '../support/screenshots';
import { seedOrganization } from '../support/seed-organization';

/** Organization backups (to a file and back) and database backups, through the UI only, in Chromium. */
const e2e = useE2e();
const tempDir = e2e.tempDir;

const organizationNames = (page: Page) =>
  page.getByRole('combobox', { name: 'Organization', exact: true }).locator('option').allTextContents();

describe('organization backups in Chromium', () => {
  it('backs up with secrets under a passphrase, and restores under a new name after a wrong passphrase and a taken name', async () => {
    const web = await e2e.startWebApp();
    await seedOrganization(web.app, 'Nordic Goods Group');
    await call(web.app, 'organizations.create', { name: 'Baltic Goods' });
    const page = await e2e.newPage(web.server.url + '#/organizations');

    await page.getByRole('button', { name: 'Back up: Nordic Goods Group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back up Nordic Goods Group' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('connections (Asana, Google Sheets, Slack, Trello) and app endpoints must be set again');
    await dialog.getByLabel(/With secrets, encrypted/).check();
    // Typed twice: a typo would lock the file for good.
    await dialog.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await dialog.getByLabel('Passphrase again').fill('correct horse batterz');
    await dialog.getByRole('button', { name: 'Back up and save the file' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('The two passphrases are not the same');
    // The API's own rule on the passphrase shows at the field.
    await dialog.getByLabel('Passphrase', { exact: true }).fill('short');
    await dialog.getByLabel('Passphrase again').fill('short');
    await dialog.getByRole('button', { name: 'Back up and save the file' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('The passphrase must be at least 8 characters');

    await dialog.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await dialog.getByLabel('Passphrase again').fill('correct horse battery');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Back up and save the file' }).click(),
    ]);
    const file = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^Nordic Goods Group \d{4}-\d\d-\d\d\.flowadmin-backup\.json$/);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved)).toContain('encrypted');
    // Nothing readable leaks: neither the token nor the store names are in the file.
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/xoxb|Nordic Goods Oslo/);
    await expect.poll(() => dialog.textContent()).toContain('It holds 2 secrets, encrypted with your passphrase.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The original goes, as on a machine that lost it.
    await page.getByRole('button', { name: 'Delete: Nordic Goods Group' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete organization' }).click();
    await expect.poll(() => organizationNames(page)).toEqual(['Baltic Goods']);

    await page.getByRole('button', { name: 'Restore from backup' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore an organization from a backup' });
    await restore.getByLabel('Choose a file…').setInputFiles(file);
    await expect.poll(() => restore.textContent()).toContain('This backup is encrypted');
    // The name inside is encrypted too; the file's name still says it.
    expect(await restore.getByLabel('Name of the restored organization').inputValue()).toBe('Nordic Goods Group');
    await restore.getByLabel('Passphrase').fill('not the passphrase');
    await restore.getByLabel('Name of the restored organization').fill('Baltic Goods');
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect
      .poll(() => restore.locator('#restore-passphrase-error').textContent())
      .toBe('The passphrase does not open this backup (or the file is damaged). Nothing was restored.');
    expect(await organizationNames(page)).toEqual(['Baltic Goods']);

    await restore.getByLabel('Passphrase').fill('correct horse battery');
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect
      .poll(() => restore.locator('#restore-name-error').textContent())
      .toBe('An organization named "Baltic Goods" already exists');
    expect(await restore.locator('#restore-passphrase-error').textContent()).toBe('');

    await restore.getByLabel('Name of the restored organization').fill('Nordic Goods Restored');
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect
      .poll(() => restore.getByRole('status').first().textContent())
      .toBe('Restored “Nordic Goods Restored”, and switched to it.');
    const counts = await restore.getByRole('list', { name: 'What was restored' }).getByRole('listitem').allTextContents();
    expect(counts).toEqual(expect.arrayContaining(['6 stores', '2 connections', '6 workflows', '6 workflow versions']));
    // With secrets, nothing needs setting again.
    expect(await restore.getByRole('list', { name: /Set these again/ }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('backup.png') });

    await restore.getByRole('button', { name: 'See its stores' }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Organization', exact: true }).locator('option:checked').textContent())
      .toBe('Nordic Goods Restored');
    await expect.poll(() => page.locator('main').textContent()).toContain('Nordic Goods Oslo');
    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Tell the team about large orders');
  });

  it('restores a backup without secrets, dropped on another computer, and lists the connections to set again', async () => {
    const first = await e2e.startWebApp();
    await seedOrganization(first.app, 'Nordic Goods Group');
    const page = await e2e.newPage(first.server.url + '#/organizations');
    await page.getByRole('button', { name: 'Back up: Nordic Goods Group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back up Nordic Goods Group' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Back up and save the file' }).click(),
    ]);
    const content = fs.readFileSync((await download.path())!, 'utf8');
    await expect.poll(() => dialog.textContent()).toContain('It holds no secrets');
    // As on another computer: the first one is gone.
    await page.close();
    await first.stop();

    const second = await e2e.startWebApp();
    const other = await e2e.newPage(second.server.url + '#/organizations');
    await other.getByRole('button', { name: 'Restore from backup' }).click();
    const restore = other.getByRole('dialog', { name: 'Restore an organization from a backup' });
    // Runs in the page, as a string: this file is type-checked for Node, without the DOM's types.
    const dataTransfer = await other.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([${JSON.stringify(content)}], 'nordic.flowadmin-backup.json', { type: 'application/json' }));
      return transfer;
    })()`);
    await restore.locator('.drop').dispatchEvent('drop', { dataTransfer });
    await expect.poll(() => restore.getByLabel('Name of the restored organization').inputValue()).toBe('Nordic Goods Group');
    expect(await restore.getByLabel('Passphrase').count()).toBe(0);
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();
    const setAgain = restore.getByRole('list', { name: 'Set these again: the backup has no secrets for them' });
    await expect
      .poll(async () => (await setAgain.getByRole('listitem').allTextContents()).sort())
      .toEqual(['Connection to Slack in Nordic Goods Helsinki', 'Connection to Slack in Nordic Goods Oslo']);
    await restore.getByRole('button', { name: 'Open its overview' }).click();
    await expect
      .poll(() => other.getByRole('combobox', { name: 'Organization', exact: true }).locator('option:checked').textContent())
      .toBe('Nordic Goods Group');

    // A damaged file: the API's words, at the file.
    await other.getByRole('link', { name: 'Organizations' }).click();
    await other.getByRole('button', { name: 'Restore from backup' }).click();
    const again = other.getByRole('dialog', { name: 'Restore an organization from a backup' });
    const damaged = path.join(tempDir(), 'damaged.json');
    fs.writeFileSync(damaged, content.slice(0, 200));
    await again.getByLabel('Choose a file…').setInputFiles(damaged);
    await again.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect.poll(() => again.locator('#restore-content-error').textContent()).toMatch(/^The backup is not valid JSON/);
  });
});

describe('database backups in Chromium', () => {
  it('backs up now, lists it, and restoring it takes back a later change (saving the current database first)', async () => {
    const web = await e2e.startWebApp();
    await call(web.app, 'organizations.create', { name: 'Nordic Goods' });
    const page = await e2e.newPage(web.server.url + '#/settings');
    const card = page.getByRole('region', { name: 'Database backups' });
    await expect.poll(() => card.textContent()).toContain('No database backups yet.');

    await card.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => card.getByRole('status').first().textContent()).toMatch(/^Backed up the database: flow-admin-manual-.*\.db$/);
    const rows = card.getByRole('table', { name: 'Database backups, newest first' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/Manual.*\d+ KB/);

    // The change: an organization made after the backup.
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByLabel('Name of the new organization').fill('Made After The Backup');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => organizationNames(page)).toEqual(['Made After The Backup', 'Nordic Goods']);

    await page.getByRole('link', { name: 'Settings' }).click();
    await rows
      .first()
      .getByRole('button', { name: /^Restore the backup of / })
      .click();
    const confirm = page.getByRole('dialog');
    await expect.poll(() => confirm.textContent()).toContain('The current database is saved first');
    await confirm.getByRole('button', { name: 'Restore this backup' }).click();
    await expect
      .poll(() => card.getByRole('status').first().textContent())
      .toMatch(/^Restored the backup of .*saved as flow-admin-before-restore-.*\.db\.$/);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Before a restore'), expect.stringContaining('Manual')]),
    );
    // The data is read again: the switcher no longer offers the organization made after the backup.
    await expect.poll(() => organizationNames(page)).toEqual(['Nordic Goods']);
    await page.getByRole('link', { name: 'Organizations' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Organizations' }).textContent()).not.toContain('Made After The Backup');

    // The schedule: the API's limits at the field, then saved.
    await page.getByRole('link', { name: 'Settings' }).click();
    await card.getByLabel('Keep the last').fill('0');
    await card.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => card.locator('#db-keep-error').textContent()).toBe('must keep at least 1');
    await card.getByLabel('Every (hours)').fill('6');
    await card.getByLabel('Keep the last').fill('3');
    await card.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => card.textContent()).toContain('An automatic backup every 6 hours, keeping the last 3.');
    await page.reload();
    await expect.poll(() => card.getByLabel('Every (hours)').inputValue()).toBe('6');
  });
});
