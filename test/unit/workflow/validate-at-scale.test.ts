import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { action, condition, context, validate, workflow } from './definitions';

/** A realistic workflow whose templates differ per workflow, so the Liquid cache does not hide parsing. */
function orderWorkflow(i: number): WorkflowDefinition {
  return workflow(
    'shopify:order_paid',
    condition(
      'check',
      {
        kind: 'group',
        operator: 'and',
        items: [
          { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: i },
          {
            kind: 'list',
            field: 'order.tags',
            quantifier: 'any',
            item: { kind: 'compare', field: 'item', operator: 'starts_with', value: `vip-${i}` },
          },
        ],
      },
      [
        action('say', 'slack:send_message', {
          channel: '#sales',
          text: `Order {{ order.name }} (${i}): {{ order.totalPriceSet.shopMoney.amount }}`,
        }),
        action('tag', 'shopify:add_order_tags', { order_id: 'order.id', tags: `batch-${i}` }),
        action('sms', 'firepush:send_sms', { phone: '+4791234567', message: `Thanks {{ order.customer.email }} #${i}` }),
      ],
      [
        {
          id: 'each',
          kind: 'foreach',
          list: 'order.tags',
          body: [
            action('track', 'klaviyo:track_event', {
              event_name: `{{ tagsForeachitem }}-${i}`,
              customer_email: '{{ order.customer.email }}',
            }),
          ],
        },
      ],
    ),
  );
}

describe('validation at the scale of a large organization', () => {
  // Speed is measured by `npm run bench` (docs/performance.md), not asserted here.
  it('finds no problem in 2,000 realistic, distinct, valid workflows, and the same answer twice (Liquid cache)', () => {
    const workflows = Array.from({ length: 2000 }, (_, i) => orderWorkflow(i));
    const ctx = context();
    expect(workflows.flatMap((w) => validate(w, ctx))).toEqual([]);
    expect(workflows.flatMap((w) => validate(w, ctx))).toEqual([]);
  });

  it('still finds the one broken template among them', () => {
    const workflows = Array.from({ length: 2000 }, (_, i) => orderWorkflow(i));
    const broken = JSON.parse(JSON.stringify(workflows[1234])) as WorkflowDefinition;
    const say = JSON.stringify(broken).replace('Order {{ order.name }}', 'Order {{ order.name ');
    const problems = validate(JSON.parse(say) as WorkflowDefinition, context());
    expect(problems.map((p) => [p.code, p.stepId, p.field])).toEqual([['invalid_liquid', 'say', 'text']]);
  });
});
