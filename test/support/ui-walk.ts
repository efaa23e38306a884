import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SeededOrganization } from './seed-organization';
import { backupWalkSteps } from './backup-walk';
import { runWalkSteps } from './runs-walk';

export interface WalkStep {
  /** A short name for messages and screenshot files. */
  name: string;
  hash: string;
  /** The screen shows a thing whose name is data (a store, an app), not a UI text. */
  detail?: boolean;
  /** After the screen has loaded: opens the dialog or panel the step is about. */
  then?: (page: Page) => Promise<void>;
}

/**
 * Every screen of the app with the seeded organization: the ones in the main navigation (whatever screens
 * exist when the test runs) and the detail screens behind them.
 */
export async function screensToWalk(page: Page, baseUrl: string, seeded: SeededOrganization): Promise<WalkStep[]> {
  await page.goto(`${baseUrl}#/overview`);
  const nav = page.getByRole('navigation', { name: /./ }).first();
  await nav.getByRole('link').first().waitFor();
  const hrefs = await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const steps: WalkStep[] = hrefs.map((href) => ({ name: href.replace(/^#\//, ''), hash: href }));
  const has = (screen: string) => hrefs.includes(`#/${screen}`);
  if (has('stores')) {
    steps.push({ name: 'store', hash: `#/stores/${seeded.stores.Oslo}`, detail: true });
    steps.push({ name: 'store-without-flow', hash: `#/stores/${seeded.stores.Helsinki}`, detail: true });
  }
  if (has('apps')) {
    steps.push({ name: 'app-installed', hash: '#/apps/loyaltylion', detail: true });
    steps.push({ name: 'app-not-installed', hash: '#/apps/klevu', detail: true });
  }
  if (has('workflows')) {
    steps.push({ name: 'workflow-matrix', hash: '#/workflows/matrix' });
    steps.push({ name: 'workflow-editor', hash: `#/workflows/${seeded.workflows['Tell the team about large orders']}`, detail: true });
  }
  steps.push(...backupWalkSteps(seeded, has));
  steps.push(...(await runWalkSteps(page, seeded, has)));
  return steps;
}

/** Opens a screen and waits until it has loaded what it shows. */
export async function openScreen(page: Page, baseUrl: string, step: WalkStep): Promise<void> {
  await page.goto(`${baseUrl}${step.hash}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page
    .locator('main')
    .filter({ hasNotText: /Loading…|Laster …/ })
    .waitFor({ timeout: 10_000 });
  await step.then?.(page);
}

// Runs in the page, as a string: this file is type-checked for Node, without the DOM's types.
const collectTexts = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    const parent = node.parentElement;
    // translate="no" marks data shown as it is (a payload, an id, a URL): the same in any language.
    if (!text || !parent || parent.closest('script, style, template, [translate="no"]')) continue;
    if (parent.closest('option') || parent.checkVisibility({ visibilityProperty: true })) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
    for (const attr of ['aria-label', 'placeholder', 'title']) {
      const value = el.getAttribute(attr)?.trim();
      if (value) out.push(value);
    }
  }
  return out;
})()`;

/**
 * The texts a person sees or hears on the page: visible text nodes, and the labels, placeholders and titles
 * assistive technology reads out.
 */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(collectTexts) as Promise<string[]>;
}

/** Keys look like `<area>.<key>` for the locale areas that exist (so store addresses do not look like keys). */
export function untranslatedKeyPattern(): RegExp {
  const areas = fs
    .readdirSync(path.resolve('renderer/src/lib/i18n/locales/en'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  return new RegExp(`^(${areas.join('|')})\\.[a-zA-Z_.]+$`);
}

export function localeValues(language: 'en' | 'nb'): Set<string> {
  const dir = path.resolve('renderer/src/lib/i18n/locales', language);
  const out = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === 'string') out.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')))
    collect(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  return out;
}
