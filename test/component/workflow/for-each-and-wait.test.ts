import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../renderer/src/components/workflow/editor-model';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { ForEachStep, Step, WaitStep } from '../../../electron/domain/workflow/workflow-definition';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import EditorHarness from './EditorHarness.svelte';
import { apps } from './catalog-fixture';

beforeAll(() => catalog.set(apps));

function draftWith(steps: Step[], handle = 'order_created'): Draft {
  return { name: 'Tags', description: '', definition: { trigger: { id: 'trigger', task: { app: 'shopify', handle }, config: {} }, steps } };
}

function setup(initial: Draft, problems: ValidationProblem[] = []) {
  const onchange = vi.fn();
  render(EditorHarness, { initial, apps, problems, onchange });
  const steps = () => (onchange.mock.lastCall?.[0] as Draft).definition.steps;
  return { onchange, steps };
}

describe('for-each steps', () => {
  it("repeats over a list field of the trigger's data; only lists are offered", async () => {
    const { steps } = setup(draftWith([]));
    await fireEvent.click(screen.getByRole('button', { name: 'Add for each' }));
    expect(steps()).toEqual([expect.objectContaining({ kind: 'foreach', list: 'tags', body: [] })]);

    const step = screen.getByRole('listitem', { name: 'For each item of Tags' });
    const list = within(step).getByRole('combobox', { name: 'For each item of' }) as HTMLSelectElement;
    // Order created has one list (its tags); single values such as the order name are not offered.
    expect([...list.options].map((o) => o.textContent)).toEqual(['Tags']);
    expect(list).toHaveAccessibleDescription(/the variable item is the current item of the list/);
  });

  it('cannot be added when the trigger carries no list, and says why', () => {
    setup(draftWith([], 'inventory_quantity_changed'));
    const add = screen.getByRole('button', { name: 'Add for each' });
    expect(add).toBeDisabled();
    expect(add).toHaveAccessibleDescription("The trigger's data has no list to repeat for.");
  });

  it('offers `item` as a variable to the actions and conditions in its body, and only there', async () => {
    const { steps } = setup(draftWith([{ id: 'each-tag', kind: 'foreach', list: 'tags', body: [] }]));
    const forEach = screen.getByRole('listitem', { name: 'For each item of Tags' });
    await fireEvent.click(within(forEach).getByRole('button', { name: 'Add action (For each item)' }));
    await fireEvent.click(within(forEach).getByRole('button', { name: /^Add customer tags/ }));
    const action = screen.getByRole('listitem', { name: 'Shopify: Add customer tags' });

    const picker = within(action).getByLabelText('Insert variable into Tags').closest('details')!;
    picker.open = true;
    const item = within(picker).getByRole('button', { name: /\{\{ item \}\}/ });
    expect(item).toHaveTextContent('The list item');
    await fireEvent.click(item);
    expect(within(action).getByRole('textbox', { name: /^Tags/ })).toHaveValue('{{ item }}');
    const body = (steps()[0] as ForEachStep).body;
    expect(body).toEqual([expect.objectContaining({ kind: 'action', task: { app: 'shopify', handle: 'add_customer_tags' }, inputs: expect.objectContaining({ tags: '{{ item }}' }) })]);

    // A condition in the body can test the item; one outside cannot.
    await fireEvent.click(within(forEach).getByRole('button', { name: 'Add condition (For each item)' }));
    const inner = within(forEach).getByRole('listitem', { name: 'Condition' });
    expect([...(within(inner).getAllByRole('combobox', { name: 'Field' })[0] as HTMLSelectElement).options].map((o) => o.textContent)).toContain('The list item');
    await fireEvent.click(screen.getByRole('button', { name: 'Add action' }));
    await fireEvent.click(screen.getByRole('button', { name: /^Add order tags/ }));
    const outside = screen.getByRole('listitem', { name: 'Shopify: Add order tags' });
    const outsidePicker = within(outside).getByLabelText('Insert variable into Tags').closest('details')!;
    outsidePicker.open = true;
    expect(within(outsidePicker).queryByRole('button', { name: /\{\{ item \}\}/ })).toBeNull();
    expect(within(outsidePicker).getByRole('button', { name: /\{\{ order_name \}\}/ })).toBeInTheDocument();
  });

  it("shows the domain's problems for a step in its body at that step's field", () => {
    const problem: ValidationProblem = {
      code: 'unknown_variable',
      severity: 'error',
      stepId: 'tag-each',
      field: 'tags',
      message: 'Step "tag-each": "itme" in "tags" is not in the data of "Order created"',
      params: { stepId: 'tag-each', fieldKey: 'tags', variable: 'itme' },
    };
    setup(
      draftWith([
        {
          id: 'each-tag',
          kind: 'foreach',
          list: 'tags',
          body: [{ id: 'tag-each', kind: 'action', task: { app: 'shopify', handle: 'add_customer_tags' }, inputs: { customer_id: '{{ customer_id }}', tags: '{{ itme }}' } }],
        },
      ]),
      [problem],
    );
    const action = screen.getByRole('listitem', { name: 'Shopify: Add customer tags' });
    const tags = within(action).getByRole('textbox', { name: /^Tags/ });
    expect(tags).toHaveAttribute('aria-invalid', 'true');
    expect(tags).toHaveAccessibleDescription(/itme/);
    expect(within(action).getByRole('textbox', { name: /^Customer/ })).not.toHaveAttribute('aria-invalid');
  });
});

