import type { CatalogAction, CatalogApp } from '../catalog/catalog-schema';
import type { Catalog } from '../catalog/catalog';
import { isTriggerOffered } from '../catalog/offered-triggers';
import { indexCatalog, taskKey, type CatalogIndex, type IndexedTrigger } from './catalog-index';
import { Environment, forEachItemVariable } from '../environment/workflow-environment';
import { checkCondition, type ConditionCheck, type Scope } from './condition-check';
import { checkMissingData } from './missing-data';
import { pathProblem } from './path-problem';
import { analyzeLiquid, isTemplate } from './liquid-check';
import { ProblemList, type StepProblems } from './problem-list';
import { isScheduledTimeTrigger } from './scheduled-time';
import { checkScheduledTime } from './schedule-check';
import type { ValidationProblem } from './validation-problem';
import { checkActionValue } from './value-format';
import { checkObjectPath, objectReferencePath } from './object-reference';
import { walkSteps, type ActionStep, type Step, type TaskRef, type WorkflowDefinition } from './workflow-definition';

export interface ValidationContext {
  catalog: Catalog;
  /** Apps installed in at least one store of the organization (R5); Shopify's own tasks are always available. */
  installedApps: ReadonlySet<string>;
  /** `app:handle` of the trigger in the previously saved version; null for a new workflow. */
  previousTriggerKey: string | null;
}

/** What the walk carries down the tree. */
interface Walk {
  index: CatalogIndex;
  context: ValidationContext;
  problems: ProblemList;
  trigger: IndexedTrigger | null;
  /** The data the step can read: the trigger's objects, earlier steps' outputs, a For each's item; null when the trigger is missing or unknown. */
  scope: Scope;
  condition: Omit<ConditionCheck, 'problems'>;
}

/**
 * Every problem of a workflow, each located by step and field. Pure: the same definition and context give
 * the same problems. It never throws on a definition that passed the `workflowDefinition` schema.
 */
export function validateWorkflow(definition: WorkflowDefinition, context: ValidationContext): ValidationProblem[] {
  const index = indexCatalog(context.catalog);
  const problems = new ProblemList();
  checkStepIds(definition, problems);

  const trigger = checkTrigger(definition, index, context, problems);
  const scope: Scope = trigger ? Environment.ofTrigger(trigger.trigger, context.catalog.schema) : null;
  const actionSteps = new Map<string, ActionStep>();
  for (const step of walkSteps(definition.steps)) if (step.kind === 'action' && !actionSteps.has(step.id)) actionSteps.set(step.id, step);

  const walk: Walk = { index, context, problems, trigger, scope, condition: { catalog: context.catalog, index, actionSteps } };
  checkSteps(definition.steps, walk);
  return problems.items;
}

function checkStepIds(definition: WorkflowDefinition, problems: ProblemList): void {
  const seen = new Set<string>();
  const ids = [...(definition.trigger ? [definition.trigger.id] : []), ...[...walkSteps(definition.steps)].map((s) => s.id)];
  const reported = new Set<string>();
  for (const id of ids) {
    if (seen.has(id) && !reported.has(id)) {
      reported.add(id);
      const count = ids.filter((x) => x === id).length;
      problems.at(id).error('duplicate_step_id', 'id', `the id "${id}" is used by ${count} steps; each step needs its own`, { count });
    }
    seen.add(id);
  }
}

function isAvailable(app: CatalogApp, installed: ReadonlySet<string>): boolean {
  return app.builtIn || installed.has(app.id);
}

function notInstalled(at: StepProblems, app: CatalogApp, what: string): void {
  at.error(
    'app_not_installed_in_organization',
    'task.app',
    `${app.name.en} is on the Not installed list: install it in at least one store of the organization before using its ${what}`,
    { appId: app.id, appName: app.name.en },
  );
}

