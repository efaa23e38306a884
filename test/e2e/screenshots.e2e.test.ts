import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { seedOrganization, type SeededOrganization } from '../support/seed-organization';
import { useTempDir } from '../support/temp-dir';
import { openScreen } from '../support/ui-walk';
import { startWebApp } from '../support/web-app';

/**
 * Screenshots of the main screens for docs/ and the README, of a realistic organization set up through the
 * API (six stores, apps, workflows in every status). The workflow editor and matrix are photographed by the
 * source-document scenario.
 */
const tempDir = useTempDir();
const out = path.resolve('docs/screenshots');
let browser: Awaited<ReturnType<typeof launchChromium>>;
let web: Awaited<ReturnType<typeof startWebApp>>;
let seeded: SeededOrganization;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  web = await startWebApp(path.join(tempDir(), 'flow-admin.db'));
  seeded = await seedOrganization(web.app);
  page = await browser.context.newPage();
  fs.mkdirSync(out, { recursive: true });
});
afterAll(async () => {
  await web?.stop();
  await browser?.close();
});

describe('screenshots of the main screens', () => {
  it('saves them to docs/screenshots', async () => {
    const shots: { file: string; hash: string; theme?: 'dark'; fullPage?: boolean }[] = [
      { file: 'organization-overview.png', hash: '#/overview' },
      { file: 'organization-overview-dark.png', hash: '#/overview', theme: 'dark' },
      { file: 'stores.png', hash: '#/stores' },
      { file: 'store.png', hash: `#/stores/${seeded.stores.Stockholm}`, fullPage: true },
      { file: 'apps.png', hash: '#/apps' },
      { file: 'app.png', hash: '#/apps/loyaltylion', fullPage: true },
      { file: 'workflows.png', hash: '#/workflows' },
      { file: 'activity.png', hash: '#/activity' },
      { file: 'settings.png', hash: '#/settings' },
    ];
    for (const shot of shots) {
      await web.app.api.call('settings.update', { theme: shot.theme ?? 'light', language: 'en' });
      await openScreen(page, web.server.url, { name: shot.file, hash: shot.hash });
      const file = path.join(out, shot.file);
      await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
      expect(fs.statSync(file).size, shot.file).toBeGreaterThan(20_000);
    }
    // The overview shows the organization at a glance: what needs attention and what runs where.
    await web.app.api.call('settings.update', { theme: 'light' });
    await openScreen(page, web.server.url, { name: 'overview', hash: '#/overview' });
    expect(await page.getByRole('heading', { name: 'Needs attention' }).isVisible()).toBe(true);
    expect(await page.getByText('4 workflows deactivated in').isVisible()).toBe(true);
  });
});
