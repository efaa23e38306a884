import type { CatalogAction } from '../catalog/catalog-schema';
import type { Environment } from '../environment/workflow-environment';
import type { StepProblems } from './problem-list';
import type { ActionStep } from './workflow-definition';

/**
 * F3: an action acts on an object of the workflow's data (Add order tags on an order). When the admin has
 * not pointed its hidden field at one, Flow uses the nearest one in scope: a For each's item first, then
 * what earlier steps and the trigger give. The variable it would use, or null when there is none.
 */
export function objectVariableFor(action: CatalogAction, scope: Environment): string | null {
  const needs = action.needs;
  if (!needs) return null;
  return scope.variablesOfType(needs.type)[0] ?? null;
}

/** The hidden field's value when left empty: the id of the nearest object (`{{ order.id }}`). */
export function defaultObjectReference(action: CatalogAction, scope: Environment): string | null {
  const variable = objectVariableFor(action, scope);
  return variable === null ? null : `{{ ${variable}.id }}`;
}

/** "an order", "a fulfillment order": the object named as a person would say it. */
export function objectWords(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

/** The "missing data" error, located at the action, when nothing in scope gives the object it acts on. */
export function checkMissingData(step: ActionStep, action: CatalogAction, scope: Environment, at: StepProblems): void {
  const needs = action.needs;
  if (!needs) return;
  const given = step.inputs[needs.field]?.trim() ?? '';
  if (given !== '') return; // a path of the admin's own choosing is checked as every template is
  if (objectVariableFor(action, scope) !== null) return;
  const object = objectWords(needs.type);
  at.error(
    'missing_data',
    null,
    `"${action.name.en}" needs ${object}, but neither the trigger nor an earlier step gives one: use a trigger that gives ${object}, or add a Get data or For each step before it`,
    { appId: step.task.app, handle: step.task.handle, actionName: action.name.en, objectType: needs.type, fieldKey: needs.field },
  );
}
