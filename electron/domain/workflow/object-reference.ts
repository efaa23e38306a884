import type { ActionField } from '../catalog/catalog-schema';
import type { Environment } from '../environment/workflow-environment';
import { objectWords } from './missing-data';
import { pathProblem } from './path-problem';
import type { StepProblems } from './problem-list';

/**
 * The hidden field naming the object an action acts on (`order_id` of Add order tags) is written three ways
 * in real workflows: as a bare path (`order.id`, what Flow's own exports hold), as Liquid (`{{ order.id }}`),
 * and wrapped as Flow's API takes it (`{"value": "{{ draftOrder.id }}", "default_value": ""}`). All three
 * name the same thing; this reads any of them as the text it stands for.
 */

const barePath = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const onePath = /^\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*-?\}\}$/;

/** The value inside Flow's `{"value": …, "default_value": …}` wrapper, or the value itself. */
export function unwrapObjectReference(value: string): string {
  const text = value.trim();
  if (!text.startsWith('{"') && !text.startsWith('{ "')) return value;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      typeof (parsed as { value?: unknown }).value === 'string'
    ) {
      return (parsed as { value: string }).value;
    }
  } catch {
    // not the wrapper: the value is what it is
  }
  return value;
}

/** The path an object reference names (`order.id`, `lineItemsForeachitem.product.id`), or null when it is an id or other text. */
export function objectReferencePath(value: string): string | null {
  const text = unwrapObjectReference(value).trim();
  if (barePath.test(text)) return text;
  return onePath.exec(text)?.[1] ?? null;
}

/** The value as Liquid renders it in a run: a path becomes `{{ path }}`, anything else stays as it is. */
export function objectReferenceTemplate(value: string): string {
  const path = objectReferencePath(value);
  return path === null ? unwrapObjectReference(value) : `{{ ${path} }}`;
}

/**
 * A hidden object field written as a path: the path must be in the data the step reads (`where` names it in
 * the message) and be the id of the field's object (`order.id` for an order, not `order.customer.id`).
 */
export function checkObjectPath(path: string, field: ActionField, scope: Environment, where: string, at: StepProblems): void {
  const key = field.key;
  const found = scope.resolve(path);
  if (!found.ok) {
    const problem = pathProblem(found, where);
    at.error('unknown_variable', key, `In "${key}": ${problem.message}`, { fieldKey: key, variable: path, ...problem.params });
    return;
  }
  if (found.kind === 'json') return; // Run code's output: typed by the admin's own output schema
  const objectType = field.objectType;
  const owner = path.endsWith('.id') ? scope.resolve(path.slice(0, -3)) : null;
  const wrongObject = objectType !== undefined && owner?.ok === true && owner.type.type !== objectType;
  if (found.type.type !== 'ID' || found.type.list || wrongObject) {
    const example = objectType ? `${objectType.charAt(0).toLowerCase()}${objectType.slice(1)}.id` : 'order.id';
    const expected = objectType ? `the id of ${objectWords(objectType)}, e.g. ${example}` : 'the id of an object';
    at.error('wrong_type', key, `"${field.name.en}" must be ${expected}; "${path}" is not`, {
      fieldKey: key,
      fieldName: field.name.en,
      expected,
    });
  }
}
