import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../support/e2e';
import { screenshotPath } from '../support/screenshots';
import { seedOrganization, type SeededOrganization } from '../support/seed-organization';
import { openScreen } from '../support/ui-walk';
import type { WebApp } from '../support/web-app';

/**
 * Screenshots of the main screens for docs/ and the README, of a realistic organization set up through the
 * API (six stores, apps, workflows in every status). The workflow editor and matrix are photographed by the
 * source-document scenario.
 */
const e2e = useE2e();
let web: WebApp;
let seeded: SeededOrganization;
let page: Page;

beforeAll(async () => {
  web = await e2e.startWebApp();
  seeded = await seedOrganization(web.app);
  page = await e2e.newPage();
});

describe('screenshots of the main screens', () => {
  it('saves them (to docs/screenshots with npm run screenshots)', async () => {
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
      const file = screenshotPath(shot.file);
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