describe('wait steps', () => {
  it('takes a duration in minutes, hours or days and keeps it as seconds', async () => {
    const { steps } = setup(draftWith([]));
    await fireEvent.click(screen.getByRole('button', { name: 'Add wait' }));
    expect(steps()).toEqual([expect.objectContaining({ kind: 'wait', seconds: 3600 })]);
    const wait = screen.getByRole('listitem', { name: 'Wait 1 hour' });
    const unit = within(wait).getByRole('combobox', { name: 'Unit' }) as HTMLSelectElement;
    expect([...unit.options].map((o) => o.textContent)).toEqual(['minutes', 'hours', 'days']);

    await fireEvent.change(within(wait).getByRole('spinbutton', { name: 'Wait for' }), { target: { value: '2' } });
    expect((steps()[0] as WaitStep).seconds).toBe(7200);
    await fireEvent.change(within(screen.getByRole('listitem', { name: 'Wait 2 hours' })).getByRole('combobox', { name: 'Unit' }), { target: { value: 'days' } });
    expect((steps()[0] as WaitStep).seconds).toBe(2 * 86400);
    expect(screen.getByRole('listitem', { name: 'Wait 2 days' })).toBeInTheDocument();
    await fireEvent.change(within(screen.getByRole('listitem', { name: 'Wait 2 days' })).getByRole('combobox', { name: 'Unit' }), { target: { value: 'minutes' } });
    expect((steps()[0] as WaitStep).seconds).toBe(120);
  });

  it('shows an imported odd duration in seconds rather than rounding it', () => {
    setup(draftWith([{ id: 'w', kind: 'wait', seconds: 90 }]));
    const wait = screen.getByRole('listitem', { name: 'Wait 90 seconds' });
    expect(within(wait).getByRole('spinbutton', { name: 'Wait for' })).toHaveValue(90);
    expect(within(wait).getByRole('combobox', { name: 'Unit' })).toHaveValue('seconds');
  });
});

describe('imported steps that cannot be shown', () => {
  it('says it is kept from the file and written back, offers no inputs, and can be removed', async () => {
    const { steps } = setup(draftWith([{ id: 'code', kind: 'opaque', taskId: 'shopify::flow::run_code', raw: { step_id: 'code' } }]));
    const step = screen.getByRole('listitem', { name: 'Imported step shopify::flow::run_code' });
    expect(step).toHaveTextContent('Kept from the imported file, written back on export.');
    expect(within(step).queryByRole('textbox')).toBeNull();
    expect(within(step).queryByRole('combobox')).toBeNull();
    await fireEvent.click(within(step).getByRole('button', { name: 'Remove “Imported step shopify::flow::run_code”' }));
    expect(steps()).toEqual([]);
  });
});
