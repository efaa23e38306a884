import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../renderer/src/components/workflow/editor-model';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { ForEachStep, Step, WaitStep } from '../../../electron/domain/workflow/workflow-definition';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import EditorHarness from './EditorHarness.svelte';
import { apps, optionNames, pickPath } from './catalog-fixture';

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

describe('for-each steps', { timeout: 30_000 }, () => {
  it("repeats over a list of the workflow's data, named as Flow names its item; only lists are offered", async () => {
    const { steps } = setup(draftWith([]));
    await fireEvent.click(screen.getByRole('button', { name: 'Add for each' }));
    expect(steps()).toEqual([expect.objectContaining({ kind: 'foreach', list: '', body: [] })]);

    const step = screen.getByRole('listitem', { name: 'For each item of …' });
    const list = within(step).getByRole('combobox', { name: 'For each item of' });
    await fireEvent.focus(list);
    // The order opens to its lists; single values such as the order's name are not offered.
    expect(optionNames(list)).toContain('order');
    expect(optionNames(list)).not.toContain('order_name');
    await pickPath(list, 'order.lineItems');
    expect(steps()).toEqual([expect.objectContaining({ kind: 'foreach', list: 'order.lineItems' })]);
    const repeated = screen.getByRole('listitem', { name: 'For each item of order.lineItems' });
    expect(within(repeated).getByRole('combobox', { name: 'For each item of' })).toHaveAccessibleDescription(
      /the variable lineItemsForeachitem is the current item of the list/,
    );
  });

  it('offers the item (lineItemsForeachitem) to the actions and conditions in its body, and only there', async () => {
    const { steps } = setup(draftWith([{ id: 'each-line', kind: 'foreach', list: 'order.lineItems', body: [] }]));
    const forEach = screen.getByRole('listitem', { name: 'For each item of order.lineItems' });
    await fireEvent.click(within(forEach).getByRole('button', { name: 'Add action (For each item)' }));
    await fireEvent.click(within(forEach).getByRole('button', { name: /^Send internal email/ }));
    const action = screen.getByRole('listitem', { name: 'Shopify: Send internal email' });

    const picker = within(action).getByLabelText('Insert variable into Subject').closest('details')!;
    picker.open = true;
    await fireEvent(picker, new Event('toggle'));
    const search = within(picker).getByRole('combobox', { name: 'Data to insert' });
    await fireEvent.focus(search);
    expect(optionNames(search)).toEqual(expect.arrayContaining(['lineItemsForeachitem', 'order', 'shop']));
    await pickPath(search, 'lineItemsForeachitem.sku');
    expect(within(action).getByRole('textbox', { name: /^Subject/ })).toHaveValue('{{ lineItemsForeachitem.sku }}');
    const body = (steps()[0] as ForEachStep).body;
    expect(body).toEqual([
      expect.objectContaining({
        kind: 'action',
        task: { app: 'shopify', handle: 'send_internal_email' },
        inputs: expect.objectContaining({ subject: '{{ lineItemsForeachitem.sku }}' }),
      }),
    ]);

    // A condition in the body can test the item; one outside cannot.
    await fireEvent.click(within(forEach).getByRole('button', { name: 'Add condition (For each item)' }));
    const inner = within(forEach).getByRole('listitem', { name: 'Condition' });
    const innerField = within(inner).getAllByRole('combobox', { name: 'Field' })[0]!;
    await fireEvent.focus(innerField);
    expect(optionNames(innerField)).toContain('lineItemsForeachitem');
    await fireEvent.keyDown(innerField, { key: 'Escape' });
    // The workflow's own Add condition is the last (the conditions' own add a comparison).
    await fireEvent.click(screen.getAllByRole('button', { name: 'Add condition' }).at(-1)!);
    const outside = screen.getAllByRole('listitem', { name: 'Condition' }).find((c) => !forEach.contains(c))!;
    const outsideField = within(outside).getAllByRole('combobox', { name: 'Field' })[0]!;
    await fireEvent.focus(outsideField);
    expect(optionNames(outsideField)).not.toContain('lineItemsForeachitem');
    expect(optionNames(outsideField)).toContain('order');
  });

  it("shows the domain's problems for a step in its body at that step's field", () => {
    const problem: ValidationProblem = {
      code: 'unknown_variable',
      severity: 'error',
      stepId: 'mail-each',
      field: 'subject',
      message: 'Step "mail-each": In "subject": "lineItemsForeachitem.skuu": LineItem has no field "skuu" (did you mean sku?)',
      params: {
        stepId: 'mail-each',
        fieldKey: 'subject',
        variable: 'lineItemsForeachitem.skuu',
        path: 'lineItemsForeachitem.skuu',
        segment: 'skuu',
        parentType: 'LineItem',
        suggestion: 'sku',
      },
    };
    setup(
      draftWith([
        {
          id: 'each-line',
          kind: 'foreach',
          list: 'order.lineItems',
          body: [
            {
              id: 'mail-each',
              kind: 'action',
              task: { app: 'shopify', handle: 'send_internal_email' },
              inputs: { to: 'staff@example.com', subject: '{{ lineItemsForeachitem.skuu }}', body: 'x' },
            },
          ],
        },
      ]),
      [problem],
    );
    const action = screen.getByRole('listitem', { name: 'Shopify: Send internal email' });
    const subject = within(action).getByRole('textbox', { name: /^Subject/ });
    expect(subject).toHaveAttribute('aria-invalid', 'true');
    expect(subject).toHaveAccessibleDescription(/skuu.*sku/);
    expect(within(action).getByRole('textbox', { name: /^To/ })).not.toHaveAttribute('aria-invalid');
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
    await fireEvent.change(within(screen.getByRole('listitem', { name: 'Wait 2 hours' })).getByRole('combobox', { name: 'Unit' }), {
      target: { value: 'days' },
    });
    expect((steps()[0] as WaitStep).seconds).toBe(2 * 86400);
    expect(screen.getByRole('listitem', { name: 'Wait 2 days' })).toBeInTheDocument();
    await fireEvent.change(within(screen.getByRole('listitem', { name: 'Wait 2 days' })).getByRole('combobox', { name: 'Unit' }), {
      target: { value: 'minutes' },
    });
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
