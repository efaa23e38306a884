import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { validateWorkflow } from '../../../electron/domain/workflow/validate-workflow';
import { validationContext } from '../../../electron/domain/workflow/validation-context';
import { walkSteps, type ConditionStep, type Step } from '../../../electron/domain/workflow/workflow-definition';
import { canonicalJson } from '../../../electron/transfer/canonical-json';
import { exportFlow } from '../../../electron/transfer/flow-file/export-flow';
import { importFlowText } from '../../../electron/transfer/flow-file/import-flow';
import { keptOf } from '../../../electron/transfer/flow-file/kept-flow-file';
import { flowFixture, goodFixtures } from '../../support/transfer-fixture';

const catalog = loadCatalog();
const everyApp = new Set(catalog.apps.map((a) => a.id));
const jsonOf = (text: string) => JSON.parse(text.replace(/^[0-9a-f]{64}:/, '')) as unknown;
const read = (name: string) => importFlowText(flowFixture(name), name, catalog);
const kinds = (steps: readonly Step[]) => steps.map((s) => (s.kind === 'action' ? `${s.task.app}:${s.task.handle}` : s.kind));
/** Validation where every app is installed: what is left is about the workflow itself. */
const problemsOf = (name: string) => validateWorkflow(read(name).definition, validationContext(catalog, everyApp, null));

