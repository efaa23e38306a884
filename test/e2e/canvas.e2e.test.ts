import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FlowDocument } from '../../electron/transfer/flow-file/flow-json';
import { call } from '../support/app';
import { seriousAxeFindings } from '../support/axe';
import { useE2e } from '../support/e2e';
import { screenshotPath } from '../support/screenshots';
import { flowFixture } from '../support/transfer-fixture';

/**
 * The workflow canvas in Chromium: a workflow imported from a .flow file arranged by hand shows the same
 * arrangement; an action added on the Otherwise branch from the canvas is saved with its place, exported
 * into step_position and imported back unchanged; a recorded run shows the way it went.
 */
const e2e = useE2e();
const FILE = 'arranged-canvas.flow';
const CONDITION = '7c6be61d-31d4-4277-ad40-f955e8b64b23';
const OTHERWISE_ACTION = 'b3872648-d533-445a-a49d-041b8ae29c6b';

const positionsIn = (text: string) =>
  Object.fromEntries((JSON.parse(text.slice(65)) as FlowDocument).root.steps.map((s) => [s.step_id, s.step_position as [number, number]]));

/** Where the canvas draws each card: the node's translate(x, y) in flow coordinates. */
async function drawnPositions(page: Page): Promise<Record<string, [number, number]>> {
  const cards = page.locator('.workflow-canvas .svelte-flow__node-step');
  const out: Record<string, [number, number]> = {};
  for (const card of await cards.all()) {
    const id = (await card.getAttribute('data-id'))!;
    const transform = await card.evaluate((el) => (el as unknown as { style: { transform: string } }).style.transform);
    const [, x, y] = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(transform)!;
    out[id] = [Number(x), Number(y)];
  }
  return out;
}

const card = (page: Page, name: RegExp) => page.getByRole('group', { name });

