import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import {
  comparisonOperator,
  type ComparisonOperator,
  type ConditionExpression,
  type Literal,
  type Step,
  type WorkflowDefinition,
} from '../../../electron/domain/workflow/workflow-definition';
import { canonicalJson } from '../../../electron/transfer/canonical-json';
import { normalizeCondition } from '../../../electron/transfer/flow-file/condition-import';
import { exportFlow } from '../../../electron/transfer/flow-file/export-flow';
import type { FlowDocument, FlowStep } from '../../../electron/transfer/flow-file/flow-json';
import { importFlowText } from '../../../electron/transfer/flow-file/import-flow';
import { flowFixture, orderTagDefinition } from '../../support/transfer-fixture';

const catalog = loadCatalog();
const roundTrip = (definition: WorkflowDefinition, name = 'Round trip') =>
  importFlowText(exportFlow(name, definition, catalog).text, `${name}.flow`, catalog);
const documentOf = (text: string) => JSON.parse(text.slice(65)) as FlowDocument;

// Keys as the catalog writes them: snake case, each part starting with a letter.
const key = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(_[a-z][a-z0-9]{0,5}){0,2}$/);
const triggers = catalog.apps.flatMap((app) => app.triggers.map((t) => ({ app: app.id, trigger: t })));
const actions = catalog.apps.flatMap((app) => app.actions.map((a) => ({ app: app.id, action: a })));
const valueless = new Set<ComparisonOperator>(['is_empty', 'is_not_empty', 'is_true', 'is_false']);
// Numbers whose text reads back the same (no exponent, no -0).
const number = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100);

function literal(operator: ComparisonOperator): fc.Arbitrary<Literal | undefined> {
  const scalar = fc.oneof(fc.string({ maxLength: 12 }), number);
  if (operator === 'includes' || operator === 'not_includes')
    return fc.oneof(scalar, fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }));
  // `equals true` reads back as `is true` (the form conditions on true/false take): not generated.
  const bool = operator === 'not_equals' ? [fc.boolean()] : [];
  return fc.oneof(scalar, fc.constant(null), fc.constant(undefined), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), ...bool);
}

function comparison(fields: fc.Arbitrary<string>): fc.Arbitrary<ConditionExpression> {
  return fc
    .record({ field: fields, operator: fc.constantFrom(...comparisonOperator.options) })
    .chain(({ field, operator }) =>
      valueless.has(operator)
        ? fc.constant<ConditionExpression>({ kind: 'compare', field, operator })
        : literal(operator).map((value): ConditionExpression =>
            value === undefined ? { kind: 'compare', field, operator } : { kind: 'compare', field, operator, value },
          ),
    );
}

function expression(fields: fc.Arbitrary<string>, listFields: fc.Arbitrary<string>, depth: number): fc.Arbitrary<ConditionExpression> {
  if (depth === 0) return comparison(fields);
  const inner = expression(fields, listFields, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: comparison(fields) },
    {
      weight: 1,
      arbitrary: fc
        .record({ operator: fc.constantFrom('and' as const, 'or' as const), items: fc.array(inner, { maxLength: 4 }) })
        .map((g) => ({ kind: 'group' as const, ...g })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          field: listFields,
          quantifier: fc.constantFrom('any' as const, 'all' as const, 'none' as const),
          item: expression(fc.oneof(fc.constant('item'), key), listFields, depth - 1),
        })
        .map((l) => ({ kind: 'list' as const, ...l })),
    },
  );
}

