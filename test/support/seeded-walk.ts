import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from './browser';
import { seedOrganization, type SeededOrganization } from './seed-organization';
import { screensToWalk, type WalkStep } from './ui-walk';
import { startWebApp } from './web-app';

export interface SeededWalk {
  web: Awaited<ReturnType<typeof startWebApp>>;
  seeded: SeededOrganization;
  page: Page;
  /** Every screen (and open dialog) to visit, in order. */
  steps: WalkStep[];
}

/**
 * For tests that visit every screen (language, accessibility): a realistic organization in browser mode,
 * one Chromium page, and the walk over the screens. Set up once per file; filled in before the tests run.
 */
export function useSeededWalk(): SeededWalk {
  const walk = {} as SeededWalk;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-walk-'));
    walk.web = await startWebApp(path.join(dir, 'flow-admin.db'));
    walk.seeded = await seedOrganization(walk.web.app);
    walk.page = await browser.context.newPage();
    walk.steps = await screensToWalk(walk.page, walk.web.server.url, walk.seeded);
  });
  afterAll(async () => {
    await walk.web?.stop();
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return walk;
}