function checkTrigger(
  definition: WorkflowDefinition,
  index: CatalogIndex,
  context: ValidationContext,
  problems: ProblemList,
): IndexedTrigger | null {
  const step = definition.trigger;
  if (!step) {
    problems.add('trigger_missing', null, 'trigger', 'The workflow has no trigger: choose the event that starts it');
    return null;
  }
  const at = problems.at(step.id);
  const app = knownApp(step.task, index, at);
  if (!app) return null;
  const trigger = index.trigger(app.id, step.task.handle);
  if (!trigger) {
    const action = index.action(app.id, step.task.handle);
    if (action) {
      const message = `"${action.action.name.en}" is an action of ${app.name.en}, not a trigger: it cannot start a workflow`;
      at.error('action_used_as_trigger', 'task.handle', message, task(step.task));
    } else {
      at.error('unknown_trigger', 'task.handle', `${app.name.en} has no trigger "${step.task.handle}"`, task(step.task));
    }
    if (!isAvailable(app, context.installedApps)) notInstalled(at, app, 'triggers');
    return null;
  }
  if (!isAvailable(app, context.installedApps)) notInstalled(at, app, 'triggers');
  if (isScheduledTimeTrigger(step.task)) checkScheduledTime(step.config, at);
  if (trigger.trigger.deprecated) {
    // Offered only as the trigger the saved version already had: then it may stay (a warning), else it may not.
    const kept = isTriggerOffered(app.id, trigger.trigger, context.previousTriggerKey);
    const name = trigger.trigger.name.en;
    if (kept) {
      const message = `"${name}" is deprecated; it still works here, but new workflows cannot use it`;
      at.warning('deprecated_trigger', 'task.handle', message, task(step.task));
    } else {
      const message = `"${name}" is deprecated and cannot start a new workflow; choose another trigger`;
      at.error('deprecated_trigger', 'task.handle', message, task(step.task));
    }
  }
  return trigger;
}

function task(ref: TaskRef): Record<string, string> {
  return { appId: ref.app, handle: ref.handle };
}

function knownApp(ref: TaskRef, index: CatalogIndex, at: StepProblems): CatalogApp | null {
  const app = index.app(ref.app);
  if (!app) at.error('unknown_app', 'task.app', `there is no app "${ref.app}" in the catalog`, task(ref));
  return app ?? null;
}

/** Steps run in order: an action's output (Get order data's `getOrderData`) is there for the steps after it. */
function checkSteps(steps: readonly Step[], walk: Walk): void {
  let scope = walk.scope;
  for (const step of steps) {
    const at = walk.problems.at(step.id);
    const here: Walk = scope === walk.scope ? walk : { ...walk, scope };
    switch (step.kind) {
      case 'action': {
        const action = checkAction(step, at, here);
        if (scope && action) scope = scope.after(action);
        break;
      }
      case 'condition':
        checkCondition(step.condition, 'condition', scope, { ...walk.condition, problems: at });
        checkSteps(step.then, here);
        checkSteps(step.else, here);
        break;
      case 'foreach':
        checkSteps(step.body, { ...here, scope: forEachScope(step.list, at, scope) });
        break;
      case 'wait':
        break;
      case 'opaque':
        at.warning('opaque_step', null, `"${step.taskId}" is a step this app cannot show or check; it is kept as it is`, {
          taskId: step.taskId,
        });
        break;
    }
  }
}

/** Inside a For each the current item has Flow's name for it: `lineItemsForeachitem` for `order.lineItems`. */
function forEachScope(list: string, at: StepProblems, scope: Scope): Scope {
  if (!scope) return null;
  const found = scope.resolve(list);
  if (!found.ok) {
    const problem = pathProblem(found, "the workflow's data");
    at.error('unknown_field', 'list', problem.message, { list, ...problem.params });
    return scope;
  }
  if (!found.type.list) {
    at.error('wrong_type', 'list', `"${list}" is not a list, so there is nothing to repeat for`, { list, expected: 'a list' });
    return scope;
  }
  return scope.with(forEachItemVariable(list), { type: found.type.type, list: false });
}