/** A whole workflow in the form an import gives (conditions normalized); ids unique. */
const workflow: fc.Arbitrary<WorkflowDefinition> = fc.constantFrom(...triggers).chain(({ app, trigger }) => {
  const known = trigger.fields.map((f) => f.key).filter((k) => /^[a-z][a-z0-9]*(_[a-z][a-z0-9]*)*$/.test(k));
  const lists = trigger.fields.filter((f) => f.list).map((f) => f.key);
  const fields = fc.oneof(
    known.length ? fc.constantFrom(...known) : key,
    key,
    fc.constant(`${trigger.handle.split('_')[0]}.something.else`),
  );
  const listFields = lists.length ? fc.oneof(fc.constantFrom(...lists), key) : key;
  const ids = { n: 0 };
  const step = (depth: number): fc.Arbitrary<Step> => {
    const id = () => `s${++ids.n}-${depth}`;
    const leaves = [
      fc.constantFrom(...actions).chain(({ app: a, action }) =>
        fc
          .array(fc.tuple(fc.constantFrom(...action.fields.map((f) => f.key), 'extra_input'), fc.string({ maxLength: 20 })), {
            maxLength: 4,
          })
          .map((pairs): Step => ({
            id: id(),
            kind: 'action',
            task: { app: a, handle: action.handle },
            inputs: Object.fromEntries(pairs),
          })),
      ),
      fc.integer({ min: 1, max: 10_000_000 }).map((seconds): Step => ({ id: id(), kind: 'wait', seconds })),
    ];
    if (depth === 0) return fc.oneof(...leaves);
    const list = fc.array(step(depth - 1), { maxLength: 3 });
    return fc.oneof(
      ...leaves,
      fc
        .record({ condition: expression(fields, listFields, 2), then: list, else: list })
        .map((c): Step => ({ id: id(), kind: 'condition', ...c, condition: normalizeCondition(c.condition) })),
      fc.record({ list: listFields, body: list }).map((f): Step => ({ id: id(), kind: 'foreach', ...f })),
    );
  };
  return fc.record({
    trigger: fc
      .record({ config: fc.dictionary(key, fc.string({ maxLength: 10 }), { maxKeys: 2 }) })
      .map(({ config }) => ({ id: 'trigger', task: { app, handle: trigger.handle }, config })),
    steps: fc.array(step(3), { maxLength: 4 }),
  });
});

/** Ids made unique by position, since the generator may repeat them across branches. */
function uniqueIds(definition: WorkflowDefinition): WorkflowDefinition {
  let n = 0;
  const walk = (steps: Step[]): Step[] =>
    steps.map((s) => {
      const id = `step-${++n}`;
      if (s.kind === 'condition') return { ...s, id, then: walk(s.then), else: walk(s.else) };
      if (s.kind === 'foreach') return { ...s, id, body: walk(s.body) };
      return { ...s, id };
    });
  return { ...definition, steps: walk(definition.steps) };
}

