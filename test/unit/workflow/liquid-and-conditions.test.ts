import { describe, expect, it } from 'vitest';
import type { ConditionExpression } from '../../../electron/domain/workflow/workflow-definition';
import { action, condition, located, validate, workflow } from './definitions';

const slack = (text: string) => action('say', 'slack:send_message', { channel: '#ops', text });

describe('Liquid in action fields', () => {
  it("accepts templates over the trigger's data, with filters, tags and local variables", () => {
    const text = [
      'Order {{ order.name }} from {{ order.customer.email | downcase }}',
      '{% if order.totalPriceSet.shopMoney.amount > 100 %}big{% endif %}',
      '{% assign n = order.subtotalLineItemsQuantity | plus: 1 %}{{ n }}',
      '{% for t in order.tags %}{{ t }}{{ forloop.index }}{% endfor %}',
    ].join('\n');
    expect(validate(workflow('shopify:order_paid', slack(text)))).toEqual([]);
  });

  it('invalid_liquid: a syntax error is located at the step, the field, the line and the column', () => {
    const problems = validate(workflow('shopify:order_paid', slack('Order paid\nby {{ order.customer.email ')));
    expect(located(problems)).toEqual(['invalid_liquid@say/text']);
    expect(problems[0]!.params).toMatchObject({ fieldKey: 'text', line: 2, column: 4 });
    expect(problems[0]!.message).toBe(
      'Step "say": the Liquid in "text" is invalid at line 2, column 4: output "{{ order.customer.email " not closed',
    );
  });

  it('invalid_liquid: an unclosed tag, an unknown tag and an unknown filter, as Shopify refuses them', () => {
    for (const text of ['{% if order.test %}yes', '{% shout %}', '{{ order.name | shout }}']) {
      expect(located(validate(workflow('shopify:order_paid', slack(text)))), text).toEqual(['invalid_liquid@say/text']);
    }
  });

  it("unknown_variable: a variable that is not in the trigger's data, each one named", () => {
    const problems = validate(
      workflow('shopify:customer_created', slack('{{ customer.firstName }} {{ order_name }} {{ customer.email }} {{ order.name }}')),
    );
    expect(located(problems)).toEqual(['unknown_variable@say/text', 'unknown_variable@say/text']);
    expect(problems.map((p) => p.params['variable'])).toEqual(['order_name', 'order.name']);
    expect(problems[0]!.message).toBe('Step "say": In "text": "order_name" is not in the data of "Customer created" and earlier steps');
  });

  it("unknown_variable: the For each's item (Flow's <list>Foreachitem) exists only inside it; `item` is no name of it", () => {
    const inside = {
      id: 'each-tag',
      kind: 'foreach' as const,
      list: 'order.tags',
      body: [slack('Tag {{ tagsForeachitem }} on {{ order.name }}')],
    };
    expect(validate(workflow('shopify:order_paid', inside))).toEqual([]);
    expect(located(validate(workflow('shopify:order_paid', slack('{{ tagsForeachitem }}'))))).toEqual(['unknown_variable@say/text']);
    const legacy = { ...inside, body: [slack('Tag {{ item }}')] };
    expect(located(validate(workflow('shopify:order_paid', legacy)))).toEqual(['unknown_variable@say/text']);
  });
});

function compare(expression: ConditionExpression) {
  return located(validate(workflow('shopify:order_paid', condition('c', expression))));
}

