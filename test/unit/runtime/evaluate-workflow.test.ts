import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { compileInputs } from '../../../electron/domain/liquid/render-inputs';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { evaluateWorkflow } from '../../../electron/runtime/evaluate-workflow';

const catalog = loadCatalog();

const bigOrders: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [
    {
      id: 'big',
      kind: 'condition',
      condition: { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 1000 },
      then: [
        {
          id: 'track',
          kind: 'action',
          task: { app: 'klaviyo', handle: 'track_event' },
          inputs: {
            event_name: 'Big order {{ order.name }}',
            customer_email: '{{ order.customer.email }}',
            value: '{{ order.totalPriceSet.shopMoney.amount }}',
          },
        },
        {
          id: 'tag',
          kind: 'action',
          task: { app: 'shopify', handle: 'add_order_tags' },
          inputs: { order_id: 'order.id', tags: 'big' },
        },
      ],
      else: [],
    },
    {
      id: 'each-tag',
      kind: 'foreach',
      list: 'order.tags',
      body: [
        {
          id: 'is-vip',
          kind: 'condition',
          condition: { kind: 'compare', field: 'tagsForeachitem', operator: 'equals', value: 'vip' },
          then: [
            {
              id: 'note',
              kind: 'action',
              task: { app: 'shopify', handle: 'add_order_note' },
              inputs: { order_id: 'order.id', note: 'tag {{ tagsForeachitem | upcase }}' },
            },
          ],
          else: [],
        },
      ],
    },
  ],
};

/** Order created's data: the order as the Admin API returns it (Money as a decimal string). */
const order = {
  order: {
    id: 'gid://shopify/Order/1',
    name: '#1001',
    totalPriceSet: { shopMoney: { amount: '1500.0', currencyCode: 'NOK' } },
    customer: { email: 'kari@example.com' },
    tags: ['new', 'vip'],
  },
};
const withOrder = (change: Record<string, unknown>) => ({ order: { ...order.order, ...change } });
const total = (amount: string) => ({ totalPriceSet: { shopMoney: { amount, currencyCode: 'NOK' } } });

describe('evaluateWorkflow', () => {
  it('shows the branch each condition took and every action with its rendered, typed inputs', () => {
    const result = evaluateWorkflow(bigOrders, order, catalog);
    expect(result.problems).toEqual([]);
    expect(result.branches).toEqual([
      { stepId: 'big', iteration: null, taken: 'then' },
      { stepId: 'is-vip', iteration: 0, taken: 'else' },
      { stepId: 'is-vip', iteration: 1, taken: 'then' },
    ]);
    expect(result.actions.map((a) => [a.stepId, a.delivery, a.properties, a.errors])).toEqual([
      ['track', 'app', { event_name: 'Big order #1001', customer_email: 'kari@example.com', value: 1500 }, []],
      ['tag', 'recorded', { order_id: 'gid://shopify/Order/1', tags: 'big' }, []],
      ['note', 'recorded', { order_id: 'gid://shopify/Order/1', note: 'tag VIP' }, []],
    ]);
  });

  it('takes the else branch and sends nothing for a small order', () => {
    const result = evaluateWorkflow(bigOrders, withOrder({ ...total('20.0'), tags: [] }), catalog);
    expect(result.branches).toEqual([{ stepId: 'big', iteration: null, taken: 'else' }]);
    expect(result.actions).toEqual([]);
    expect(result.plan).toContainEqual({ kind: 'foreach', stepId: 'each-tag', count: 0, iteration: null });
  });

  it('reports a condition that cannot compile and takes neither branch', () => {
    const broken: WorkflowDefinition = {
      ...bigOrders,
      steps: [
        {
          ...(bigOrders.steps[0] as Extract<WorkflowDefinition['steps'][number], { kind: 'condition' }>),
          condition: { kind: 'compare', field: 'order.totalPriceSet.shopMoney.amount', operator: 'greater_than', value: 'lots' },
        },
      ],
    };
    const result = evaluateWorkflow(broken, order, catalog);
    expect(result.problems).toEqual([{ stepId: 'big', field: 'condition.value', message: 'condition.value: "lots" is not a number' }]);
    expect(result.branches).toEqual([{ stepId: 'big', iteration: null, taken: null }]);
    expect(result.actions).toEqual([]);
  });

  it('an action whose input does not render to its type carries the error', () => {
    // A number field that is not a number fails the condition: big orders are not told apart by guessing.
    expect(evaluateWorkflow(bigOrders, withOrder({ ...total('1 500'), tags: [] }), catalog).actions).toEqual([]);
    const textValue = evaluateWorkflow(
      {
        ...bigOrders,
        steps: [
          {
            id: 'a',
            kind: 'action',
            task: { app: 'klaviyo', handle: 'track_event' },
            inputs: { event_name: 'x', customer_email: '', value: '{{ order.name }}' },
          },
        ],
      },
      order,
      catalog,
    );
    expect(textValue.actions[0]!.errors).toEqual([
      { field: 'customer_email', message: '"customer_email" is required but rendered empty' },
      { field: 'value', message: '"value" must be a number, got "#1001"' },
    ]);
  });
});

describe('compileInputs (Liquid)', () => {
  it('renders against the trigger data; plain text passes through; unknown variables render empty', () => {
    const inputs = compileInputs({ a: 'Hi {{ customer.firstName | capitalize }}!', b: 'plain', c: '{{ missing }}' });
    expect(inputs.problems).toEqual([]);
    expect(inputs.render({ customer: { firstName: 'kari' } })).toEqual({ values: { a: 'Hi Kari!', b: 'plain', c: '' }, errors: [] });
  });

  it('reports a template that does not parse, naming the field', () => {
    const inputs = compileInputs({ subject: 'Order {{ order.name | no_such_filter }}', body: '{% if %}' });
    expect(inputs.problems.map((p) => p.field)).toEqual(['subject', 'body']);
    expect(inputs.problems[0]!.message).toMatch(/^Liquid does not parse: .*no_such_filter/);
    expect(inputs.render({}).errors.map((e) => e.field)).toEqual(['subject', 'body']);
  });
});