describe('ours → file → ours', () => {
  it('gives back the same workflow, with nothing kept on the side, for any workflow', () => {
    fc.assert(
      fc.property(workflow.map(uniqueIds), (definition) => {
        const again = roundTrip(definition);
        expect(again.issues).toEqual([]);
        expect(again.hash).toBe('verified');
        expect(again.definition).toEqual(definition);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a .flow file Flow reads: envelope, metadata, one trigger, links from known ports to inputs', () => {
    const { text } = exportFlow('Tag orders', orderTagDefinition, catalog);
    const document = documentOf(text);
    expect(document).toMatchObject({
      __metadata: { version: 0.1 },
      root: { patched_fields: [], variables: [], note: null, vertical_layout_enabled: true, workflow_name: 'Tag orders' },
    });
    expect(document.root.steps.map((s) => [s.task_id, s.task_type])).toEqual([
      ['shopify::admin::order_created', 'TRIGGER'],
      ['shopify::flow::condition', 'CONDITION'],
      ['loyaltylion::flow-connectors::add_points', 'ACTION'],
      ['shopify::admin::add_order_tags', 'ACTION'],
    ]);
    expect((document.root.links ?? []).map((l) => `${l.from_step_id}.${l.from_port_id} → ${l.to_step_id}.${l.to_port_id}`)).toEqual([
      'trigger.output → big.input',
      'big.true → points.input',
      'big.false → tag.input',
    ]);
    const condition = JSON.parse(document.root.steps[1]!.config_field_values![0]!.value) as Record<string, unknown>;
    expect(condition).toMatchObject({
      operation_type: 'LogicalExpression',
      operator: 'AND',
      lhs: {
        operation_type: 'Comparison',
        operator: '>',
        value_type: 'EnvironmentScalarDefinition:Int',
        lhs: { comparison_value_type: 'EnvironmentValue', full_environment_path: 'order.totalPrice' },
        rhs: { comparison_value_type: 'LiteralValue', value: '100' },
      },
    });
    // The same workflow always gives the same file.
    expect(exportFlow('Tag orders', structuredClone(orderTagDefinition), catalog).text).toBe(text);
  });

  it('gives back conditions in their normal form: one-item groups unwrapped, same-operator groups flattened', () => {
    const nested: WorkflowDefinition = {
      ...orderTagDefinition,
      steps: [
        {
          id: 'c',
          kind: 'condition',
          condition: {
            kind: 'group',
            operator: 'and',
            items: [
              {
                kind: 'group',
                operator: 'and',
                items: [
                  { kind: 'compare', field: 'order.test', operator: 'is_true' },
                  {
                    kind: 'group',
                    operator: 'or',
                    items: [{ kind: 'compare', field: 'order.currencyCode', operator: 'equals', value: 'NOK' }],
                  },
                ],
              },
            ],
          },
          then: [],
          else: [],
        },
      ],
    };
    const condition = (roundTrip(nested).definition.steps[0] as Extract<Step, { kind: 'condition' }>).condition;
    expect(condition).toEqual({
      kind: 'group',
      operator: 'and',
      items: [
        { kind: 'compare', field: 'order.test', operator: 'is_true' },
        { kind: 'compare', field: 'order.currencyCode', operator: 'equals', value: 'NOK' },
      ],
    });
    expect(condition).toEqual(normalizeCondition((nested.steps[0] as Extract<Step, { kind: 'condition' }>).condition));
  });
});

describe('file → ours → file after changes', () => {
  const original = flowFixture('kept-verbatim.flow');
  const imported = importFlowText(original, 'kept-verbatim.flow', catalog);
  const before = documentOf(original);
  const stepById = (document: FlowDocument, id: string) => document.root.steps.find((s) => s.step_id === id)!;

  it('a changed action keeps its position, note and unknown keys; the other steps stay exactly as they were', () => {
    const edited = structuredClone(imported.definition);
    const condition = edited.steps[0] as Extract<Step, { kind: 'condition' }>;
    const action = condition.then[0] as Extract<Step, { kind: 'action' }>;
    action.inputs = { ...action.inputs, tags: 'changed' };
    const after = documentOf(exportFlow(imported.name, edited, catalog).text);
    const old = stepById(before, action.id);
    expect(stepById(after, action.id)).toEqual({
      ...old,
      config_field_values: [
        { config_field_id: 'order_id', value: 'order.id' },
        { config_field_id: 'tags', value: 'changed' },
      ],
    });
    for (const step of before.root.steps.filter((s) => s.step_id !== action.id)) expect(stepById(after, step.step_id)).toEqual(step);
    expect(after.root.links).toEqual(before.root.links);
  });

  it('a changed condition writes the parts kept verbatim back, inside the new tree', () => {
    const edited = structuredClone(imported.definition);
    const condition = edited.steps[0] as Extract<Step, { kind: 'condition' }>;
    const group = condition.condition as Extract<ConditionExpression, { kind: 'group' }>;
    group.items[2] = { kind: 'compare', field: 'currency', operator: 'equals', value: 'SEK' };
    const after = documentOf(exportFlow(imported.name, edited, catalog).text);
    const text = (s: FlowStep) => s.config_field_values!.find((c) => c.config_field_id === 'condition')!.value;
    const written = text(stepById(after, condition.id));
    expect(written).toContain('"operator":"matches_regex?"');
    expect(written).toContain('"value":"SEK"');
    expect(stepById(after, condition.id)).toMatchObject({
      name: 'Odd checks',
      step_position: [10, 220],
      config_field_values: [expect.anything(), { config_field_id: 'mode', value: 'strict' }],
    });
    // Read again, the same parts are placeholders and the change is there.
    const again = importFlowText(exportFlow(imported.name, edited, catalog).text, 'again.flow', catalog);
    expect((again.definition.steps[0] as Extract<Step, { kind: 'condition' }>).condition).toEqual(group);
  });

  it('a renamed workflow gets its new name in the file; everything else is as imported', () => {
    const after = documentOf(exportFlow('Renamed', imported.definition, catalog).text);
    expect(after.root.workflow_name).toBe('Renamed');
    expect(canonicalJson({ ...after, root: { ...after.root, workflow_name: 'Kept verbatim' } })).toBe(canonicalJson(before));
  });

  it('a removed step is not written, and its links go with it; steps and links kept verbatim stay', () => {
    const edited = structuredClone(imported.definition);
    const condition = edited.steps[0] as Extract<Step, { kind: 'condition' }>;
    const removed = condition.then.splice(1, 1)[0]!;
    const after = documentOf(exportFlow(imported.name, edited, catalog).text);
    expect(after.root.steps.map((s) => s.step_id)).not.toContain(removed.id);
    expect((after.root.links ?? []).filter((l) => l.from_step_id === removed.id || l.to_step_id === removed.id)).toEqual([]);
    expect(after.root.steps).toHaveLength(before.root.steps.length - 1);
    expect(after.root.links).toContainEqual(expect.objectContaining({ from_port_id: 'maybe', x_link_note: 'unknown port' }));
  });
});
