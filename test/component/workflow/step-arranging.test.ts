import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../renderer/src/components/workflow/editor-model';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { ConditionStep, Step } from '../../../electron/domain/workflow/workflow-definition';
import EditorHarness from './EditorHarness.svelte';
import { apps } from './catalog-fixture';

beforeAll(() => catalog.set(apps));

const tag = (id: string, tags: string): Step => ({
  id,
  kind: 'action',
  task: { app: 'shopify', handle: 'add_order_tags' },
  inputs: { tags },
});
const note = (id: string): Step => ({
  id,
  kind: 'action',
  task: { app: 'shopify', handle: 'add_order_note' },
  inputs: { order_id: 'order.id', note: 'x' },
});

const initial: Draft = {
  name: 'Big orders',
  description: '',
  definition: {
    trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
    steps: [
      {
        id: 'big',
        kind: 'condition',
        condition: {
          kind: 'group',
          operator: 'and',
          items: [{ kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 100 }],
        },
        then: [tag('tag-big', 'big'), note('note-big')],
        else: [tag('tag-small', 'small')],
      },
      { id: 'pause', kind: 'wait', seconds: 600 },
    ],
  },
};

function setup() {
  const onchange = vi.fn();
  render(EditorHarness, { initial, apps, onchange });
  const steps = () => (onchange.mock.lastCall?.[0] as Draft).definition.steps;
  const ids = (list: readonly Step[]) => list.map((s) => s.id);
  return { steps, ids };
}

// The action picker lists some 150 actions, which jsdom on a shared machine takes its time over.
describe('arranging steps', { timeout: 30_000 }, () => {
  it('moves a step up and down within its branch, keeping the focus on the control', async () => {
    const { steps, ids } = setup();
    const up = screen.getByRole('button', { name: 'Move “Shopify: Update order note” up' });
    expect(screen.getByRole('button', { name: 'Move “Shopify: Update order note” down' })).toBeDisabled();
    up.focus();
    await fireEvent.click(up);
    expect(ids((steps()[0] as ConditionStep).then)).toEqual(['note-big', 'tag-big']);
    // At the top now: "up" is disabled, so the focus is on its twin.
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move “Shopify: Update order note” down' })),
    );
    expect(screen.getByRole('button', { name: 'Move “Shopify: Update order note” up' })).toBeDisabled();

    await fireEvent.click(screen.getByRole('button', { name: 'Move “Condition” down' }));
    expect(ids(steps())).toEqual(['pause', 'big']);
  });

  it('removes a step with what is inside it, and undoes the removal in the same place', async () => {
    const { steps, ids } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Remove “Condition”' }));
    expect(ids(steps())).toEqual(['pause']);
    const status = screen.getByText('Removed “Condition” and the 3 steps inside it.');
    expect(status.closest('[role="status"]')).not.toBeNull();
    const undo = screen.getByRole('button', { name: 'Undo removing “Condition”' });
    await vi.waitFor(() => expect(document.activeElement).toBe(undo));
    await fireEvent.click(undo);
    expect(ids(steps())).toEqual(['big', 'pause']);
    expect(ids((steps()[0] as ConditionStep).then)).toEqual(['tag-big', 'note-big']);
    expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull();

    // A step in a branch goes back into that branch, at its index, even after other edits.
    await fireEvent.click(screen.getAllByRole('button', { name: 'Remove “Shopify: Add order tags”' })[0]!);
    expect(ids((steps()[0] as ConditionStep).then)).toEqual(['note-big']);
    await fireEvent.click(screen.getByRole('button', { name: 'Add wait' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Undo removing “Shopify: Add order tags”' }));
    expect(ids((steps()[0] as ConditionStep).then)).toEqual(['tag-big', 'note-big']);
    expect(steps()).toHaveLength(3);
  });

  it('adds a condition, action, for-each or wait at any position of any branch', async () => {
    const { steps, ids } = setup();
    // Before the only step of the Otherwise branch.
    const small = within(screen.getAllByRole('listitem', { name: 'Shopify: Add order tags' })[1]!);
    const insert = small.getByRole('button', { name: 'Insert a step before “Shopify: Add order tags”' });
    expect(insert).toHaveAttribute('aria-expanded', 'false');
    await fireEvent.click(insert);
    const bar = screen.getByRole('group', { name: 'Add a step before “Shopify: Add order tags”' });
    await vi.waitFor(() => expect(document.activeElement).toBe(within(bar).getByRole('button', { name: 'Add action' })));
    expect(
      within(bar)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Add action', 'Add condition', 'Add for each', 'Add wait']);
    await fireEvent.click(within(bar).getByRole('button', { name: 'Add wait' }));
    const otherwise = (steps()[0] as ConditionStep).else;
    expect(otherwise.map((s) => s.kind)).toEqual(['wait', 'action']);
    expect(screen.queryByRole('group', { name: /Add a step before/ })).toBeNull();
    // The new step takes the focus, so the keyboard carries on from there.
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listitem', { name: 'Wait 1 hour' })));

    // At the end of the Then branch: a for-each; then an action before the workflow's wait.
    await fireEvent.click(screen.getByRole('button', { name: 'Add for each (Then)' }));
    expect((steps()[0] as ConditionStep).then.map((s) => s.kind)).toEqual(['action', 'action', 'foreach']);
    await fireEvent.click(screen.getByRole('button', { name: 'Insert a step before “Wait 10 minutes”' }));
    await fireEvent.click(
      within(screen.getByRole('group', { name: 'Add a step before “Wait 10 minutes”' })).getByRole('button', { name: 'Add action' }),
    );
    await fireEvent.click(screen.getByRole('button', { name: /^Send internal email/ }));
    expect(steps().map((s) => s.kind)).toEqual(['condition', 'action', 'wait']);
    expect(ids(steps())[2]).toBe('pause');
  });
});
