import { forEachBodyScope } from '../workflow/data-tree';
import { findAction, type CatalogApp, type Environment, type Step } from '../workflow/editor-model';
import type { Place } from '../workflow/step-tree';

/**
 * The data a step at `place` can read, as the form view computes it down its lists: the trigger's objects,
 * the outputs of the actions before it, a For each's item inside its body. Null until the schema is loaded.
 */
export function scopeAt(steps: readonly Step[], place: Place, root: Environment | null, apps: readonly CatalogApp[]): Environment | null {
  if (!root) return null;
  const walk = (list: readonly Step[], here: Environment, parentId: string | null, branch: string): Environment | null => {
    let scope = here;
    for (const [index, step] of list.entries()) {
      if (parentId === place.parentId && branch === place.branch && index === place.index) return scope;
      if (step.kind === 'condition') {
        const inThen = walk(step.then, scope, step.id, 'then') ?? walk(step.else, scope, step.id, 'else');
        if (inThen) return inThen;
      } else if (step.kind === 'foreach') {
        const inBody = walk(step.body, forEachBodyScope(scope, step.list), step.id, 'body');
        if (inBody) return inBody;
      } else if (step.kind === 'action') {
        scope = scope.after(findAction(apps, step.task));
      }
    }
    return parentId === place.parentId && branch === place.branch && place.index >= list.length ? scope : null;
  };
  return walk(steps, root, null, 'steps');
}
