import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Step } from '../../electron/domain/workflow/workflow-definition';
import { call } from '../support/app';
import { useE2e } from '../support/e2e';
import { flowFixture } from '../support/transfer-fixture';

/**
 * Moving a step on the canvas in Chromium: dragging the Otherwise action onto the "+" at the end of Then
 * lights that "+" up and moves the step there (saved with its place, undone and redone like any edit); the
 * side panel's "Move…" does the same from the keyboard.
 */
const e2e = useE2e();
const CONDITION = '7c6be61d-31d4-4277-ad40-f955e8b64b23';
const THEN_ACTION = 'bb9a7797-534f-43ff-b425-75e2ccf7cbbf';
const OTHERWISE_ACTION = 'b3872648-d533-445a-a49d-041b8ae29c6b';

/** A card, or a "+" end (drawn with the lines, not an xyflow node). */
const nodeAt = (page: Page, id: string) =>
  page.locator(`.workflow-canvas .svelte-flow__node[data-id="${id}"], .workflow-canvas .canvas-end[data-id="${id}"]`);

/** The condition's branches as ids, as the editor holds them now (read from the saved draft). */
function branches(steps: readonly Step[]): { then: string[]; else: string[] } {
  const condition = steps.find((s) => s.id === CONDITION);
  if (condition?.kind !== 'condition') throw new Error('the condition is gone');
  return { then: condition.then.map((s) => s.id), else: condition.else.map((s) => s.id) };
}

async function openCanvas() {
  const web = await e2e.startWebApp();
  const org = await call(web.app, 'organizations.create', { name: 'Nordic Goods' });
  const name = 'arranged-canvas.flow';
  const imported = await call(web.app, 'transfer.import', { organizationId: org.id, files: [{ name, text: flowFixture(name) }] });
  const workflowId = imported.imported[0]!.workflowId;
  const page = await e2e.newPage(`${web.server.url}#/workflows/${workflowId}`);
  await page.getByRole('button', { name: 'Canvas', exact: true }).click();
  await expect.poll(() => page.locator('.workflow-canvas .svelte-flow__node-step').count()).toBe(4);
  // The mouse goes to where the cards are drawn once the canvas is measured and fitted to its pane: its lines and
  // "+" buttons are drawn then too (a frame after the cards), so they are what is waited for.
  await expect.poll(() => page.locator('.workflow-canvas button.add').count()).toBe(6);
  return { web, page, workflowId };
}

async function saveDraft(page: Page) {
  await page.getByRole('button', { name: 'Save draft', exact: true }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('All changes saved');
}

describe('moving a step on the canvas in Chromium', () => {
  it('drags the Otherwise action onto the "+" at the end of Then: the "+" lights up, the step moves there, undo and redo follow', async () => {
    const { web, page, workflowId } = await openCanvas();
    const from = (await nodeAt(page, OTHERWISE_ACTION).boundingBox())!;
    const endOfThen = nodeAt(page, `end:${CONDITION}:then`);
    const to = (await endOfThen.boundingBox())!;

    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    const steps = 20;
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(
        from.x + from.width / 2 + ((to.x + to.width / 2 - from.x - from.width / 2) * i) / steps,
        from.y + from.height / 2 + ((to.y + to.height / 2 - from.y - from.height / 2) * i) / steps,
      );
    }
    // While the card is over it, the "+" it would be dropped on is marked; no other one is.
    await expect.poll(() => endOfThen.getAttribute('class')).toContain('drop-target');
    expect(await page.locator('.workflow-canvas .drop-target').count()).toBe(1);
    await page.mouse.up();
    await expect.poll(() => page.locator('.workflow-canvas .drop-target').count()).toBe(0);

    // The lines say where it went: the Then action now leads to it, Otherwise is empty.
    const line = (source: string, port: string, target: string) => page.locator(`.canvas-edge[data-id="${source}|${port}|${target}"]`);
    await expect.poll(() => line(THEN_ACTION, 'output', OTHERWISE_ACTION).count()).toBe(1);
    expect(await line(CONDITION, 'else', `end:${CONDITION}:else`).count()).toBe(1);

    // One edit in the editor's history: undo puts it back on Otherwise, redo moves it again.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => line(CONDITION, 'else', OTHERWISE_ACTION).count()).toBe(1);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => line(THEN_ACTION, 'output', OTHERWISE_ACTION).count()).toBe(1);

    await saveDraft(page);
    const saved = await call(web.app, 'workflows.get', { id: workflowId });
    expect(branches(saved.definition.steps)).toEqual({ then: [THEN_ACTION, OTHERWISE_ACTION], else: [] });
    // Saved where the canvas draws it: below the Then action (the arrangement kept, the rest unmoved).
    const positions = saved.definition.positions!;
    expect(positions[OTHERWISE_ACTION]![0]).toBe(positions[THEN_ACTION]![0]);
    expect(positions[OTHERWISE_ACTION]![1]).toBeGreaterThan(positions[THEN_ACTION]![1]);
    expect(positions[CONDITION]).toEqual([160, 160]);
  });

  it('moves a step from the keyboard: Move… in the side panel lists the places, in flow order, and moves it to the chosen one', async () => {
    const { web, page, workflowId } = await openCanvas();
    await nodeAt(page, THEN_ACTION).focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('#step-panel');
    await panel.getByRole('button', { name: 'Move…' }).click();
    const where = page.getByRole('combobox', { name: 'Move to' });
    await expect.poll(() => where.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const choices = await where.locator('option').allTextContents();
    expect(choices[0]).toMatch(/^Between Order created and Condition/);
    expect(choices).toContain('At the end of Otherwise of Condition');
    expect(choices).not.toContain('At the end of Then of Condition');

    await where.selectOption({ label: 'At the end of Otherwise of Condition' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // Focus comes back to the moved card, and screen readers hear where it went.
    await expect.poll(() => page.locator('.svelte-flow__node:focus').getAttribute('data-id')).toBe(THEN_ACTION);
    await expect.poll(() => page.locator('[aria-live="polite"]').first().textContent()).toContain('At the end of Otherwise of Condition');

    await saveDraft(page);
    const saved = await call(web.app, 'workflows.get', { id: workflowId });
    expect(branches(saved.definition.steps)).toEqual({ then: [], else: [OTHERWISE_ACTION, THEN_ACTION] });
  });
});
