import { z } from 'zod';

/**
 * A workflow as Flow draws it: one trigger, then a tree of steps. A condition has a then and an else
 * branch; actions run in order; for-each runs its body per list item; wait pauses. Steps are identified
 * by stable ids so validation problems, runs and .flow files can point at them.
 */

const stepId = z.string().min(1).max(64);

/** `appId:handle` of a catalog trigger or action, e.g. `loyaltylion:add_points`, `shopify:order_created`. */
export const taskRef = z
  .object({ app: z.string().min(1), handle: z.string().min(1) })
  .strict()
  .meta({ id: 'TaskRef' });
export type TaskRef = z.infer<typeof taskRef>;

export const textOperators = ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'ends_with'] as const;
export const orderOperators = ['equals', 'not_equals', 'greater_than', 'greater_or_equal', 'less_than', 'less_or_equal'] as const;
export const booleanOperators = ['is_true', 'is_false'] as const;
export const listOperators = ['includes', 'not_includes'] as const;
export const emptinessOperators = ['is_empty', 'is_not_empty'] as const;

export const comparisonOperator = z.enum([
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'greater_than',
  'greater_or_equal',
  'less_than',
  'less_or_equal',
  'is_true',
  'is_false',
  'includes',
  'not_includes',
  'is_empty',
  'is_not_empty',
]);
export type ComparisonOperator = z.infer<typeof comparisonOperator>;

/** Which operators apply to a field depends on its kind: text, an ordered value (number, date), true/false, an enum, or a list. */
export type OperatorFamily = 'text' | 'order' | 'boolean' | 'enum' | 'list';

/** How a value of the Admin schema compares (ValueKind of electron/domain/schema). */
export type SchemaValueKind = 'text' | 'number' | 'boolean' | 'date' | 'id' | 'enum' | 'json' | 'object';

export function operatorFamilyOfKind(kind: SchemaValueKind, list: boolean): OperatorFamily {
  if (list) return 'list';
  if (kind === 'boolean') return 'boolean';
  if (kind === 'number' || kind === 'date') return 'order';
  if (kind === 'enum') return 'enum';
  return 'text';
}

/** The operators a comparison on a path of this kind may use (every family also has the emptiness tests). */
export function operatorsForKind(kind: SchemaValueKind, list: boolean): ComparisonOperator[] {
  return [...familyOperators[operatorFamilyOfKind(kind, list)], ...emptinessOperators];
}

export function operatorFamilyOf(field: { type: string; list: boolean }): OperatorFamily {
  if (field.list) return 'list';
  if (field.type === 'boolean') return 'boolean';
  if (field.type === 'number_integer' || field.type === 'number_decimal' || field.type === 'date_time') return 'order';
  return 'text';
}

export const enumOperators = ['equals', 'not_equals'] as const;

const familyOperators = {
  text: textOperators,
  order: orderOperators,
  boolean: booleanOperators,
  enum: enumOperators,
  list: listOperators,
} as const;

/** The operators a comparison on this field may use (every family also has the emptiness tests). Shared by validation and the editor. */
export function operatorsFor(field: { type: string; list: boolean }): ComparisonOperator[] {
  return [...familyOperators[operatorFamilyOf(field)], ...emptinessOperators];
}

/** Operators that compare with nothing: the value is ignored. */
export const valuelessOperators: readonly ComparisonOperator[] = [...booleanOperators, ...emptinessOperators];

export const literal = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type Literal = z.infer<typeof literal>;

/** `field` is a key of the trigger's data (or, inside a list test, of the list item). */
export interface Comparison {
  kind: 'compare';
  field: string;
  operator: ComparisonOperator;
  value?: Literal;
}
export interface ConditionGroup {
  kind: 'group';
  operator: 'and' | 'or';
  items: ConditionExpression[];
}
/** Any / all / none of the items of a list field satisfy `item` (which tests each item as `field: "item"` or its keys). */
export interface ListTest {
  kind: 'list';
  field: string;
  quantifier: 'any' | 'all' | 'none';
  item: ConditionExpression;
}
export type ConditionExpression = Comparison | ConditionGroup | ListTest;

