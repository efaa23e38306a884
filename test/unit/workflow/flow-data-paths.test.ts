import { describe, expect, it } from 'vitest';
import { action, condition, located, validate, workflow } from './definitions';
import type { ValidationProblem } from '../../../electron/domain/workflow/validation-problem';

const onlyErrors = (problems: ValidationProblem[]) => problems.filter((p) => p.severity === 'error');

describe("Liquid reads paths on the trigger's data objects, as in Flow (F2)", () => {
  it('accepts {{ order.name }} and {{ order.customer.email }} in Send internal email after Order created', () => {
    const problems = validate(
      workflow(
        'shopify:order_created',
        action('mail', 'shopify:send_internal_email', {
          to: 'ops@example.com',
          subject: 'Order {{ order.name }}',
          body: 'Customer: {{ order.customer.email }}',
        }),
      ),
    );
    expect(onlyErrors(problems)).toEqual([]);
  });

  it('gives {{ order.nme }} an error at its field that suggests name', () => {
    const problems = validate(
      workflow(
        'shopify:order_created',
        action('mail', 'shopify:send_internal_email', { to: 'ops@example.com', subject: 'Order {{ order.nme }}', body: 'x' }),
      ),
    );
    expect(located(problems)).toEqual(['unknown_variable@mail/subject']);
    expect(problems[0]!.params).toMatchObject({ path: 'order.nme', segment: 'nme', parentType: 'Order', suggestion: 'name' });
    expect(problems[0]!.message).toMatch(/did you mean name\?/);
  });

  it('accepts a for loop over order.lineItems and the shop every workflow has', () => {
    const body = '{% for li in order.lineItems %}{{ li.sku }} x {{ li.quantity }}{% endfor %} at {{ shop.name }}';
    const problems = validate(
      workflow('shopify:order_created', action('mail', 'shopify:send_internal_email', { to: 'a@b.no', subject: 's', body })),
    );
    expect(onlyErrors(problems)).toEqual([]);
  });

  it('refuses a path that steps through a list without a loop, naming the list', () => {
    const problems = validate(
      workflow(
        'shopify:order_created',
        action('mail', 'shopify:send_internal_email', { to: 'a@b.no', subject: '{{ order.lineItems.sku }}', body: 'x' }),
      ),
    );
    expect(located(problems)).toEqual(['unknown_variable@mail/subject']);
    expect(problems[0]!.params).toMatchObject({ reason: 'list_in_path', segment: 'sku' });
  });

  it('suggests the variable when the root is misspelt', () => {
    const problems = validate(
      workflow(
        'shopify:order_created',
        action('mail', 'shopify:send_internal_email', { to: 'a@b.no', subject: '{{ ordr.name }}', body: 'x' }),
      ),
    );
    expect(problems[0]!.params).toMatchObject({ reason: 'unknown_variable', suggestion: 'order' });
  });
});

describe('conditions test paths typed by the Admin API', () => {
  it('offers enum values: product.status equals ACTIVE is valid, "active" is not', () => {
    const ok = validate(
      workflow(
        'shopify:product_created',
        condition('c', { kind: 'compare', field: 'product.status', operator: 'equals', value: 'ACTIVE' }),
      ),
    );
    expect(onlyErrors(ok)).toEqual([]);
    const wrong = validate(
      workflow(
        'shopify:product_created',
        condition('c', { kind: 'compare', field: 'product.status', operator: 'equals', value: 'active' }),
      ),
    );
    expect(located(wrong)).toEqual(['wrong_type@c/condition.value']);
    expect(wrong[0]!.message).toMatch(/ACTIVE, ARCHIVED, DRAFT/);
  });

  it('compares money amounts as numbers and refuses text operators on them', () => {
    const field = 'order.totalPriceSet.shopMoney.amount';
    expect(
      onlyErrors(
        validate(workflow('shopify:order_created', condition('c', { kind: 'compare', field, operator: 'greater_than', value: 100 }))),
      ),
    ).toEqual([]);
    const wrong = validate(
      workflow('shopify:order_created', condition('c', { kind: 'compare', field, operator: 'starts_with', value: '1' })),
    );
    expect(located(wrong)).toEqual(['operator_not_for_type@c/condition.operator']);
  });

  it('tests the items of a list with any / all / none of, paths relative to the item', () => {
    const anyLine = condition('c', {
      kind: 'list',
      field: 'order.lineItems',
      quantifier: 'any',
      item: { kind: 'compare', field: 'sku', operator: 'starts_with', value: 'GIFT-' },
    });
    expect(onlyErrors(validate(workflow('shopify:order_created', anyLine)))).toEqual([]);
    const tags = condition('t', {
      kind: 'list',
      field: 'order.tags',
      quantifier: 'none',
      item: { kind: 'compare', field: 'item', operator: 'equals', value: 'vip' },
    });
    expect(onlyErrors(validate(workflow('shopify:order_created', tags)))).toEqual([]);
  });

  it('says which field is unknown and suggests the closest', () => {
    const problems = validate(
      workflow('shopify:order_created', condition('c', { kind: 'compare', field: 'order.customer.emial', operator: 'equals', value: 'x' })),
    );
    expect(located(problems)).toEqual(['unknown_condition_field@c/condition.field']);
    expect(problems[0]!.params).toMatchObject({ parentType: 'Customer', suggestion: 'email' });
  });
});

describe('For each and Get data give later steps their data', () => {
  it('names the item after the list, as Flow does: lineItemsForeachitem', () => {
    const loop = {
      id: 'each',
      kind: 'foreach' as const,
      list: 'order.lineItems',
      body: [action('log', 'shopify:send_internal_email', { to: 'a@b.no', subject: '{{ lineItemsForeachitem.sku }}', body: 'x' })],
    };
    expect(onlyErrors(validate(workflow('shopify:order_created', loop)))).toEqual([]);
  });

  it('refuses a For each over something that is not a list', () => {
    const loop = { id: 'each', kind: 'foreach' as const, list: 'order.name', body: [] };
    expect(located(validate(workflow('shopify:order_created', loop)))).toEqual(['wrong_type@each/list']);
  });
});

describe('missing data (F3): an action needs the object it acts on', () => {
  it('Add order tags after Customer created is a missing-data error at the action', () => {
    const problems = validate(workflow('shopify:customer_created', action('tag', 'shopify:add_order_tags', { tags: 'vip' })));
    const missing = problems.filter((p) => p.code === 'missing_data');
    expect(located(missing)).toEqual(['missing_data@tag/-']);
    expect(missing[0]!.params).toMatchObject({ objectType: 'Order', appId: 'shopify', handle: 'add_order_tags' });
    expect(missing[0]!.message).toMatch(/needs an order/);
  });

  it('Add order tags after Order created finds the order by itself', () => {
    const problems = validate(workflow('shopify:order_created', action('tag', 'shopify:add_order_tags', { tags: 'vip' })));
    expect(problems.filter((p) => p.code === 'missing_data')).toEqual([]);
  });
});
