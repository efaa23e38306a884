// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the path taken is the domain's rule over its graph (unit-tested under Node); the canvas only draws it.
import { pathTaken, visitsOfPlan, visitsOfRun, type PathTaken } from '$shared/domain/canvas/path-taken';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- as above.
import { workflowGraph } from '$shared/domain/canvas/workflow-graph';
import type { WorkflowDefinition } from '$shared/domain/workflow/workflow-definition';

/** The path a dry run of this definition took (its plan), kept with the definition it was run on. */
export function dryRunPath(
  definition: WorkflowDefinition,
  plan: readonly { kind: string; stepId: string; result?: boolean | null }[],
): { path: PathTaken; definition: WorkflowDefinition } {
  return { path: pathTaken(workflowGraph(definition), visitsOfPlan(plan)), definition };
}

/** The path a recorded run took through the version it ran. */
export function recordedRunPath(
  definition: WorkflowDefinition,
  steps: readonly { kind: string; stepId: string; status: string; outputs: unknown }[],
): PathTaken {
  return pathTaken(workflowGraph(definition), visitsOfRun(steps));
}
