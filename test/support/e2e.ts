import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppContextOptions } from '../../electron/app-context';
import { launchChromium } from './browser';
import { startWebApp, type WebApp } from './web-app';

export interface E2e {
  /** A new tab, at `url` if given; anything it throws or logs as an error fails the test it happens in. */
  newPage(url?: string): Promise<Page>;
  /** Browser mode on a fresh database file (or on `databasePath`, to open one again). */
  startWebApp(databasePath?: string, options?: Partial<AppContextOptions>): Promise<WebApp>;
  /** A fresh directory. */
  tempDir(): string;
}

/** What one scope opened, closed in this order: pages, then web apps, then directories. */
class Opened {
  pages: Page[] = [];
  apps: WebApp[] = [];
  dirs: string[] = [];
  async close(): Promise<void> {
    for (const page of this.pages.splice(0)) await page.close();
    for (const web of this.apps.splice(0)) await web.stop();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The one Chromium of an e2e file (launched once) and what the tests open in it. What a test opens is closed
 * after it; what a before-all hook opens (a walk over every screen) is closed after the file. After every
 * test, the test fails if a page threw or logged an error meanwhile. One policy for every file: Chromium logs
 * refused API calls (a wrong passphrase, a taken name) as "Failed to load resource"; the UI shows those
 * refusals, so they are expected.
 */
export function useE2e(): E2e {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const forFile = new Opened();
  const forTest = new Opened();
  let inTest = false;
  const errors: string[] = [];
  const takeErrors = () => errors.splice(0);

  beforeAll(async () => {
    browser = await launchChromium();
  });
  beforeEach(() => {
    inTest = true;
  });
  afterEach(async () => {
    inTest = false;
    await forTest.close();
    const seen = takeErrors();
    expect(seen, seen.join('\n')).toEqual([]);
  });
  afterAll(async () => {
    const seen = takeErrors();
    await forFile.close();
    await browser?.close();
    expect(seen, seen.join('\n')).toEqual([]);
  });

  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-admin-e2e-'));
    (inTest ? forTest : forFile).dirs.push(dir);
    return dir;
  };
  return {
    tempDir,
    async newPage(url) {
      if (!browser) throw new Error('useE2e(): Chromium is not running yet (open pages in a test or a before-hook)');
      const page = await browser.context.newPage();
      (inTest ? forTest : forFile).pages.push(page);
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console error: ${m.text()}`);
      });
      if (url) await page.goto(url);
      return page;
    },
    async startWebApp(databasePath, options = {}) {
      const web = await startWebApp(databasePath ?? path.join(tempDir(), 'flow-admin.db'), options);
      (inTest ? forTest : forFile).apps.push(web);
      return web;
    },
  };
}