describe('hand-made .flow fixtures', () => {
  it('covers every fixture in the folder', () => {
    expect(goodFixtures()).toEqual([
      'arranged-canvas.flow',
      'branches-join.flow',
      'collection-metafield.flow',
      'company-note.flow',
      'draft-order-tags.flow',
      'every-operator.flow',
      'foreach-and-wait.flow',
      'fulfillment-hold-release.flow',
      'inventory-out-of-stock.flow',
      'kept-verbatim.flow',
      'list-tests.flow',
      'old-style-bare.flow',
      'order-metafield-from-attribute.flow',
      'order-paid-presale-loop.flow',
      'order-tags-condition.flow',
      'product-archived-redirect.flow',
      'product-status-redirect.flow',
      'returns-and-errors.flow',
      'review-connectors.flow',
      'risky-orders-nested.flow',
      'run-code-admin-api.flow',
      'scheduled-connectors.flow',
      'scheduled-unfulfilled-report.flow',
      'welcome-customer-wait.flow',
      'workflow-error-alert.flow',
      'wrong-hash.flow',
    ]);
  });

  describe.each(goodFixtures())('%s', (name) => {
    it('exports back to equivalent JSON (file → ours → file)', () => {
      const imported = read(name);
      const exported = exportFlow(imported.name, imported.definition, catalog);
      expect(canonicalJson(jsonOf(exported.text))).toBe(canonicalJson(jsonOf(flowFixture(name))));
      expect(exported.text).toMatch(/^[0-9a-f]{64}:/);
    });

    it('imports our export as the same workflow (ours → file → ours)', () => {
      const imported = read(name);
      const again = importFlowText(exportFlow(imported.name, imported.definition, catalog).text, name, catalog);
      expect(again.definition).toEqual(imported.definition);
      expect(again.name).toBe(imported.name);
      expect(again.hash).toBe('verified');
    });
  });

  it('maps trigger, condition with both branches and Shopify actions, with the paths as Flow writes them', () => {
    const { definition, hash, issues, name } = read('order-tags-condition.flow');
    expect({ hash, issues, name }).toEqual({ hash: 'verified', issues: [], name: 'Tag big staff orders' });
    expect(definition.trigger?.task).toEqual({ app: 'shopify', handle: 'order_created' });
    const condition = definition.steps[0] as ConditionStep;
    expect(condition.condition).toEqual({
      kind: 'group',
      operator: 'and',
      items: [
        { kind: 'compare', field: 'order.totalPrice', operator: 'greater_or_equal', value: 100 },
        { kind: 'compare', field: 'order.customer.email', operator: 'ends_with', value: '@example.com' },
      ],
    });
    // The hidden order field keeps the path the file gives it, as Flow's exports write it.
    expect(condition.then).toEqual([
      expect.objectContaining({
        kind: 'action',
        task: { app: 'shopify', handle: 'add_order_tags' },
        inputs: { order_id: 'order.id', tags: 'big-staff-order' },
      }),
    ]);
    expect(kinds(condition.else)).toEqual(['shopify:send_internal_email']);
    expect(problemsOf('order-tags-condition.flow')).toEqual([]);
  });

  it('maps every comparison operator, both logical operators, and a value written on the left', () => {
    const condition = (read('every-operator.flow').definition.steps[0] as ConditionStep).condition;
    expect(condition).toEqual({
      kind: 'group',
      operator: 'or',
      items: [
        {
          kind: 'group',
          operator: 'and',
          items: [
            { kind: 'compare', field: 'order.currencyCode', operator: 'equals', value: 'NOK' },
            { kind: 'compare', field: 'order.currencyCode', operator: 'not_equals', value: 'SEK' },
            { kind: 'compare', field: 'order.totalPrice', operator: 'greater_than', value: 10 },
            { kind: 'compare', field: 'order.totalPrice', operator: 'greater_or_equal', value: 10.5 },
            { kind: 'compare', field: 'order.subtotalLineItemsQuantity', operator: 'less_than', value: 100 },
            { kind: 'compare', field: 'order.subtotalLineItemsQuantity', operator: 'less_or_equal', value: 99 },
          ],
        },
        { kind: 'compare', field: 'order.name', operator: 'starts_with', value: '#10' },
        { kind: 'compare', field: 'order.note', operator: 'contains', value: 'gift' },
        { kind: 'compare', field: 'order.note', operator: 'not_contains', value: 'spam' },
        // Flow spells both `include?`: on a list field it is "includes".
        { kind: 'compare', field: 'order.tags', operator: 'includes', value: 'vip' },
        { kind: 'compare', field: 'order.tags', operator: 'not_includes', value: 'blocked' },
        { kind: 'compare', field: 'order.displayFinancialStatus', operator: 'includes', value: ['PAID', 'AUTHORIZED'] },
        { kind: 'compare', field: 'order.displayFulfillmentStatus', operator: 'not_includes', value: ['RESTOCKED', 'PARTIALLY_FULFILLED'] },
        { kind: 'compare', field: 'order.note', operator: 'is_empty' },
        { kind: 'compare', field: 'order.customer.email', operator: 'is_not_empty' },
        { kind: 'compare', field: 'order.test', operator: 'is_true' },
        { kind: 'compare', field: 'order.test', operator: 'is_false' },
        // "500 < total price" read from the field's side
        { kind: 'compare', field: 'order.totalPrice', operator: 'greater_than', value: 500 },
      ],
    });
    expect(problemsOf('every-operator.flow')).toEqual([]);
  });

  it('maps ANY, ALL and NONE list tests with the item compared as a whole', () => {
    const condition = (read('list-tests.flow').definition.steps[0] as ConditionStep).condition;
    expect(condition).toEqual({
      kind: 'group',
      operator: 'and',
      items: [
        {
          kind: 'list',
          field: 'customer.tags',
          quantifier: 'any',
          item: { kind: 'compare', field: 'item', operator: 'equals', value: 'vip' },
        },
        {
          kind: 'list',
          field: 'customer.tags',
          quantifier: 'all',
          item: { kind: 'compare', field: 'item', operator: 'starts_with', value: 'seg-' },
        },
        {
          kind: 'list',
          field: 'customer.tags',
          quantifier: 'none',
          item: {
            kind: 'group',
            operator: 'or',
            items: [
              { kind: 'compare', field: 'item', operator: 'equals', value: 'banned' },
              { kind: 'compare', field: 'item', operator: 'ends_with', value: '-fraud' },
            ],
          },
        },
      ],
    });
    expect(problemsOf('list-tests.flow')).toEqual([]);
  });

  it('maps for-each (loop_body and after ports) and wait, and a connector action', () => {
    const { definition } = read('foreach-and-wait.flow');
    expect(definition.trigger?.task).toEqual({ app: 'shopify', handle: 'order_fulfilled' });
    expect(kinds(definition.steps)).toEqual(['foreach', 'wait', 'loyaltylion:add_points']);
    const [loop, wait] = definition.steps;
    expect(loop).toMatchObject({ kind: 'foreach', list: 'order.lineItems' });
    expect(kinds((loop as Extract<Step, { kind: 'foreach' }>).body)).toEqual(['shopify:send_internal_email']);
    expect(wait).toMatchObject({ kind: 'wait', seconds: 36 * 3600 });
    expect(problemsOf('foreach-and-wait.flow').map((p) => p.code)).toEqual([]);
  });

  it('continues after a condition where both branches meet, with nested conditions and a connector trigger', () => {
    const { definition } = read('branches-join.flow');
    expect(definition.trigger?.task).toEqual({ app: 'loyaltylion', handle: 'customer_moved_up_tier' });
    expect(kinds(definition.steps)).toEqual(['condition', 'loyaltylion:add_points', 'wait']);
    const outer = definition.steps[0] as ConditionStep;
    expect(outer.condition).toEqual({ kind: 'compare', field: 'tier', operator: 'equals', value: 'gold' });
    expect(kinds(outer.then)).toEqual(['condition']);
    const inner = outer.then[0] as ConditionStep;
    expect(inner.condition).toEqual({
      kind: 'group',
      operator: 'or',
      items: [
        { kind: 'compare', field: 'points_balance', operator: 'greater_than', value: 1000 },
        // "Moved up a tier" carries no segment: the path is kept as written, and validation flags it.
        { kind: 'compare', field: 'customer.segment', operator: 'equals', value: 'loyal' },
      ],
    });
    expect(kinds(inner.then)).toEqual(['shopify:add_customer_tags']);
    expect(inner.else).toEqual([]);
    expect(kinds(outer.else)).toEqual(['shopify:add_customer_tags']);
    expect(definition.steps[2]).toMatchObject({ kind: 'wait', seconds: 7200 });
  });

  it('reads an old-style export: bare JSON, no metadata, the trigger listed last', () => {
    const { definition, hash, name, issues } = read('old-style-bare.flow');
    expect({ hash, name, issues }).toEqual({ hash: 'missing', name: 'Old style export', issues: [] });
    expect(definition.trigger?.task).toEqual({ app: 'shopify', handle: 'product_created' });
    expect(kinds(definition.steps)).toEqual(['condition']);
    // What old exports lack is remembered, so the export leaves it out again.
    expect(keptOf(definition)).toMatchObject({ top: {}, root: { patched_fields: [], workflow_name: 'Old style export' } });
  });

  it('keeps the Scheduled time’s weekly rule (`recurrence`) verbatim, and writes it back the same', () => {
    const { definition, name } = read('scheduled-connectors.flow');
    const recurrence = '["DTSTART;TZID=Europe/Oslo:20250106T080000\\nRRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;WKST=MO"]';
    expect(definition.trigger).toMatchObject({ task: { app: 'shopify', handle: 'scheduled_time' }, config: { recurrence } });
    expect(kinds(definition.steps)).toEqual(['klaviyo:track_event', 'asana:create_task']);
    expect(problemsOf('scheduled-connectors.flow')).toEqual([]);
    const written = jsonOf(exportFlow(name, definition, catalog).text) as {
      root: { steps: { task_id: string; config_field_values: unknown }[] };
    };
    const trigger = written.root.steps.find((s) => s.task_id === 'shopify::flow::scheduled_time')!;
    expect(trigger.config_field_values).toEqual([{ config_field_id: 'recurrence', value: recurrence }]);
  });

  it('reports a prefix that does not match, for the admin to confirm', () => {
    const { hash, issues } = read('wrong-hash.flow');
    expect(hash).toBe('mismatch');
    expect(issues).toEqual([expect.objectContaining({ code: 'hash_mismatch', severity: 'confirm', at: { line: 1, column: 1 } })]);
  });

  it('keeps what it cannot represent verbatim, says so with the place, and writes it back', () => {
    const { definition, issues } = read('kept-verbatim.flow');
    expect(issues.map((i) => `${i.severity} ${i.code} ${i.at.path}`)).toEqual([
      'note condition_kept_verbatim root.steps[1].config_field_values[0].value',
      'note condition_kept_verbatim root.steps[1].config_field_values[0].value',
      'note duplicate_config_field root.steps[2].config_field_values[2]',
      'confirm unknown_task root.steps[5].task_type',
      'note step_not_connected root.steps[4]',
      'note link_kept_verbatim root.links[4]',
    ]);
    expect(issues[0]!.message).toContain('the operator "matches_regex?" is not one this app knows');
    expect(issues[1]!.message).toContain('compares two fields');
    const steps = [...walkSteps(definition.steps)];
    expect(steps.map((s) => (s.kind === 'opaque' ? `opaque ${s.taskId}` : s.kind))).toEqual([
      'condition',
      'action',
      // Run code is one of Shopify's own actions now, no longer a task this app keeps blind.
      'action',
      'opaque shopify::flow::log_output',
    ]);
    const condition = (steps[0] as ConditionStep).condition;
    expect(condition).toMatchObject({
      kind: 'group',
      operator: 'and',
      items: [
        { field: expect.stringMatching(/^flow-file\/unmapped\//) },
        { field: expect.stringMatching(/^flow-file\/unmapped\//) },
        { field: 'order.currencyCode', value: 'NOK' },
      ],
    });
    const kept = keptOf(definition);
    expect(kept.unlinkedSteps?.map((s) => s.task_id)).toEqual(['shopify::admin::add_order_note']);
    expect(kept.unlinkedLinks).toEqual([expect.objectContaining({ from_port_id: 'maybe', x_link_note: 'unknown port' })]);
    expect(kept.root).toMatchObject({
      variables: [{ name: 'threshold', value: '100' }],
      note: 'Workflow note',
      vertical_layout_enabled: false,
      x_root_extra: true,
    });
    expect(kept.top).toEqual({ __metadata: { version: 0.1, exported_by: 'hand' }, x_top_extra: ['kept'] });
    // The placeholders keep the workflow from running: validation flags them.
    expect(
      validateWorkflow(definition, validationContext(catalog, everyApp, null)).filter((p) => p.code === 'unknown_condition_field'),
    ).toHaveLength(2);
  });
});
