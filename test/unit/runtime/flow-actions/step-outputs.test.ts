import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../../electron/domain/catalog/load-catalog';
import type { Step, WorkflowDefinition } from '../../../../electron/domain/workflow/workflow-definition';
import { compileWorkflow, type PlanItem } from '../../../../electron/runtime/compile-workflow';
import { useTempDir } from '../../../support/temp-dir';
import { writeShopifyActionsCatalog } from '../shopify-actions-catalog';

const tempDir = useTempDir();
const action = (id: string, handle: string, inputs: Record<string, string>): Step => ({
  id,
  kind: 'action',
  task: { app: 'shopify', handle },
  inputs,
});
const log = (id: string, message: string) => action(id, 'log_output', { message });

const order = {
  id: 'gid://shopify/Order/1001',
  name: '#1001',
  customer: { email: 'kari@example.com', firstName: 'Kari' },
  totalPriceSet: { shopMoney: { amount: '250.10', currencyCode: 'NOK' } },
  lineItems: [
    { sku: 'MUG-1', quantity: 2, originalTotalSet: { shopMoney: { amount: '100.10' } } },
    { sku: 'TEA-9', quantity: 1, originalTotalSet: { shopMoney: { amount: '150.00' } } },
  ],
};

function plan(steps: Step[], payload: Record<string, unknown>, results?: Map<number, unknown>): Extract<PlanItem, { kind: 'action' }>[] {
  const catalog = loadCatalog(writeShopifyActionsCatalog(tempDir()));
  const definition: WorkflowDefinition = { trigger: { id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} }, steps };
  const compiled = compileWorkflow(definition, catalog);
  expect(compiled.problems).toEqual([]);
  return compiled.evaluate(payload, 'UTC', results).filter((i): i is Extract<PlanItem, { kind: 'action' }> => i.kind === 'action');
}

const logged = (item: Extract<PlanItem, { kind: 'action' }>) => (item.outcome.kind === 'done' ? item.outcome.record.log : undefined);

describe("a run's data: the trigger's objects and what earlier steps give", () => {
  it('Liquid reads object paths and loops over lists: order.customer.email, for li in order.lineItems', () => {
    const [item] = plan(
      [
        log(
          'l',
          '{{ order.name }} to {{ order.customer.email }}: {% for li in order.lineItems %}{{ li.sku }}×{{ li.quantity }} {% endfor %}({{ order.totalPriceSet.shopMoney.amount }})',
        ),
      ],
      { order },
    );
    expect(logged(item!)).toBe('#1001 to kari@example.com: MUG-1×2 TEA-9×1 (250.10)');
  });

  it("inside For each the item is Flow's <list>Foreachitem; an action there acts on it", () => {
    const steps: Step[] = [
      {
        id: 'each',
        kind: 'foreach',
        list: 'order.lineItems',
        body: [log('l', '{{ lineItemsForeachitem.sku }}/{{ lineItemsForeachitem.quantity }}')],
      },
    ];
    expect(plan(steps, { order }).map(logged)).toEqual(['MUG-1/2', 'TEA-9/1']);
  });

  it("an empty object field acts on the trigger's object of that type (Flow's missing-data rule at run time)", () => {
    const [tag] = plan([action('tag', 'add_order_tags', { tags: '["vip"]' })], { order });
    expect(tag!.outcome).toEqual({
      kind: 'offline',
      record: {
        mutation: 'tagsAdd',
        variables: { id: 'gid://shopify/Order/1001', tags: ['vip'] },
        call: 'tagsAdd(id: "gid://shopify/Order/1001", tags: ["vip"])',
      },
    });
    const [none] = plan([action('tag', 'add_order_tags', { tags: 'vip' })], { customer: { id: 'gid://shopify/Customer/1' } });
    expect(none!.errors).toEqual([{ field: 'order_id', message: "Add order tags needs an Order: the run's data has none" }]);
  });

  it('Count and Sum go through lists; Get order data offline gives later steps an empty list and says so', () => {
    const items = plan(
      [
        action('n', 'count', { list: 'order.lineItems' }),
        action('s', 'sum', { list: 'order.lineItems.originalTotalSet.shopMoney.amount' }),
        action('g', 'get_order_data', { query: 'tag:vip', max_results: '10' }),
        log('l', '{{ count }} lines, {{ sum }} in all, {{ getOrderData.size }} found'),
      ],
      { order },
    );
    expect(items.map((i) => i.outcome)).toEqual([
      { kind: 'done', record: { path: 'order.lineItems', count: 2 } },
      { kind: 'done', record: { path: 'order.lineItems.originalTotalSet.shopMoney.amount', sum: 250.1, items: 2 } },
      { kind: 'offline', record: { query: 'tag:vip', sortKey: null, maxResults: 10, returns: '[Order]', emptyListGiven: true } },
      { kind: 'done', record: { log: '2 lines, 250.1 in all, 0 found' } },
    ]);
  });

  it('after Send HTTP request and Run code carried out, later steps read sendHttpRequest and runCode', () => {
    const steps = [
      action('h', 'send_http_request', { method: 'GET', url: 'https://example.com/stock' }),
      action('c', 'run_code', {
        input: '{ order { name } }',
        script: 'export default function main(i) { return { message: i.order.name } }',
        output_schema: 'type Output { message: String! }',
      }),
      log('l', '{{ sendHttpRequest.statusCode }} {{ sendHttpRequest.body }} {{ runCode.message }}'),
    ];
    const before = plan(steps, { order });
    expect(before[0]!.outcome).toMatchObject({
      kind: 'effect',
      carriedOut: false,
      effect: {
        effect: 'http_request',
        request: { method: 'GET', url: 'https://example.com/stock', onClientError: 'fail', onServerError: 'retry' },
      },
    });
    expect(before[1]!.outcome).toMatchObject({ kind: 'effect', effect: { effect: 'run_code', input: { order: { name: '#1001' } } } });
    const after = plan(
      steps,
      { order },
      new Map<number, unknown>([
        [0, { statusCode: 200, body: 'in stock', headers: [] }],
        [1, { message: 'from code' }],
      ]),
    );
    expect(logged(after[2]!)).toBe('200 in stock from code');
  });
});
