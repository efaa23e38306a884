import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemCodes } from '../../../electron/domain/workflow/validation-problem';
import {
  comparisonOperator,
  walkSteps,
  workflowDefinition,
  type Step,
  type WorkflowDefinition,
} from '../../../electron/domain/workflow/workflow-definition';
import { catalog, context, validate } from './definitions';

// Real catalog names mixed with nonsense, so generated workflows hit both the known and the unknown paths.
const apps = catalog.apps.map((a) => a.id);
const handles = catalog.apps.flatMap((a) => [...a.triggers, ...a.actions].map((t) => t.handle));
const fieldKeys = [...new Set(catalog.apps.flatMap((a) => [...a.triggers, ...a.actions].flatMap((t) => t.fields.map((f) => f.key))))];
const word = fc.oneof(fc.constantFrom(...apps, ...handles, ...fieldKeys, 'item', 'slack:send_message'), fc.string({ maxLength: 8 }));
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('{{ order.id }}', '{{ item }}', '{{ nope', '{% if x %}', '+4791234567', 'true', '12', '{{ a | shout }}'),
);
const task = fc.record({ app: fc.constantFrom(...apps, 'nope'), handle: fc.constantFrom(...handles, 'nope') });
const stepId = fc.constantFrom('a', 'b', 'c', 'd', 'trigger', 'e', 'f');
const literalValue = fc.option(
  fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 })),
  {
    nil: undefined,
  },
);

const { expression } = fc.letrec<{ expression: unknown }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record(
      {
        kind: fc.constant('compare'),
        field: word.filter((w) => w.length > 0),
        operator: fc.constantFrom(...comparisonOperator.options),
        value: literalValue,
      },
      { requiredKeys: ['kind', 'field', 'operator'] },
    ),
    fc.record({ kind: fc.constant('group'), operator: fc.constantFrom('and', 'or'), items: fc.array(tie('expression'), { maxLength: 3 }) }),
    fc.record({
      kind: fc.constant('list'),
      field: word.filter((w) => w.length > 0),
      quantifier: fc.constantFrom('any', 'all', 'none'),
      item: tie('expression'),
    }),
  ),
}));

const { steps } = fc.letrec<{ step: Step; steps: Step[] }>((tie) => ({
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ id: stepId, kind: fc.constant('action' as const), task, inputs: fc.dictionary(word, text, { maxKeys: 4 }) }),
    fc.record({
      id: stepId,
      kind: fc.constant('condition' as const),
      condition: expression as fc.Arbitrary<never>,
      then: tie('steps'),
      else: tie('steps'),
    }),
    fc.record({ id: stepId, kind: fc.constant('foreach' as const), list: word.filter((w) => w.length > 0), body: tie('steps') }),
    fc.record({ id: stepId, kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({
      id: stepId,
      kind: fc.constant('opaque' as const),
      taskId: fc.string({ maxLength: 10 }),
      raw: fc.jsonValue({ maxDepth: 1 }),
    }),
  ),
  steps: fc.array(tie('step'), { maxLength: 3 }) as fc.Arbitrary<Step[]>,
}));

const definition: fc.Arbitrary<WorkflowDefinition> = fc.record({
  trigger: fc.option(fc.record({ id: stepId, task, config: fc.constant({}) }), { nil: null }),
  steps,
});
const installed = fc.subarray(apps);

describe('validateWorkflow on any schema-valid definition', () => {
  it('never throws, and locates every problem at a step that exists (or the workflow) with a known code', () => {
    fc.assert(
      fc.property(
        definition,
        installed,
        fc.option(fc.constantFrom('enquire:survey_response_created_legacy'), { nil: null }),
        (raw, apps, previous) => {
          const parsed = workflowDefinition.safeParse(raw);
          fc.pre(parsed.success);
          const def = parsed.data!;
          const problems = validate(def, context({ installed: apps, previousTriggerKey: previous }));
          const ids = new Set([...(def.trigger ? [def.trigger.id] : []), ...[...walkSteps(def.steps)].map((s) => s.id)]);
          for (const p of problems) {
            expect(problemCodes).toContain(p.code);
            if (p.stepId !== null) expect(ids.has(p.stepId)).toBe(true);
            expect(p.message.length).toBeGreaterThan(0);
          }
          // Pure: the same input gives the same answer.
          expect(validate(def, context({ installed: apps, previousTriggerKey: previous }))).toEqual(problems);
        },
      ),
      { numRuns: 400 },
    );
  });
});