/** Checks one action step; returns its catalog entry when known, so its output can join the data. */
function checkAction(step: ActionStep, at: StepProblems, walk: Walk): CatalogAction | null {
  const app = knownApp(step.task, walk.index, at);
  if (!app) return null;
  const action = walk.index.action(app.id, step.task.handle);
  if (!isAvailable(app, walk.context.installedApps)) notInstalled(at, app, 'actions');
  if (!action) {
    const trigger = walk.index.trigger(app.id, step.task.handle);
    if (trigger) {
      const message = `"${trigger.trigger.name.en}" is a trigger of ${app.name.en}, not an action: it cannot be a step`;
      at.error('trigger_used_as_action', 'task.handle', message, task(step.task));
    } else {
      at.error('unknown_action', 'task.handle', `${app.name.en} has no action "${step.task.handle}"`, task(step.task));
    }
    return null;
  }
  const name = action.action.name.en;
  if (action.action.earlyAccess) {
    const message = `"${name}" is only available to stores in ${app.name.en}'s early-access programme`;
    at.warning('early_access_only', 'task.handle', message, task(step.task));
  }
  for (const constraint of action.action.constraints) {
    if (walk.trigger && constraint.triggers.includes(walk.trigger.key)) continue;
    at.error('constraint_requires_trigger', 'task.handle', `"${name}": ${constraint.reason.en}`, {
      ...task(step.task),
      triggers: constraint.triggers.join(', '),
      reason: constraint.reason.en,
    });
  }
  if (walk.scope) checkMissingData(step, action.action, walk.scope, at);
  for (const required of action.required) {
    if (required.hidden) continue;
    const value = step.inputs[required.key];
    if (value === undefined || value.trim() === '') {
      at.error('missing_required_field', required.key, `"${required.name.en}" is required by "${name}"`, {
        fieldKey: required.key,
        fieldName: required.name.en,
      });
    }
  }
  for (const [key, value] of Object.entries(step.inputs)) {
    const field = action.fields.get(key);
    if (!field) {
      at.error('unknown_field', key, `"${name}" has no input "${key}"`, { fieldKey: key, known: [...action.fields.keys()].join(', ') });
      continue;
    }
    if (value.trim() === '') continue;
    if (field.type === 'object_reference') {
      const path = objectReferencePath(value);
      if (path !== null) {
        if (walk.scope) checkObjectPath(path, field, walk.scope, dataWords(walk), at);
        continue;
      }
    }
    if (isTemplate(value)) {
      // A template's type and format are known only once rendered with the run's data.
      checkTemplate(value, key, at, walk);
      continue;
    }
    const mismatch = checkActionValue(field, value);
    if (mismatch) {
      at.error(mismatch.code, key, `"${field.name.en}" must be ${mismatch.expected}`, {
        fieldKey: key,
        fieldName: field.name.en,
        expected: mismatch.expected,
      });
    }
  }
  return action.action;
}

function checkTemplate(template: string, key: string, at: StepProblems, walk: Walk): void {
  const analysis = analyzeLiquid(template);
  if (!analysis.ok) {
    const where = `line ${analysis.line}, column ${analysis.column}`;
    at.error('invalid_liquid', key, `the Liquid in "${key}" is invalid at ${where}: ${analysis.message}`, {
      fieldKey: key,
      line: analysis.line,
      column: analysis.column,
      detail: analysis.message,
    });
    return;
  }
  if (!walk.scope) return;
  for (const path of analysis.paths) {
    const found = walk.scope.resolveSegments(path);
    if (found.ok) continue;
    const problem = pathProblem(found, dataWords(walk));
    at.error('unknown_variable', key, `In "${key}": ${problem.message}`, {
      fieldKey: key,
      variable: found.path,
      ...problem.params,
      known: [...walk.scope.variables.keys()].join(', '),
    });
  }
}

/** Where paths are looked up, as messages name it. */
function dataWords(walk: Walk): string {
  return walk.trigger ? `the data of "${walk.trigger.trigger.name.en}" and earlier steps` : "the workflow's data";
}

/** `app:handle` of a definition's trigger, as `previousTriggerKey` wants it. */
export function triggerKeyOf(definition: WorkflowDefinition): string | null {
  return definition.trigger ? taskKey(definition.trigger.task.app, definition.trigger.task.handle) : null;
}