async function importArranged() {
  const web = await e2e.startWebApp();
  const org = await call(web.app, 'organizations.create', { name: 'Nordic Goods' });
  const store = await call(web.app, 'stores.add', { organizationId: org.id, name: 'Oslo', domain: 'nordic-oslo.myshopify.com' });
  const imported = await call(web.app, 'transfer.import', { organizationId: org.id, files: [{ name: FILE, text: flowFixture(FILE) }] });
  const workflowId = imported.imported[0]!.workflowId;
  const page = await e2e.newPage(`${web.server.url}#/workflows/${workflowId}`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Big staff orders, arranged');
  return { web, org, store, page, workflowId };
}

describe('the workflow canvas in Chromium', () => {
  it('shows an imported arrangement as it was; an action added on Otherwise is saved, exported and imported back with every position and the structure', async () => {
    const { web, org, page, workflowId } = await importArranged();
    await page.getByRole('button', { name: 'Canvas', exact: true }).click();
    await expect.poll(() => page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(4);
    const inFile = positionsIn(flowFixture(FILE));
    expect(await drawnPositions(page)).toEqual(inFile);

    // Cards say what they are; the condition has its Then and Otherwise lines.
    expect(await card(page, /^Condition: Condition\./).getAttribute('aria-label')).toContain('No problems');
    // The lines are drawn once the cards are measured, a frame after the cards themselves.
    await expect
      .poll(() => page.locator('.flow-edge-label .branch').allTextContents())
      .toEqual(expect.arrayContaining(['Then', 'Otherwise']));

    // Keyboard: Tab reaches the trigger first; arrow down follows the line to the condition; Enter opens it in the panel.
    await card(page, /^Trigger: Order created/).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.svelte-flow__node:focus').getAttribute('data-id')).toBe(CONDITION);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'Condition' }).isVisible()).toBe(true);

    // Add an action at the end of Otherwise from the canvas.
    // From the keyboard (the minimap may lie over that corner of the canvas).
    await page.getByRole('button', { name: 'Add a step at the end of Otherwise of Condition' }).focus();
    await page.keyboard.press('Enter');
    const adding = page.getByRole('region', { name: 'Add a step' });
    await adding.getByRole('button', { name: 'Add action' }).click();
    await adding
      .getByRole('region', { name: 'Installed', exact: true })
      .getByRole('group', { name: 'Shopify' })
      .getByRole('button', { name: /^Add order tags/ })
      .click();
    await expect.poll(() => page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(5);
    const panel = page.getByRole('region', { name: 'Shopify: Add order tags' });
    await panel.getByRole('textbox', { name: /^Tags/ }).fill('small-order');
    await panel.getByRole('textbox', { name: /^Tags/ }).press('Enter');

    expect(await seriousAxeFindings(page, '.editor-screen')).toEqual([]);

    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('All changes saved');
    const drawn = await drawnPositions(page);
    const saved = await call(web.app, 'workflows.get', { id: workflowId });
    const first = saved.definition.steps[0]!;
    const added = first.kind === 'condition' ? first.else[1]! : null;
    expect(added).toMatchObject({ kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' } });
    // Every step, the new one too, is saved where the canvas drew it; the imported ones did not move.
    expect(saved.definition.positions).toEqual(drawn);
    for (const [id, at] of Object.entries(inFile)) expect(drawn[id]).toEqual(at);
    expect(drawn[added!.id]![0]).toBe(inFile[OTHERWISE_ACTION]![0]);

    // Export, import again: the same arrangement and the same structure.
    const exported = await call(web.app, 'transfer.exportWorkflow', { workflowId });
    expect(positionsIn(exported.text)).toEqual(drawn);
    const again = await call(web.app, 'transfer.import', { organizationId: org.id, files: [{ name: 'again.flow', text: exported.text }] });
    const back = await call(web.app, 'workflows.get', { id: again.imported[0]!.workflowId });
    expect(back.definition.positions).toEqual(saved.definition.positions);
    expect(back.definition.steps).toEqual(saved.definition.steps);
    expect(back.definition.trigger).toEqual(saved.definition.trigger);

    // The view is remembered: the canvas opens again after a reload.
    await page.reload();
    await expect.poll(() => page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(5);
    await page.screenshot({ path: screenshotPath('workflow-canvas.png'), fullPage: true });
    await call(web.app, 'settings.update', { theme: 'dark' });
    await page.reload();
    await expect.poll(() => page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(5);
    await page.screenshot({ path: screenshotPath('workflow-canvas-dark.png'), fullPage: true });
    await call(web.app, 'settings.update', { theme: 'light', language: 'nb' });
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Lerret', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: screenshotPath('workflow-canvas-nb.png'), fullPage: true });
  });

  it('removes a step from the canvas only after asking, and undo brings it back', async () => {
    const { page } = await importArranged();
    await page.getByRole('button', { name: 'Canvas', exact: true }).click();
    await card(page, /^Action: Shopify: Send internal email|^Action: Shopify: Send email/).focus();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Remove step' }).click();
    await expect.poll(() => page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(3);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(4);
    expect(await page.getByRole('button', { name: 'Redo', exact: true }).isDisabled()).toBe(false);
  });

  it("a recorded run's page shows the way it went: its steps and lines marked, the other branch dimmed", async () => {
    const { web, store, workflowId, page } = await importArranged();
    await call(web.app, 'activations.set', { workflowId, storeIds: [store.id], enabled: true });
    const sample = await call(web.app, 'runtime.samplePayload', { app: 'shopify', handle: 'order_created' });
    const { runIds } = await call(web.app, 'runtime.sendTestEvent', {
      storeId: store.id,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: sample.payload,
    });
    const run = await call(web.app, 'runs.get', { runId: runIds[0]! });
    const condition = run.steps.find((s) => s.kind === 'condition')!;
    const took = (condition.outputs as { result: boolean }).result;
    await page.goto(`${web.server.url}#/runs/${run.id}`);
    const picture = page.getByRole('region', { name: 'The run on the workflow' });
    await expect.poll(() => picture.locator('.svelte-flow__node-step').count()).toBe(4);
    const [ran, skipped] = took
      ? ['bb9a7797-534f-43ff-b425-75e2ccf7cbbf', OTHERWISE_ACTION]
      : [OTHERWISE_ACTION, 'bb9a7797-534f-43ff-b425-75e2ccf7cbbf'];
    expect(await picture.locator(`.svelte-flow__node[data-id="${ran}"] .card-node`).getAttribute('class')).toContain('taken');
    expect(await picture.locator(`.svelte-flow__node[data-id="${skipped}"] .card-node`).getAttribute('class')).toContain('skipped');
    expect(await picture.locator(`.svelte-flow__node[data-id="${CONDITION}"]`).getAttribute('aria-label')).toMatch(/taken\.$/);
    // The lines are drawn once the cards are measured, a frame after the cards themselves.
    await expect.poll(() => picture.locator('.svelte-flow__edge-path.taken').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('run-canvas.png'), fullPage: true });
  });
});
