import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';
import { flowFixture } from '../support/transfer-fixture';

/**
 * The canvas from the keyboard in Chromium, as issue 13 lists it: Tab walks the cards and their "+" buttons in
 * flow order (in from the page lands on the trigger, out goes on to the canvas's tools), Enter on a "+" adds
 * there and on a card opens it, arrow keys follow the lines, Delete asks before removing.
 */
const e2e = useE2e();
const CONDITION = '7c6be61d-31d4-4277-ad40-f955e8b64b23';
const THEN_ACTION = 'bb9a7797-534f-43ff-b425-75e2ccf7cbbf';
const OTHERWISE_ACTION = 'b3872648-d533-445a-a49d-041b8ae29c6b';
const TRIGGER = 'c44023e8-674a-44fc-9c0b-f65f8ed04fa5';

/** What has focus: a card by its id, anything else by its accessible name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    type Focused = { getAttribute(name: string): string | null; textContent: string | null };
    const el = (globalThis as unknown as { document: { activeElement: Focused | null } }).document.activeElement;
    return el?.getAttribute('data-id') ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  });

async function openCanvas() {
  const web = await e2e.startWebApp();
  const org = await call(web.app, 'organizations.create', { name: 'Nordic Goods' });
  const name = 'arranged-canvas.flow';
  const imported = await call(web.app, 'transfer.import', { organizationId: org.id, files: [{ name, text: flowFixture(name) }] });
  const page = await e2e.newPage(`${web.server.url}#/workflows/${imported.imported[0]!.workflowId}`);
  await page.getByRole('button', { name: 'Canvas', exact: true }).click();
  await expect.poll(() => page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(4);
  // The lines and their "+" buttons are drawn once the cards are measured, a frame after the cards: Tab walks them too.
  await expect.poll(() => page.locator('.workflow-canvas button.add').count()).toBe(6);
  return page;
}

describe('the canvas from the keyboard in Chromium', () => {
  it('Tab walks cards and "+" buttons in flow order, in at the trigger and out to the tools; Shift+Tab walks back', async () => {
    const page = await openCanvas();
    await page.getByRole('button', { name: 'Canvas', exact: true }).focus();
    for (let i = 0; i < 12 && !(await page.locator('.workflow-canvas :focus').count()); i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(TRIGGER);

    const walk: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      walk.push(await focused(page));
    }
    expect(walk).toEqual([
      'Add a step between Order created and Condition',
      CONDITION,
      expect.stringMatching(/^Add a step between Condition \(Then\) and Shopify: Add order tags/),
      THEN_ACTION,
      'Add a step at the end of Then of Condition',
      expect.stringMatching(/^Add a step between Condition \(Otherwise\) and /),
      OTHERWISE_ACTION,
      'Add a step at the end of Otherwise of Condition',
      'Add a step at the end of the workflow',
      'Zoom to fit',
    ]);

    await page.getByRole('button', { name: 'Add a step at the end of the workflow' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Add a step at the end of Otherwise of Condition');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe(OTHERWISE_ACTION);

    // Every "+" draws its plus (no font glyph that a missing font turns into a box).
    const pluses = page.locator('.workflow-canvas button.add');
    expect(await pluses.count()).toBe(6);
    for (const plus of await pluses.all()) {
      expect(await plus.locator('svg path').count()).toBe(1);
      expect((await plus.textContent())!.trim()).toBe('');
    }

    // Enter on a "+" adds a step there.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const adding = page.getByRole('region', { name: 'Add a step' });
    await expect.poll(() => adding.isVisible()).toBe(true);
    expect(await adding.textContent()).toMatch(/Add a step between Condition \(Otherwise\) and /);
  });

  it('arrow keys follow the lines, Enter opens a card, Delete asks first and keeps the step when the admin declines', async () => {
    const page = await openCanvas();
    const card = (id: string) => page.locator(`.workflow-canvas .svelte-flow__node[data-id="${id}"]`);
    await card(CONDITION).focus();
    const path: string[] = [];
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowUp']) {
      await page.keyboard.press(key);
      path.push(await focused(page));
    }
    expect(path).toEqual([THEN_ACTION, OTHERWISE_ACTION, THEN_ACTION, CONDITION, TRIGGER]);

    await card(OTHERWISE_ACTION).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#step-panel').isVisible()).toBe(true);
    expect(await page.locator('#step-panel h2').textContent()).toMatch(/^Shopify: Send/);

    await card(OTHERWISE_ACTION).focus();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(4);
  });
});