describe("condition operators fit the field's type", () => {
  it('accepts each family of operators on its own kind of field', () => {
    const fitting: ConditionExpression[] = [
      { kind: 'compare', field: 'order.name', operator: 'starts_with', value: '#10' },
      { kind: 'compare', field: 'order.customer.email', operator: 'ends_with', value: '@example.com' },
      { kind: 'compare', field: 'order.statusPageUrl', operator: 'contains', value: 'shop' },
      { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'less_than', value: '99.5' },
      { kind: 'compare', field: 'order.subtotalLineItemsQuantity', operator: 'greater_than', value: 3 },
      { kind: 'compare', field: 'order.createdAt', operator: 'greater_or_equal', value: '2024-01-01T00:00:00Z' },
      { kind: 'compare', field: 'order.test', operator: 'is_true' },
      { kind: 'compare', field: 'order.tags', operator: 'not_includes', value: 'wholesale' },
      { kind: 'compare', field: 'order.displayFinancialStatus', operator: 'includes', value: ['PAID', 'PARTIALLY_PAID'] },
      { kind: 'compare', field: 'order.note', operator: 'is_empty' },
      { kind: 'compare', field: 'order.tags', operator: 'is_not_empty' },
      {
        kind: 'list',
        field: 'order.tags',
        quantifier: 'all',
        item: { kind: 'compare', field: 'item', operator: 'starts_with', value: 'b2b-' },
      },
      {
        kind: 'list',
        field: 'order.tags',
        quantifier: 'none',
        item: {
          kind: 'group',
          operator: 'or',
          items: [
            { kind: 'compare', field: 'item', operator: 'equals', value: 'x' },
            { kind: 'compare', field: 'order.test', operator: 'is_false' },
          ],
        },
      },
    ];
    expect(compare({ kind: 'group', operator: 'and', items: fitting })).toEqual([]);
  });

  it('operator_not_for_type: text, order, boolean and list operators on the wrong kind of field', () => {
    const misfits: ConditionExpression[] = [
      { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'contains', value: '9' },
      { kind: 'compare', field: 'order.name', operator: 'greater_than', value: '#1000' },
      { kind: 'compare', field: 'order.test', operator: 'equals', value: true },
      { kind: 'compare', field: 'order.tags', operator: 'contains', value: 'vip' },
      { kind: 'compare', field: 'order.name', operator: 'includes', value: 'x' },
      { kind: 'compare', field: 'order.createdAt', operator: 'is_true' },
      { kind: 'list', field: 'order.name', quantifier: 'any', item: { kind: 'compare', field: 'item', operator: 'is_empty' } },
    ];
    expect(compare({ kind: 'group', operator: 'and', items: misfits })).toEqual([
      'operator_not_for_type@c/condition.items[0].operator',
      'operator_not_for_type@c/condition.items[1].operator',
      'operator_not_for_type@c/condition.items[2].operator',
      'operator_not_for_type@c/condition.items[3].operator',
      'operator_not_for_type@c/condition.items[4].operator',
      'operator_not_for_type@c/condition.items[5].operator',
      'operator_not_for_type@c/condition.items[6].quantifier',
    ]);
    const [tags] = validate(workflow('shopify:order_paid', condition('c', misfits[3]!)));
    expect(tags!.message).toBe(
      'Step "c": "contains" does not apply to "order.tags", which is a list (use includes, not_includes, is_empty, is_not_empty, or a list test: any, all, none)',
    );
  });

  it('wrong_type and missing values: the value must fit the field, and emptiness takes none', () => {
    expect(
      compare({
        kind: 'group',
        operator: 'and',
        items: [
          { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 'lots' },
          { kind: 'compare', field: 'order.createdAt', operator: 'less_than', value: 'yesterday' },
          { kind: 'compare', field: 'order.name', operator: 'equals', value: 1001 },
          { kind: 'compare', field: 'order.name', operator: 'equals' },
          { kind: 'compare', field: 'order.note', operator: 'is_empty', value: 'x' },
          { kind: 'compare', field: 'order.name', operator: 'equals', value: ['a', 'b'] },
        ],
      }),
    ).toEqual([
      'wrong_type@c/condition.items[0].value',
      'wrong_type@c/condition.items[1].value',
      'wrong_type@c/condition.items[2].value',
      'missing_required_field@c/condition.items[3].value',
      'wrong_type@c/condition.items[4].value',
      'wrong_type@c/condition.items[5].value',
    ]);
  });

  it("a list test sees `item` and the trigger's fields; `item` outside one is unknown", () => {
    expect(compare({ kind: 'compare', field: 'item', operator: 'equals', value: 'x' })).toEqual([
      'unknown_condition_field@c/condition.field',
    ]);
    expect(
      compare({
        kind: 'list',
        field: 'order.tags',
        quantifier: 'any',
        item: { kind: 'compare', field: 'sku', operator: 'equals', value: 'x' },
      }),
    ).toEqual(['unknown_condition_field@c/condition.item.field']);
  });

  it('an empty AND/OR group is a missing condition', () => {
    expect(compare({ kind: 'group', operator: 'or', items: [] })).toEqual(['missing_required_field@c/condition.items']);
  });
});
