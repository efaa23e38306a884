import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';
import { screenshotPath } from '../support/screenshots';

/** The Workflows list and the editor's save, conflict and history, and import/export, in Chromium. */
const e2e = useE2e();
const tempDir = e2e.tempDir;

async function setup() {
  const web = await e2e.startWebApp();
  const org = await call(web.app, 'organizations.create', { name: 'Nordic Goods' });
  for (const name of ['Oslo', 'Bergen']) {
    await call(web.app, 'stores.add', { organizationId: org.id, name, domain: `nordic-${name.toLowerCase()}.myshopify.com` });
  }
  return { web, org };
}

const table = (page: Page) => page.getByRole('table', { name: 'Workflows of the organization' });

describe('workflows in Chromium', () => {
  it('creates, duplicates and deletes workflows from the list, asking before the delete', async () => {
    const { web } = await setup();
    const page = await e2e.newPage(web.server.url + '#/workflows');
    await expect.poll(() => page.getByRole('heading', { name: 'No workflows yet' }).isVisible()).toBe(true);

    await page.getByLabel('Name of the new workflow').fill('Tag big orders');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Tag big orders' }).isVisible()).toBe(true);
    expect(page.url()).toMatch(/#\/workflows\/[0-9a-f-]{36}$/);

    await page.getByRole('link', { name: '← Workflows' }).click();
    // A second workflow of the same name is refused, with the API's words next to the field.
    await page.getByLabel('Name of the new workflow').fill('tag BIG orders');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('A workflow named "Tag big orders" already exists');

    await page.getByRole('button', { name: 'Duplicate Tag big orders' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Created Tag big orders (copy)');
    expect(await table(page).getByRole('rowheader').allTextContents()).toEqual(['Tag big orders', 'Tag big orders (copy)']);
    await page.getByRole('button', { name: 'Duplicate Tag big orders', exact: true }).click();
    await expect.poll(() => table(page).getByRole('rowheader').allTextContents()).toContain('Tag big orders (copy 2)');

    await page.getByRole('button', { name: 'Delete Tag big orders (copy 2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Tag big orders (copy 2)?' });
    await expect.poll(() => dialog.textContent()).toContain('its 1 version and its activations in 0 stores');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await table(page).getByRole('rowheader').count()).toBe(3);
    await page.getByRole('button', { name: 'Delete Tag big orders (copy 2)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete workflow' }).click();
    await expect.poll(() => table(page).getByRole('rowheader').allTextContents()).toEqual(['Tag big orders', 'Tag big orders (copy)']);
  });

  it('keeps what was typed when someone else saved meanwhile, then saves it as the newest version; reverts to an old version', async () => {
    const { web, org } = await setup();
    const workflow = await call(web.app, 'workflows.create', { organizationId: org.id, name: 'Welcome new customers' });
    const editorUrl = `${web.server.url}#/workflows/${workflow.id}`;
    const first = await e2e.newPage(editorUrl);
    const second = await e2e.newPage(editorUrl);
    for (const page of [first, second])
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome new customers');

    // The first admin picks a trigger and saves version 2.
    await first
      .getByRole('region', { name: 'Trigger' })
      .getByRole('button', { name: /^Customer created/ })
      .click();
    await first.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => first.getByText('Saved as version 2').isVisible()).toBe(true);

    // The second, still on version 1, types a description and saves: refused, and the text stays.
    await second.getByLabel('Description').fill('Tags every new customer');
    await expect.poll(() => second.getByRole('status').first().textContent()).toContain('Unsaved changes');
    await second.getByRole('button', { name: 'Save draft', exact: true }).click();
    const conflict = second.getByRole('alert');
    await expect
      .poll(() => conflict.textContent())
      .toContain('e2e-admin saved version 2 while you were editing. Nothing of yours was saved.');
    expect(await second.getByLabel('Description').inputValue()).toBe('Tags every new customer');
    await conflict.getByRole('button', { name: 'Save my changes as the newest version' }).click();
    await expect.poll(() => second.getByText('Saved as version 3').isVisible()).toBe(true);
    expect(await second.getByRole('alert').count()).toBe(0);

    // History: three versions, newest first. Version 2 (a trigger, no errors) was published by its save, as the
    // workflow runs nowhere; version 3 (no trigger: an error) stays a draft. Copying version 1 saves it as version 4.
    const history = second.getByRole('region', { name: 'Version history' });
    expect(await history.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Version 3\s+Draft\s+1 error/),
      expect.stringMatching(/^Version 2\s+Published[\s\S]*Customer created/),
      expect.stringMatching(/^Version 1[\s\S]*No trigger/),
    ]);
    await history.getByRole('button', { name: 'Copy as draft: version 1' }).click();
    await second.getByRole('dialog', { name: 'Copy version 1 as the draft?' }).getByRole('button', { name: 'Copy as draft' }).click();
    await expect.poll(() => second.getByText('Reverted to version 1, saved as version 4').isVisible()).toBe(true);
    expect(await second.getByLabel('Description').inputValue()).toBe('');
    await expect
      .poll(() => second.getByRole('region', { name: 'Trigger' }).textContent())
      .toContain('Choose the event that starts the workflow.');
  });

  it('exports a workflow as a .flow file and imports files, asking to confirm one changed after export', async () => {
    const { web, org } = await setup();
    await call(web.app, 'workflows.create', {
      organizationId: org.id,
      name: 'Tag paid orders',
      definition: {
        trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_paid' }, config: {} },
        steps: [
          { id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: 'order.id', tags: 'paid' } },
        ],
      },
    });
    const page = await e2e.newPage(web.server.url + '#/workflows');
    await expect.poll(() => table(page).getByRole('rowheader').allTextContents()).toEqual(['Tag paid orders']);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Tag paid orders as a .flow file' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.flow$/);
    const exported = fs.readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('Tag paid orders');

    // The same file back (its name is taken, so it comes in under another), and one edited by hand.
    const dir = tempDir();
    const same = path.join(dir, 'tag-paid-orders.flow');
    const edited = path.join(dir, 'edited.flow');
    fs.writeFileSync(same, exported);
    fs.writeFileSync(edited, exported.replace('"tags":"paid"', '"tags":"paid,vip"').replace('"paid"', '"paid,vip"'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('Choose files…').setInputFiles([same, edited]);
    const report = page.getByRole('list', { name: 'What each file would import' });
    await expect.poll(() => report.getByRole('listitem', { name: 'tag-paid-orders.flow' }).textContent()).toContain('Ready');
    const editedReport = report.getByRole('listitem', { name: 'edited.flow' });
    expect(await editedReport.textContent()).toContain('Needs confirmation');
    expect(await editedReport.textContent()).toContain('the file was changed after it was exported');
    expect(await page.getByRole('button', { name: 'Import all 2 files' }).isDisabled()).toBe(true);

    await editedReport.getByRole('checkbox', { name: 'Import edited.flow even though it was changed after export' }).check();
    await page.getByRole('button', { name: 'Import all 2 files' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Import workflows' }).getByRole('status').last().textContent())
      .toContain('Imported 2 workflows.');
    await expect.poll(() => table(page).getByRole('rowheader').count()).toBe(3);

    // Dropping a file that is not a workflow: reported, nothing imported unless only the good ones.
    const dataTransfer = await page.evaluateHandle((text) => {
      const g = globalThis as unknown as {
        DataTransfer: new () => { items: { add(f: unknown): void } };
        File: new (parts: string[], name: string) => unknown;
      };
      const transfer = new g.DataTransfer();
      transfer.items.add(new g.File(['not json at all'], 'broken.flow'));
      transfer.items.add(new g.File([text], 'again.flow'));
      return transfer;
    }, exported);
    await page.getByRole('group', { name: /Drop \.flow files/ }).dispatchEvent('drop', { dataTransfer });
    await expect.poll(() => report.getByRole('listitem', { name: 'broken.flow' }).textContent()).toContain('Cannot be imported');
    expect(await page.getByRole('button', { name: 'Import all 2 files' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Import only the 1 good file' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Import workflows' }).getByRole('status').last().textContent())
      .toContain('Imported 1 workflow.');
    await expect.poll(() => table(page).getByRole('rowheader').count()).toBe(4);
  });

  it('imports many files from a summary (ready, with problems) and an action bar under a bounded list that keeps Import in reach; a file with problems is never shown as plain Ready', async () => {
    const { web, org } = await setup();
    const tags = await call(web.app, 'workflows.create', {
      organizationId: org.id,
      name: 'Tag paid orders',
      definition: {
        trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_paid' }, config: {} },
        steps: [
          {
            id: 'tag',
            kind: 'action',
            task: { app: 'shopify', handle: 'add_order_tags' },
            inputs: { order_id: '{{order.id}}', tags: 'paid' },
          },
        ],
      },
    });
    // LoyaltyLion is installed in no store: the workflow is on the Not installed list's app.
    const points = await call(web.app, 'workflows.create', {
      organizationId: org.id,
      name: 'Reward paid orders',
      definition: {
        trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_paid' }, config: {} },
        steps: [
          {
            id: 'points',
            kind: 'action',
            task: { app: 'loyaltylion', handle: 'add_points' },
            inputs: { customer_id: '{{order.customer.id}}', points: '100' },
          },
        ],
      },
    });
    const dir = tempDir();
    const good = (await call(web.app, 'transfer.exportWorkflow', { workflowId: tags.id })).text;
    const files = Array.from({ length: 40 }, (_, i) => {
      const file = path.join(dir, `tag-paid-orders-${String(i + 1).padStart(2, '0')}.flow`);
      fs.writeFileSync(file, good);
      return file;
    });
    const withProblems = path.join(dir, 'reward-paid-orders.flow');
    fs.writeFileSync(withProblems, (await call(web.app, 'transfer.exportWorkflow', { workflowId: points.id })).text);

    const page = await e2e.newPage(web.server.url + '#/workflows');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('Choose files…').setInputFiles([...files, withProblems]);
    const summary = page.getByTestId('import-summary');
    await expect.poll(() => summary.textContent()).toContain('40 ready · 1 with problems');
    const report = page.getByRole('list', { name: 'What each file would import' });
    const rewardRow = report.getByRole('listitem', { name: 'reward-paid-orders.flow' });
    expect(await rewardRow.locator('.status').textContent()).not.toBe('Ready');
    expect(await report.getByRole('listitem', { name: 'tag-paid-orders-01.flow' }).locator('.status').textContent()).toBe('Ready');

    // 41 reports are taller than the window, yet the Import button sits less than a window below the first of them.
    const viewport = page.viewportSize()!;
    expect((await report.boundingBox())!.height).toBeGreaterThan(viewport.height);
    const importButton = page.getByRole('button', { name: 'Import all 41 files' });
    const first = (await report.getByRole('listitem', { name: 'tag-paid-orders-01.flow' }).boundingBox())!;
    const box = (await importButton.boundingBox())!;
    expect(box.y + box.height - first.y).toBeLessThan(viewport.height);
    await importButton.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('import-preview.png') });

    await summary.getByRole('checkbox', { name: 'Show only files with problems' }).check();
    await expect
      .poll(() =>
        report
          .getByRole('listitem')
          .filter({ has: page.locator('.file') })
          .count(),
      )
      .toBe(1);
    await importButton.click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Import workflows' }).getByRole('status').last().textContent())
      .toContain('Imported 41 workflows.');
  });
});
