import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { validateWorkflow } from '../../../electron/domain/workflow/validate-workflow';
import { validationContext } from '../../../electron/domain/workflow/validation-context';
import { walkSteps, type ActionStep, type WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { compileWorkflow } from '../../../electron/runtime/compile-workflow';
import type { FlowDocument } from '../../../electron/transfer/flow-file/flow-json';
import { importFlowText } from '../../../electron/transfer/flow-file/import-flow';
import { flowFixture, goodFixtures } from '../../support/transfer-fixture';

const catalog = loadCatalog();
const everyApp = new Set(catalog.apps.map((a) => a.id));
const documentOf = (name: string) => JSON.parse(flowFixture(name).replace(/^[0-9a-f]{64}:/, '')) as FlowDocument;
const read = (name: string) => importFlowText(flowFixture(name), name, catalog);
const validate = (definition: WorkflowDefinition) => validateWorkflow(definition, validationContext(catalog, everyApp, null));

/** Fixtures made to show what cannot be imported as it is: kept verbatim, edited after export, a path no trigger gives. */
const odd = new Set(['kept-verbatim.flow', 'wrong-hash.flow', 'branches-join.flow']);
const realShaped = goodFixtures().filter((name) => !odd.has(name));

describe('a corpus of real-shaped .flow files', () => {
  it("covers at least 30 of Shopify's own tasks, For each, Wait, nested conditions, list tests and connector tasks", () => {
    const shopifyTasks = new Set<string>();
    const taskTypes = new Set<string>();
    const connectorTasks = new Set<string>();
    for (const name of realShaped) {
      for (const step of documentOf(name).root.steps) {
        taskTypes.add(step.task_type);
        const found = catalog.findTask(step.task_id);
        if (found?.app.id === 'shopify') shopifyTasks.add(`${found.kind}:${found.task.handle}`);
        else if (found) connectorTasks.add(step.task_id);
      }
    }
    expect(shopifyTasks.size).toBeGreaterThanOrEqual(30);
    expect([...taskTypes].sort()).toEqual(['ACTION', 'CONDITION', 'FOREACH', 'TRIGGER', 'WAIT']);
    expect([...connectorTasks]).toEqual(
      expect.arrayContaining([
        'yotpo::flow-connectors::new_review',
        'slack::flow-connectors::send_message',
        'loyaltylion::flow-connectors::add_points',
      ]),
    );
    const nested = read('risky-orders-nested.flow').definition.steps[0]!;
    expect(nested).toMatchObject({ kind: 'condition', then: [{ kind: 'condition' }] });
  });

  describe.each(realShaped)('%s', (name) => {
    it('imports with no confirmation, every Shopify task mapped to the catalog and none kept blind', () => {
      const { issues, definition } = read(name);
      expect(issues).toEqual([]);
      expect([...walkSteps(definition.steps)].filter((s) => s.kind === 'opaque')).toEqual([]);
    });

    it("validates clean: the paths of its Liquid and conditions are in the trigger's data", () => {
      expect(validate(read(name).definition)).toEqual([]);
    });

    it('compiles for the local runtime with no problems', () => {
      expect(compileWorkflow(read(name).definition, catalog).problems).toEqual([]);
    });
  });

  it('maps the fields of a real export to the typed inputs of the catalog, keeping values as the file writes them', () => {
    const steps = [...walkSteps(read('order-metafield-from-attribute.flow').definition.steps)];
    const metafield = steps.find((s): s is ActionStep => s.kind === 'action')!;
    expect(metafield.task).toEqual({ app: 'shopify', handle: 'update_order_metafield' });
    const fields = catalog.action('shopify', 'update_order_metafield')!.fields.map((f) => f.key);
    expect(Object.keys(metafield.inputs).every((key) => fields.includes(key))).toBe(true);
    expect(metafield.inputs).toMatchObject({ order_id: 'order.id', namespace: 'delivery', key: 'date', value_type: 'date' });
  });

  it('reads a task by its older id (an alias) and gives the same id back', () => {
    const { definition } = read('inventory-out-of-stock.flow');
    expect(definition.trigger?.task).toEqual({ app: 'shopify', handle: 'inventory_quantity_changed' });
    expect(catalog.findTask('shopify::admin::product_variant_inventory_quantity_changed')?.task.handle).toBe('inventory_quantity_changed');
  });

  it('reads a For each as Flow writes it: listpath, and the item named after its list', () => {
    const loop = read('order-paid-presale-loop.flow').definition.steps[0]!;
    expect(loop).toMatchObject({
      kind: 'foreach',
      list: 'order.lineItems',
      body: [
        {
          kind: 'condition',
          // The list test's own item key (tags_item) becomes our `item`; the loop's item keeps its name.
          condition: {
            kind: 'list',
            field: 'lineItemsForeachitem.product.tags',
            quantifier: 'any',
            item: { kind: 'compare', field: 'item', operator: 'equals', value: 'presale' },
          },
          then: [
            {
              kind: 'action',
              task: { app: 'shopify', handle: 'add_product_tags' },
              inputs: { product_id: 'lineItemsForeachitem.product.id' },
            },
          ],
        },
      ],
    });
  });
});

describe('the hidden object field written as a path', () => {
  const orderTags = (orderId: string, trigger = 'order_created'): WorkflowDefinition => ({
    trigger: { id: 't', task: { app: 'shopify', handle: trigger }, config: {} },
    steps: [{ id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: orderId, tags: 'vip' } }],
  });

  it('is accepted bare, as Liquid, and in the wrapper Flow takes', () => {
    for (const value of ['order.id', '{{ order.id }}', '{"value": "{{ order.id }}", "default_value": ""}'])
      expect(validate(orderTags(value))).toEqual([]);
  });

  it('a path not in the data is an error at the field with a did-you-mean', () => {
    expect(validate(orderTags('order.idd'))).toEqual([
      expect.objectContaining({
        code: 'unknown_variable',
        stepId: 'tag',
        field: 'order_id',
        message: expect.stringMatching(/did you mean id/),
      }),
    ]);
  });

  it('the id of another kind of object is an error naming the object the action needs', () => {
    expect(validate(orderTags('order.customer.id'))).toEqual([
      expect.objectContaining({
        code: 'wrong_type',
        field: 'order_id',
        message: 'Step "tag": "Order" must be the id of an order, e.g. order.id; "order.customer.id" is not',
      }),
    ]);
  });
});