export const conditionExpression: z.ZodType<ConditionExpression> = z
  .lazy(() =>
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('compare'), field: z.string().min(1), operator: comparisonOperator, value: literal.optional() }).strict(),
      z.object({ kind: z.literal('group'), operator: z.enum(['and', 'or']), items: z.array(conditionExpression) }).strict(),
      z
        .object({
          kind: z.literal('list'),
          field: z.string().min(1),
          quantifier: z.enum(['any', 'all', 'none']),
          item: conditionExpression,
        })
        .strict(),
    ]),
  )
  .meta({ id: 'ConditionExpression' });

export interface ActionStep {
  id: string;
  kind: 'action';
  task: TaskRef;
  /** A value per input field; text may be a Liquid template over the trigger's data. */
  inputs: Record<string, string>;
}
export interface ConditionStep {
  id: string;
  kind: 'condition';
  condition: ConditionExpression;
  then: Step[];
  else: Step[];
}
export interface ForEachStep {
  id: string;
  kind: 'foreach';
  /** A list field of the trigger's data. */
  list: string;
  body: Step[];
}
export interface WaitStep {
  id: string;
  kind: 'wait';
  seconds: number;
}
/** A step of an imported .flow file we cannot represent: kept verbatim and written back on export. */
export interface OpaqueStep {
  id: string;
  kind: 'opaque';
  taskId: string;
  raw: unknown;
}
export type Step = ActionStep | ConditionStep | ForEachStep | WaitStep | OpaqueStep;

export const step: z.ZodType<Step> = z
  .lazy(() =>
    z.discriminatedUnion('kind', [
      z.object({ id: stepId, kind: z.literal('action'), task: taskRef, inputs: z.record(z.string(), z.string()) }).strict(),
      z
        .object({ id: stepId, kind: z.literal('condition'), condition: conditionExpression, then: z.array(step), else: z.array(step) })
        .strict(),
      z.object({ id: stepId, kind: z.literal('foreach'), list: z.string().min(1), body: z.array(step) }).strict(),
      z.object({ id: stepId, kind: z.literal('wait'), seconds: z.number().int().min(1) }).strict(),
      z.object({ id: stepId, kind: z.literal('opaque'), taskId: z.string(), raw: z.unknown() }).strict(),
    ]),
  )
  .meta({ id: 'Step' });

export const triggerStep = z
  .object({
    id: stepId,
    task: taskRef,
    /** Settings of the trigger itself (e.g. a scheduled time's hour); strings as in .flow files. */
    config: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type TriggerStep = z.infer<typeof triggerStep>;

/** Where a step sits on the canvas, `[x, y]` as .flow files write `step_position`. */
export const stepPosition = z.tuple([z.number().finite(), z.number().finite()]).meta({ id: 'StepPosition' });
export type StepPosition = z.infer<typeof stepPosition>;

export const workflowDefinition = z
  .object({
    /** Null while a new workflow has no trigger yet (a draft). */
    trigger: triggerStep.nullable(),
    steps: z.array(step),
    /**
     * The admin's arrangement on the canvas, by step id (the trigger's id too). Absent: the canvas lays the
     * workflow out itself. Optional, so versions saved before the canvas stay valid.
     */
    positions: z.record(stepId, stepPosition).optional(),
    /** Whatever an imported .flow file carried that we do not model (kept verbatim, written back on export). */
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .meta({ id: 'WorkflowDefinition' });
export type WorkflowDefinition = z.infer<typeof workflowDefinition>;

export const emptyDefinition: WorkflowDefinition = { trigger: null, steps: [] };

/** Every step of the tree, depth first, in the order they would run. */
export function* walkSteps(steps: readonly Step[]): Generator<Step> {
  for (const s of steps) {
    yield s;
    if (s.kind === 'condition') {
      yield* walkSteps(s.then);
      yield* walkSteps(s.else);
    } else if (s.kind === 'foreach') {
      yield* walkSteps(s.body);
    }
  }
}
