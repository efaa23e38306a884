import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import ConditionBuilder from '../../../renderer/src/components/workflow/ConditionBuilder.svelte';
import { catalog } from '../../../renderer/src/lib/state/catalog.svelte';
import type { ConditionExpression } from '../../../electron/domain/workflow/workflow-definition';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';
import { apps, optionNames, pickPath, scopeAfter } from './catalog-fixture';

const scope = scopeAfter('order_created');
const amount = 'order.totalPriceSet.shopMoney.amount';
const start: ConditionExpression = {
  kind: 'group',
  operator: 'and',
  items: [{ kind: 'compare', field: amount, operator: 'greater_than', value: 100 }],
};

beforeAll(() => catalog.set(apps));

function setup(condition: ConditionExpression = start, problems: ValidationProblem[] = []) {
  const onchange = vi.fn();
  const view = render(ConditionBuilder, { condition, scope, stepId: 'cond-1', problems, onchange });
  const last = () => onchange.mock.lastCall?.[0] as ConditionExpression;
  return { ...view, onchange, last };
}

function optionTexts(select: HTMLElement): string[] {
  return [...(select as HTMLSelectElement).options].map((o) => o.textContent ?? '');
}

// Walking the Admin API's objects renders long option lists, which jsdom on a shared machine takes its time over.
describe('condition builder', { timeout: 30_000 }, () => {
  it('adds a comparison to the group, its field picked from the order', async () => {
    const { last, rerender } = setup();
    expect(screen.getAllByRole('group', { name: 'Condition' })).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const next = last();
    expect(next).toMatchObject({
      kind: 'group',
      operator: 'and',
      items: [start.kind === 'group' && start.items[0], { kind: 'compare', field: '' }],
    });
    await rerender({ condition: next });
    expect(screen.getAllByRole('group', { name: 'Condition' })).toHaveLength(2);
    expect(screen.getByText('and')).toBeInTheDocument();
    await pickPath(screen.getAllByRole('combobox', { name: 'Field' })[1]!, 'order.customer.displayName');
    expect(last()).toMatchObject({
      items: [{ field: amount }, { kind: 'compare', field: 'order.customer.displayName', operator: 'equals' }],
    });
  });

  it('offers only the operators that fit the field type, and keeps the comparison consistent when the field changes', async () => {
    const { last, rerender } = setup();
    const operator = screen.getByRole('combobox', { name: 'Operator' });
    // order.totalPriceSet.shopMoney.amount is a Decimal: compared as a number.
    expect(optionTexts(operator)).toEqual([
      'is equal to',
      'is not equal to',
      'is greater than',
      'is at least',
      'is less than',
      'is at most',
      'is empty',
      'is not empty',
    ]);

    // A text field: no ordering operators; the comparison falls back to the first that fits.
    await pickPath(screen.getByRole('combobox', { name: 'Field' }), 'order.name');
    expect(last()).toMatchObject({ items: [{ field: 'order.name', operator: 'equals', value: 100 }] });
    await rerender({ condition: last() });
    expect(optionTexts(screen.getByRole('combobox', { name: 'Operator' }))).toEqual(
      expect.arrayContaining(['contains', 'starts with', 'ends with']),
    );
    expect(optionTexts(screen.getByRole('combobox', { name: 'Operator' }))).not.toContain('is greater than');

    // A true/false field takes no value to compare with.
    await pickPath(screen.getByRole('combobox', { name: 'Field' }), 'order.test');
    expect(last()).toEqual({ kind: 'group', operator: 'and', items: [{ kind: 'compare', field: 'order.test', operator: 'is_true' }] });
    await rerender({ condition: last() });
    expect(screen.queryByRole('textbox', { name: 'Value' })).toBeNull();

    // A list (the order's tags) is tested item by item: any / all / none of its tags.
    await pickPath(screen.getByRole('combobox', { name: 'Field' }), 'order.tags');
    expect(last()).toMatchObject({
      items: [{ kind: 'list', field: 'order.tags', quantifier: 'any', item: { kind: 'compare', field: 'item', operator: 'equals' } }],
    });
    await rerender({ condition: last() });
    expect(optionTexts(screen.getByRole('combobox', { name: 'Operator' }))).toEqual(expect.arrayContaining(['contains', 'starts with']));
  });

  it("offers an enum field's values as a list, and numbers are kept as numbers", async () => {
    const { last, rerender } = setup({
      kind: 'group',
      operator: 'and',
      items: [{ kind: 'compare', field: 'order.displayFinancialStatus', operator: 'equals', value: '' }],
    });
    expect(optionTexts(screen.getByRole('combobox', { name: 'Value' }))).toEqual(expect.arrayContaining(['PAID', 'PENDING', 'REFUNDED']));
    expect(optionTexts(screen.getByRole('combobox', { name: 'Operator' }))).toEqual([
      'is equal to',
      'is not equal to',
      'is empty',
      'is not empty',
    ]);
    await rerender({ condition: start });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Value' }), { target: { value: '250.5' } });
    expect(last()).toMatchObject({ items: [{ value: 250.5 }] });
  });

  it('nests AND and OR groups', async () => {
    const { last, rerender } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Add group' }));
    const nested = last();
    expect(nested).toMatchObject({
      operator: 'and',
      items: [{ kind: 'compare' }, { kind: 'group', operator: 'or', items: [{ kind: 'compare' }] }],
    });
    await rerender({ condition: nested });
    const matches = screen.getAllByRole('combobox', { name: 'Match' }) as HTMLSelectElement[];
    expect(matches.map((m) => m.value)).toEqual(['and', 'or']);

    // Switching the outer group to OR, then removing the inner group.
    await fireEvent.change(matches[0]!, { target: { value: 'or' } });
    expect(last()).toMatchObject({ operator: 'or' });
    await fireEvent.click(screen.getByRole('button', { name: 'Remove group' }));
    expect(last()).toMatchObject({ operator: 'and', items: [{ kind: 'compare', field: amount }] });
  });

  it("tests the items of a list with any / all / none, on the item's own fields", async () => {
    const { last, rerender } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Add list test' }));
    await rerender({ condition: last() });
    const list = screen.getByRole('combobox', { name: 'List' });
    await fireEvent.focus(list);
    // Only lists can be picked here; the order opens to its lists.
    await pickPath(list, 'order.lineItems');
    const withList = last();
    expect(withList).toMatchObject({
      items: [{}, { kind: 'list', field: 'order.lineItems', quantifier: 'any', item: { kind: 'compare', field: '' } }],
    });
    await rerender({ condition: withList });
    const quantifier = screen.getByRole('combobox', { name: 'Items that must match' });
    expect(optionTexts(quantifier)).toEqual(['Any item', 'Every item', 'No item']);
    await fireEvent.change(quantifier, { target: { value: 'none' } });
    expect(last()).toMatchObject({ items: [{}, { quantifier: 'none' }] });

    // Inside, the fields are the line item's own: `sku`, not `order.lineItems.sku`.
    const itemField = screen.getAllByRole('combobox', { name: 'Field' })[1]!;
    await fireEvent.focus(itemField);
    expect(optionNames(itemField)).toEqual(expect.arrayContaining(['sku', 'quantity', 'title']));
    expect(optionNames(itemField)).not.toContain('order');
    await pickPath(itemField, 'sku');
    expect(last()).toMatchObject({ items: [{}, { kind: 'list', field: 'order.lineItems', item: { kind: 'compare', field: 'sku' } }] });
  });

  it('shows a problem from the domain next to the part of the condition it concerns', () => {
    const problem: ValidationProblem = {
      code: 'wrong_type',
      severity: 'error',
      stepId: 'cond-1',
      field: 'condition.items[0].value',
      message: `Step "cond-1": the value compared with "${amount}" must be a number`,
      params: { stepId: 'cond-1', conditionField: amount, operator: 'greater_than', expected: 'a number' },
    };
    setup({ kind: 'group', operator: 'and', items: [{ kind: 'compare', field: amount, operator: 'greater_than', value: 'lots' }] }, [
      problem,
    ]);
    const value = screen.getByRole('textbox', { name: 'Value' });
    expect(value).toHaveAttribute('aria-invalid', 'true');
    expect(value).toHaveAccessibleDescription(`The value compared with “${amount}” has the wrong type`);
    const comparison = screen.getByRole('group', { name: 'Condition' });
    expect(within(comparison).getByText(`The value compared with “${amount}” has the wrong type`)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Field' })).not.toHaveAttribute('aria-invalid');
  });
});
