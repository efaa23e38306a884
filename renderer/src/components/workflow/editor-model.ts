import type { CatalogAction, CatalogApp, CatalogTrigger, FieldType, PayloadField } from '$shared/domain/catalog/catalog-schema';
import type { ValidationProblem } from '$shared/domain/workflow/validation-problem';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- which operators a field type takes is one domain rule; the editor offers exactly what validation accepts.
import {
  operatorsFor as domainOperatorsFor,
  valuelessOperators,
  type ActionStep,
  type Comparison,
  type ComparisonOperator,
  type ConditionExpression,
  type Step,
  type TaskRef,
  type WorkflowDefinition,
} from '$shared/domain/workflow/workflow-definition';

export type { CatalogAction, CatalogApp, CatalogTrigger, PayloadField, ValidationProblem };

/** A field a condition can test: the trigger's data, plus `item` inside a list test or for-each. */
export interface ScopeField {
  key: string;
  name: { nb: string; en: string } | null;
  type: FieldType;
  list: boolean;
  choices?: readonly string[];
}

export function scopeOf(fields: readonly PayloadField[]): ScopeField[] {
  return fields.map((f) => ({ key: f.key, name: f.name, type: f.type, list: f.list, choices: f.choices }));
}

/** Inside a list test the current element is `item`, typed as one element of the list. */
export function withItem(scope: readonly ScopeField[], listField: ScopeField | undefined): ScopeField[] {
  const rest = scope.filter((f) => f.key !== 'item');
  if (!listField) return rest;
  return [...rest, { key: 'item', name: null, type: listField.type, list: false, choices: listField.choices }];
}

/** The operators the domain accepts for a field: the domain's own rule, so the choice list never offers one validation refuses. */
export function operatorsFor(field: Pick<ScopeField, 'type' | 'list'> | undefined): ComparisonOperator[] {
  return domainOperatorsFor(field ?? { type: 'single_line_text_field', list: false });
}

const valueless: ReadonlySet<ComparisonOperator> = new Set(valuelessOperators);

export function takesValue(operator: ComparisonOperator): boolean {
  return !valueless.has(operator);
}

export function isNumeric(type: FieldType): boolean {
  return type === 'number_integer' || type === 'number_decimal';
}

/** A new comparison on the first field, with the first operator that fits it. */
export function newComparison(scope: readonly ScopeField[]): Comparison {
  const field = scope.find((f) => !f.list) ?? scope[0];
  const operator = operatorsFor(field)[0] ?? 'equals';
  return takesValue(operator) ? { kind: 'compare', field: field?.key ?? '', operator, value: '' } : { kind: 'compare', field: field?.key ?? '', operator };
}

/** Keeps a comparison consistent when its field changes: the operator must fit the new field's type. */
export function changeField(comparison: Comparison, field: ScopeField | undefined): Comparison {
  const fitting = operatorsFor(field);
  const operator = fitting.includes(comparison.operator) ? comparison.operator : (fitting[0] ?? 'equals');
  return withOperator({ ...comparison, field: field?.key ?? comparison.field }, operator);
}

export function withOperator(comparison: Comparison, operator: ComparisonOperator): Comparison {
  if (takesValue(operator)) return { ...comparison, operator, value: comparison.value ?? '' };
  const { value: _dropped, ...rest } = comparison;
  return { ...rest, operator };
}

/** The value as typed into a field of this type: numbers as numbers when they read as one, so the domain checks them as such. */
export function parseValue(type: FieldType, raw: string): string | number {
  if (isNumeric(type) && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

export function newId(prefix: string): string {
  const random = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36);
  return `${prefix}-${random.replace(/-/g, '').slice(0, 12)}`;
}

export function newAction(task: TaskRef, action: CatalogAction | undefined): ActionStep {
  const inputs: Record<string, string> = {};
  for (const field of action?.fields ?? []) if (field.required) inputs[field.key] = '';
  return { id: newId('action'), kind: 'action', task, inputs };
}

export function newCondition(scope: readonly ScopeField[]): Step {
  return { id: newId('condition'), kind: 'condition', condition: { kind: 'group', operator: 'and', items: [newComparison(scope)] }, then: [], else: [] };
}

/** Replaces the step with this id anywhere in the tree (a null replacement removes it). */
export function replaceStep(steps: readonly Step[], id: string, replacement: Step | null): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    if (step.id === id) {
      if (replacement) out.push(replacement);
      continue;
    }
    if (step.kind === 'condition') out.push({ ...step, then: replaceStep(step.then, id, replacement), else: replaceStep(step.else, id, replacement) });
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

/** Inserts `{{ key }}` where the caret is (replacing a selection); returns the new text and caret. */
export function insertVariable(text: string, start: number | null, end: number | null, key: string): { text: string; caret: number } {
  const token = `{{ ${key} }}`;
  const from = start ?? text.length;
  const to = end ?? from;
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}

export type { Comparison, ComparisonOperator, ConditionExpression, Step, TaskRef, WorkflowDefinition };

export function hasProblem(problems: readonly ValidationProblem[], stepId: string | null, field: string | null): boolean {
  return problems.some((p) => p.stepId === stepId && p.field === field && p.severity === 'error');
}

/** aria-describedby for an input: its hint (when it has one) and its problems (when there are any). */
export function describedBy(problems: readonly ValidationProblem[], stepId: string | null, field: string | null, hintId?: string): string | undefined {
  const ids = [hintId, problemsAt(problems, stepId, field).length > 0 ? problemId(stepId, field) : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** What the editor changes before it is saved: the workflow's name, description and definition. */
export interface Draft {
  name: string;
  description: string;
  definition: WorkflowDefinition;
}
