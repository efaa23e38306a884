import type { CatalogAction, CatalogApp, CatalogTrigger, PayloadField } from '$shared/domain/catalog/catalog-schema';
import type { ValidationProblem } from '$shared/domain/workflow/validation-problem';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- which operators a path's type takes is one domain rule; the editor offers exactly what validation accepts.
import {
  operatorsForKind,
  valuelessOperators,
  type ActionStep,
  type Comparison,
  type ComparisonOperator,
  type ConditionExpression,
  type ForEachStep,
  type SchemaValueKind,
  type Step,
  type TaskRef,
  type WorkflowDefinition,
} from '$shared/domain/workflow/workflow-definition';
import type { Environment } from '$shared/domain/environment/workflow-environment';

export type { CatalogAction, CatalogApp, CatalogTrigger, Environment, PayloadField, ValidationProblem };

/** What a path on the workflow's data is, as far as a comparison cares: how it compares, and its enum values. */
export interface PathShape {
  kind: SchemaValueKind;
  list: boolean;
  enumValues?: readonly string[];
}

/** The path's shape from the domain's Environment (null when the path is not in the workflow's data). */
export function shapeOf(scope: Environment | null, path: string): PathShape | null {
  if (!scope || path === '') return null;
  const found = scope.resolve(path);
  if (!found.ok) return null;
  const enumValues = found.enumValues ?? found.type.choices;
  return { kind: enumValues ? 'enum' : found.kind, list: found.type.list, ...(enumValues ? { enumValues } : {}) };
}

/** The operators the domain accepts for a path of this shape: the domain's own rule, so the list never offers one validation refuses. */
export function operatorsFor(shape: Pick<PathShape, 'kind' | 'list'> | null): ComparisonOperator[] {
  return operatorsForKind(shape?.kind ?? 'text', shape?.list ?? false);
}

const valueless: ReadonlySet<ComparisonOperator> = new Set(valuelessOperators);

export function takesValue(operator: ComparisonOperator): boolean {
  return !valueless.has(operator);
}

/** A new comparison: the admin picks its field from the data tree. */
export function newComparison(): Comparison {
  return { kind: 'compare', field: '', operator: 'equals', value: '' };
}

/** Keeps a comparison consistent when its field changes: the operator must fit the new field's type. */
export function changeField(comparison: Comparison, path: string, shape: PathShape | null): Comparison {
  const fitting = operatorsFor(shape);
  const operator = fitting.includes(comparison.operator) ? comparison.operator : (fitting[0] ?? 'equals');
  const changed = withOperator({ ...comparison, field: path }, operator);
  // An enum's value from another field would only be refused: start the choice afresh.
  return shape?.enumValues && takesValue(operator) ? { ...changed, value: '' } : changed;
}

export function withOperator(comparison: Comparison, operator: ComparisonOperator): Comparison {
  if (takesValue(operator)) return { ...comparison, operator, value: comparison.value ?? '' };
  const { value: _dropped, ...rest } = comparison;
  return { ...rest, operator };
}

/** The value as typed: numbers as numbers when they read as one, so the domain checks them as such. */
export function parseValue(kind: SchemaValueKind | undefined, raw: string): string | number {
  if (kind === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

export function newId(prefix: string): string {
  const random = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36);
  return `${prefix}-${random.replace(/-/g, '').slice(0, 12)}`;
}

export function newAction(task: TaskRef, action: CatalogAction | undefined): ActionStep {
  const inputs: Record<string, string> = {};
  for (const field of action?.fields ?? []) {
    // A hidden object reference stays empty: the action then acts on the nearest object of its type (F3).
    if (field.hidden) continue;
    if (field.default !== undefined) inputs[field.key] = field.default;
    else if (field.required) inputs[field.key] = '';
  }
  return { id: newId('action'), kind: 'action', task, inputs };
}

export function newCondition(): Step {
  return {
    id: newId('condition'),
    kind: 'condition',
    condition: { kind: 'group', operator: 'and', items: [newComparison()] },
    then: [],
    else: [],
  };
}

/** Replaces the step with this id anywhere in the tree (a null replacement removes it). */
export function replaceStep(steps: readonly Step[], id: string, replacement: Step | null): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    if (step.id === id) {
      if (replacement) out.push(replacement);
      continue;
    }
    if (step.kind === 'condition')
      out.push({ ...step, then: replaceStep(step.then, id, replacement), else: replaceStep(step.else, id, replacement) });
    else if (step.kind === 'foreach') out.push({ ...step, body: replaceStep(step.body, id, replacement) });
    else out.push(step);
  }
  return out;
}

/** Problems located exactly at a step's field. */
export function problemsAt(problems: readonly ValidationProblem[], stepId: string | null, field: string | null): ValidationProblem[] {
  return problems.filter((p) => p.stepId === stepId && p.field === field);
}

/** The id an input's problem text gets, so the input can point at it with aria-describedby. */
export function problemId(stepId: string | null, field: string | null): string {
  return `problem-${stepId ?? 'workflow'}-${(field ?? 'all').replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

/** The id of the input a problem concerns, so the summary can move focus to it. */
export function inputId(stepId: string | null, field: string | null): string {
  return `input-${stepId ?? 'workflow'}-${(field ?? 'all').replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

export function findApp(apps: readonly CatalogApp[], id: string): CatalogApp | undefined {
  return apps.find((a) => a.id === id);
}

export function findTrigger(apps: readonly CatalogApp[], ref: TaskRef | null | undefined): CatalogTrigger | undefined {
  return ref ? findApp(apps, ref.app)?.triggers.find((t) => t.handle === ref.handle) : undefined;
}

export function findAction(apps: readonly CatalogApp[], ref: TaskRef): CatalogAction | undefined {
  return findApp(apps, ref.app)?.actions.find((a) => a.handle === ref.handle);
}

/** Inserts a Liquid token (`{{ order.name }}`) where the caret is (replacing a selection); returns the new text and caret. */
export function insertVariable(text: string, start: number | null, end: number | null, token: string): { text: string; caret: number } {
  const from = start ?? text.length;
  const to = end ?? from;
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}

export type { ActionStep, Comparison, ComparisonOperator, ConditionExpression, ForEachStep, Step, TaskRef, WorkflowDefinition };

export function hasProblem(problems: readonly ValidationProblem[], stepId: string | null, field: string | null): boolean {
  return problems.some((p) => p.stepId === stepId && p.field === field && p.severity === 'error');
}

/** aria-describedby for an input: its hint (when it has one) and its problems (when there are any). */
export function describedBy(
  problems: readonly ValidationProblem[],
  stepId: string | null,
  field: string | null,
  hintId?: string,
): string | undefined {
  const ids = [hintId, problemsAt(problems, stepId, field).length > 0 ? problemId(stepId, field) : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** What the editor changes before it is saved: the workflow's name, description and definition. */
export interface Draft {
  name: string;
  description: string;
  definition: WorkflowDefinition;
}
