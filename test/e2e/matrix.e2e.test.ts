import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppContext } from '../../electron/app-context';
import type { WorkflowDefinition } from '../../electron/domain/workflow/workflow-definition';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';

/**
 * The workflow × store matrix in Chromium: keyboard use, bulk changes with a summary, filters, and
 * smooth scrolling at 2,000 workflows × 1,000 stores. The organizations are seeded through the API (the
 * scenario test builds its one through the UI).
 */
const e2e = useE2e();

const tagOrders: WorkflowDefinition = {
  trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [{ id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: 'order.id', tags: 'new' } }],
};
const trackInKlaviyo: WorkflowDefinition = {
  trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [
    {
      id: 'track',
      kind: 'action',
      task: { app: 'klaviyo', handle: 'track_event' },
      inputs: { event_name: 'Order', customer_email: '{{ order.customer.email }}' },
    },
  ],
};

/** Stores named Store 0001…; Klaviyo (set up) in every other store; every workflow enabled in every `enableEvery`-th store. */
async function seed(app: AppContext, name: string, storeCount: number, workflowCount: number, enableEvery: number) {
  const org = await call(app, 'organizations.create', { name });
  const stores: string[] = [];
  for (let i = 1; i <= storeCount; i++) {
    const n = String(i).padStart(4, '0');
    const store = await call(app, 'stores.add', {
      organizationId: org.id,
      name: `Store ${n}`,
      domain: `${name.toLowerCase().replace(/\W+/g, '-')}-${n}.myshopify.com`,
    });
    stores.push(store.id);
  }
  await call(app, 'apps.install', { appId: 'klaviyo', storeIds: stores.filter((_, i) => i % 2 === 0), setupComplete: true });
  for (let i = 1; i <= workflowCount; i++) {
    const n = String(i).padStart(4, '0');
    await call(app, 'workflows.create', {
      organizationId: org.id,
      name: `Workflow ${n}`,
      definition: i % 2 === 0 ? trackInKlaviyo : tagOrders,
    });
  }
  for (let s = 0; s < storeCount; s += enableEvery)
    await call(app, 'activations.setInStore', { storeId: stores[s]!, workflowIds: 'all', enabled: true });
  return { organizationId: org.id, stores };
}

async function openMatrix(page: Page, url: string) {
  await page.goto(url + '#/workflows/matrix');
  await expect.poll(() => page.getByRole('gridcell').count(), { timeout: 30_000 }).toBeGreaterThan(0);
}

const bulkSummary = (page: Page) => page.getByRole('region', { name: 'Change the selected' }).getByRole('status').innerText();
/** The page's globals, typed here because this file is type-checked for Node, without the DOM library. */
interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface PageGlobals {
  document: { activeElement: PageElement | null };
  requestAnimationFrame(callback: () => void): void;
}
const focused = (page: Page, attribute: string) =>
  page.evaluate((name) => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute(name) ?? '', attribute);
const focusedLabel = (page: Page) => focused(page, 'aria-label');

