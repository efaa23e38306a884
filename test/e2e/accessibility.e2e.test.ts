import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { seedOrganization, type SeededOrganization } from '../support/seed-organization';
import { useTempDir } from '../support/temp-dir';
import { openScreen, screensToWalk, type WalkStep } from '../support/ui-walk';
import { startWebApp } from '../support/web-app';

const tempDir = useTempDir();
let browser: Awaited<ReturnType<typeof launchChromium>>;
let web: Awaited<ReturnType<typeof startWebApp>>;
let seeded: SeededOrganization;
let page: Page;
let steps: WalkStep[];

beforeAll(async () => {
  browser = await launchChromium();
  web = await startWebApp(path.join(tempDir(), 'flow-admin.db'));
  seeded = await seedOrganization(web.app);
  page = await browser.context.newPage();
  steps = await screensToWalk(page, web.server.url, seeded);
});
afterAll(async () => {
  await web?.stop();
  await browser?.close();
});

async function seriousViolations(where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page: page as never }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}: ${v.nodes[0]?.failureSummary ?? ''}`);
}

describe('accessibility (axe) on every screen', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations in the ${theme} theme`, async () => {
      await web.app.api.call('settings.update', { theme, language: 'en' });
      const found: string[] = [];
      for (const step of steps) {
        await openScreen(page, web.server.url, step);
        expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
        found.push(...(await seriousViolations(`${step.name} (${theme})`)));
      }
      // A confirmation dialog open over a screen, and a form with an error shown.
      await openScreen(page, web.server.url, { name: 'store', hash: `#/stores/${seeded.stores.Oslo}` });
      await page.getByRole('button', { name: 'Uninstall the Flow app' }).click();
      await page.getByRole('dialog').waitFor();
      found.push(...(await seriousViolations(`Flow app dialog (${theme})`)));
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await openScreen(page, web.server.url, { name: 'stores', hash: '#/stores' });
      await page.getByRole('button', { name: 'Add store' }).click();
      await page.getByRole('button', { name: 'Add store' }).click();
      await page.getByRole('alert').first().waitFor();
      found.push(...(await seriousViolations(`add store with errors (${theme})`)));
      expect(found).toEqual([]);
    });
  }
});
