import { walkSteps, type WorkflowDefinition } from './workflow-definition';

/** Shopify's own tasks need no installation, so they never count as a connector app. */
const SHOPIFY = 'shopify';

/**
 * The connector apps a workflow uses (its trigger's app and every action's app), sorted and without
 * duplicates. R6: the workflow runs in a store only if every one of them is installed there.
 */
export function appsUsedBy(definition: WorkflowDefinition): string[] {
  const apps = new Set<string>();
  if (definition.trigger) apps.add(definition.trigger.task.app);
  for (const step of walkSteps(definition.steps)) {
    if (step.kind === 'action') apps.add(step.task.app);
  }
  apps.delete(SHOPIFY);
  return [...apps].sort();
}