describe('the workflow × store matrix in Chromium', () => {
  it('is used by keyboard: labelled cells, arrows, Space to select, Enter to see why; bulk changes end with a summary', async () => {
    const web = await e2e.startWebApp();
    await seed(web.app, 'Small Org', 5, 3, 2);
    const page = await e2e.newPage();
    await openMatrix(page, web.server.url);

    // Workflow 0001 tags orders (Shopify only): running where enabled (stores 1, 3, 5), off elsewhere.
    // Workflow 0002 uses Klaviyo, installed in stores 1, 3, 5: running there too.
    expect(await page.getByRole('grid').getAttribute('aria-rowcount')).toBe('4');
    expect(await page.getByRole('grid').getAttribute('aria-colcount')).toBe('6');
    await page.getByRole('gridcell', { name: 'Workflow 0001 in Store 0001: Running: Runs in this store' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedLabel(page)).toBe('Workflow 0001 in Store 0002: Off: Not enabled in this store');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedLabel(page)).toBe('Workflow 0002 in Store 0002: Off: Not enabled in this store');
    await page.keyboard.press('Space');
    expect(await page.getByRole('gridcell', { name: /^Workflow 0002 in Store 0002/ }).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => page.getByRole('region', { name: 'Change the selected' }).textContent())
      .toContain('Selected: 0 workflows, 0 stores, 1 cell');

    // Enable the one cell: Klaviyo is not installed in Store 0002, so it is enabled but blocked, with the reason.
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    // The server counts the change before it is made; the admin confirms it.
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('Enable 1 workflow-store pair.');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => bulkSummary(page)).toBe('Enabled 1 workflow-store pair (1 workflow, 1 store).');
    const blocked = page.getByRole('gridcell', { name: /^Workflow 0002 in Store 0002/ });
    await expect
      .poll(() => blocked.getAttribute('aria-label'))
      .toBe('Workflow 0002 in Store 0002: Blocked: Klaviyo - Email Marketing is not installed in this store');
    await blocked.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Workflow 0002 in Store 0002' });
    await expect.poll(() => panel.textContent()).toContain('Klaviyo - Email Marketing is not installed in this store');

    // The panel shows the published version that runs in this store; Escape closes it and gives focus back to the cell.
    await expect.poll(() => panel.textContent()).toContain('Runs version 1 in this store');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => focusedLabel(page)).toMatch(/^Workflow 0002 in Store 0002: Blocked/);

    // A whole column by keyboard: up to the store's header, Space, then Disable.
    await blocked.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focused(page, 'role')).toBe('columnheader');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect
      .poll(() => page.getByRole('dialog').textContent())
      .toContain('Disable 1 workflow-store pair. 2 selected pairs are already as asked and stay.');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => bulkSummary(page)).toBe('Disabled 1 workflow-store pair (1 workflow, 1 store). 2 already were as asked.');

    // Real checkboxes: a row's, then Shift-click on another row's selects every row between (not a toggle).
    const rowBox = (n: string) => page.getByRole('checkbox', { name: `Select Workflow ${n} in every store shown` });
    await rowBox('0001').click();
    await rowBox('0003').click({ modifiers: ['Shift'] });
    for (const n of ['0001', '0002', '0003']) expect(await rowBox(n).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Change the selected' }).textContent()).toContain('Selected: 3 workflows');
    // Shift-click again on a selected row keeps the range selected.
    await rowBox('0002').click({ modifiers: ['Shift'] });
    expect(await rowBox('0002').isChecked()).toBe(true);
    // Cells: a click on one's selection box (drawn left of its badge), Shift-click on another's selects the
    // rectangle between; the cells say so (aria-selected) and draw the box ticked.
    await page.getByRole('button', { name: 'Clear selection' }).click();
    const cell = (w: string, s: string) => page.getByRole('gridcell', { name: new RegExp(`^Workflow ${w} in Store ${s}:`) });
    const box = { x: 14, y: 20 };
    await cell('0001', '0001').click({ position: box });
    await cell('0002', '0003').click({ position: box, modifiers: ['Shift'] });
    await expect.poll(() => page.getByRole('region', { name: 'Change the selected' }).textContent()).toContain('6 cells');
    expect(await cell('0002', '0002').getAttribute('aria-selected')).toBe('true');
    // A click on a selected cell's box lets it go; a click on its badge opens it instead.
    await cell('0002', '0002').click({ position: box });
    expect(await cell('0002', '0002').getAttribute('aria-selected')).toBe('false');
    await expect.poll(() => page.getByRole('region', { name: 'Change the selected' }).textContent()).toContain('5 cells');
    await page.getByRole('button', { name: 'Clear selection' }).click();

    // Filter by status: only the rows and columns with a blocked pair are left (none now).
    await page.getByRole('checkbox', { name: 'Blocked' }).check();
    await expect.poll(() => page.getByText('No workflows match the filter.').isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: 'Blocked' }).uncheck();
    await page.getByLabel('App').selectOption({ label: 'Klaviyo - Email Marketing' });
    await expect.poll(() => page.getByRole('rowheader').allTextContents()).toEqual([expect.stringContaining('Workflow 0002')]);
  });

  // Seeding 3,000 things through the API takes a minute on a loaded machine: the test has more time than the e2e default.
  it('stays smooth with 2,000 workflows × 1,000 stores: only visible cells are in the page, rows load as they scroll', async () => {
    const web = await e2e.startWebApp();
    const started = Date.now();
    await seed(web.app, 'Big Org', 1000, 2000, 20);
    const seeded = Date.now() - started;
    const page = await e2e.newPage();
    const opened = Date.now();
    await openMatrix(page, web.server.url);
    const firstCells = Date.now() - opened;
    expect(await page.getByRole('grid').getAttribute('aria-rowcount')).toBe('2001');
    expect(await page.getByRole('grid').getAttribute('aria-colcount')).toBe('1001');

    // Scroll as a mouse wheel does (120 px a frame), then jump diagonally through the whole grid, timing the frames.
    const timeFrames = (mode: 'wheel' | 'jump') =>
      page.getByRole('grid').evaluate(async (grid, mode) => {
        const frame = () => new Promise<void>((resolve) => (globalThis as unknown as PageGlobals).requestAnimationFrame(resolve));
        const steps = 90;
        const times: number[] = [];
        let last = performance.now();
        for (let i = 1; i <= steps; i++) {
          if (mode === 'wheel') {
            grid.scrollTop += 120;
            grid.scrollLeft += 40;
          } else {
            grid.scrollTop = ((grid.scrollHeight - grid.clientHeight) * i) / steps;
            grid.scrollLeft = ((grid.scrollWidth - grid.clientWidth) * i) / steps;
          }
          await frame();
          const now = performance.now();
          times.push(now - last);
          last = now;
        }
        return times.sort((a, b) => a - b);
      }, mode);
    const stats = (times: number[]) => ({ median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! });
    const wheel = stats(await timeFrames('wheel'));
    const jump = stats(await timeFrames('jump'));
    const cellsInPage = await page.getByRole('gridcell').count();
    // The last row and column arrive from the API once scrolled to.
    await expect.poll(() => page.getByRole('gridcell', { name: /^Workflow 2000 in Store 1000: / }).count(), { timeout: 30_000 }).toBe(1);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      `matrix 2000×1000: seeded in ${seeded} ms; first cells after ${firstCells} ms; ${cellsInPage} cells in the page; ` +
        `frames while wheel-scrolling: median ${ms(wheel.median)}, p95 ${ms(wheel.p95)}; jumping across the grid: median ${ms(jump.median)}, p95 ${ms(jump.p95)}`,
    );
    // Virtualized: a few hundred cells of the 2,000,000 are in the page. Frame times are printed, not asserted
    // (a shared CI machine's timing is no verdict); docs/performance.md records them.
    expect(cellsInPage).toBeLessThan(1500);
  }, 480_000);

  it('shows store names whole in the column headers where there is room, at 1280 and 1024 px wide', async () => {
    const web = await e2e.startWebApp();
    const org = await call(web.app, 'organizations.create', { name: 'Nordic Outdoor' });
    const names = ['Nordic Outdoor Oslo Sentrum', 'Nordic Outdoor Bergen Bryggen', 'Nordic Outdoor Trondheim Solsiden', 'Tromsø'];
    for (const [i, name] of names.entries())
      await call(web.app, 'stores.add', { organizationId: org.id, name, domain: `nordic-outdoor-${i + 1}.myshopify.com` });
    await call(web.app, 'workflows.create', { organizationId: org.id, name: 'Tag orders', definition: tagOrders });
    const page = await e2e.newPage();
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await openMatrix(page, web.server.url);
      await expect.poll(() => page.getByRole('columnheader').count()).toBe(names.length + 1);
      // A name is cut off when its box is smaller than its text (an ellipsis or a clipped second line).
      const clipped = await page
        .locator('.store-name')
        .evaluateAll((spans) =>
          spans.filter((s) => s.scrollWidth > s.clientWidth + 1 || s.scrollHeight > s.clientHeight + 1).map((s) => s.textContent ?? ''),
        );
      expect({ width, clipped }).toEqual({ width, clipped: [] });
    }
  });
});
