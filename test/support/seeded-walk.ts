import { beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from './e2e';
import { seedOrganization, type SeededOrganization } from './seed-organization';
import { screensToWalk, type WalkStep } from './ui-walk';
import type { WebApp } from './web-app';

export interface SeededWalk {
  web: WebApp;
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
  const e2e = useE2e();
  const walk = {} as SeededWalk;
  beforeAll(async () => {
    walk.web = await e2e.startWebApp();
    walk.seeded = await seedOrganization(walk.web.app);
    walk.page = await e2e.newPage();
    walk.steps = await screensToWalk(walk.page, walk.web.server.url, walk.seeded);
  });
  return walk;
}
