import type { Page } from 'playwright-core';
import type { SeededOrganization } from './seed-organization';
import type { WalkStep } from './ui-walk';

/** Runs in the page, as a string (this file is type-checked for Node, without the DOM's types). */
const apiCall = (method: string, input: unknown) => `(async () => {
  const response = await fetch('./api/${method}', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + (sessionStorage.getItem('flow-admin-token') ?? '') },
    body: ${JSON.stringify(JSON.stringify(input))},
  });
  return response.json();
})()`;

/** A file the restore dialog takes for an encrypted backup: enough to show the passphrase and name fields. */
const encryptedBackupFile = {
  name: 'nordic-goods.flowadmin-backup.json',
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ format: 'flow-admin-organization-backup', formatVersion: 1, encrypted: {} })),
};

/** The name contains the seeded organization's, so the language walk takes it for data. */
const copyTarget = 'Nordic Goods Outlet';

/**
 * The backup and copy dialogs and panels, open, for the language walk and the axe check. Selectors are
 * data attributes and ids: the same steps run in both languages.
 */
export function backupWalkSteps(seeded: SeededOrganization, has: (screen: string) => boolean): WalkStep[] {
  const steps: WalkStep[] = [];
  // Two steps on the same screen never follow each other: going to the same address would not close a dialog.
  if (has('organizations')) {
    steps.push({
      name: 'organization-backup-dialog',
      hash: '#/organizations',
      then: async (page: Page) => {
        await page.locator('[data-action="back-up"]').first().click();
        await page.locator('input[name="secrets"][value="with"]').check();
        await page.locator('#backup-passphrase-again').waitFor();
      },
    });
  }
  if (has('settings')) {
    steps.push({
      name: 'database-restore-confirmation',
      hash: '#/settings',
      then: async (page: Page) => {
        await page.locator('[data-action="db-back-up-now"]').click();
        await page.locator('[data-action="db-restore"]').first().click();
        await page.getByRole('dialog').waitFor();
      },
    });
  }
  if (has('organizations')) {
    steps.push({
      name: 'organization-restore-dialog',
      hash: '#/organizations',
      then: async (page: Page) => {
        await page.locator('[data-action="restore-backup"]').click();
        await page.locator('dialog input[type="file"]').setInputFiles(encryptedBackupFile);
        await page.locator('#restore-passphrase').waitFor();
      },
    });
  }
  if (has('workflows')) {
    steps.push({
      name: 'copy-workflow-dialog',
      hash: '#/workflows',
      then: async (page: Page) => {
        await page.locator('[data-action="copy-workflow"]').first().click();
        await page.locator('dialog #copy-title').waitFor();
      },
    });
    steps.push({
      name: 'copy-workflow-preview',
      hash: `#/workflows/${seeded.workflows['Reward paid orders']}`,
      detail: true,
      // A second organization (with a store) to copy to, made once through the API; the organization being worked in stays.
      then: async (page: Page) => {
        const list = (await page.evaluate(apiCall('organizations.list', {}))) as { name: string }[];
        if (!list.some((o) => o.name === copyTarget)) {
          const created = (await page.evaluate(apiCall('organizations.create', { name: copyTarget }))) as { id: string };
          await page.evaluate(
            apiCall('stores.add', {
              organizationId: created.id,
              name: `${copyTarget} Tromsø`,
              domain: 'nordic-goods-outlet.myshopify.com',
            }),
          );
          await page.reload();
        }
        await page.locator('#copy-target option').nth(1).waitFor({ state: 'attached' });
        await page.locator('#copy-target').selectOption({ index: 1 });
        await page.locator('.copy .stores').waitFor();
      },
    });
  }
  return steps;
}
