import type { Catalog } from '../../domain/catalog/catalog';
import { Environment, forEachItemVariable } from '../../domain/environment/workflow-environment';
import type { Step, WorkflowDefinition } from '../../domain/workflow/workflow-definition';

/**
 * The data each condition step can read (the trigger's objects, earlier steps' outputs, a For each's item),
 * by step id, walked as validation walks it. An export needs it to tell a list test's relative paths from
 * the workflow's own; null when the trigger is missing or not in the catalog.
 */
export function conditionEnvironments(definition: WorkflowDefinition, catalog: Catalog): ReadonlyMap<string, Environment> {
  const found = new Map<string, Environment>();
  const task = definition.trigger?.task;
  const trigger = task ? catalog.trigger(task.app, task.handle) : undefined;
  if (!trigger) return found;
  const walk = (steps: readonly Step[], start: Environment): void => {
    let env = start;
    for (const step of steps) {
      if (step.kind === 'action') env = env.after(catalog.action(step.task.app, step.task.handle));
      else if (step.kind === 'condition') {
        found.set(step.id, env);
        walk(step.then, env);
        walk(step.else, env);
      } else if (step.kind === 'foreach') {
        const list = env.resolve(step.list);
        walk(step.body, list.ok ? env.with(forEachItemVariable(step.list), { type: list.type.type, list: false }) : env);
      }
    }
  };
  walk(definition.steps, Environment.ofTrigger(trigger, catalog.schema));
  return found;
}

/** Inside any / all / none of `listPath`: the item's environment, or null when the list is not known. */
export function listItemScope(env: Environment | null, listPath: string): Environment | null {
  if (!env) return null;
  const list = env.resolve(listPath);
  return list.ok && list.type.list ? env.itemScope({ type: list.type.type, list: false }) : null;
}
