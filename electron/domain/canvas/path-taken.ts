import type { CanvasGraph } from './workflow-graph';

/**
 * Which way a run went through a workflow, for the canvas: the steps it reached and the edges it followed;
 * everything else is skipped (dimmed). Read from what a run records per step (a dry run's plan, or a
 * recorded run's steps): the step, whether it was reached or skipped, and a condition's result.
 */
export interface StepVisit {
  stepId: string;
  /** A step the run came to but did not carry out (its app missing in the store, say) counts as skipped. */
  skipped: boolean;
  /** A condition's result (null: it could not be evaluated); absent for other steps. */
  result?: boolean | null;
}

export interface PathTaken {
  steps: Set<string>;
  edges: Set<string>;
}

/** The path as a set of node and edge ids of the graph. The trigger counts as taken once anything ran. */
export function pathTaken(graph: CanvasGraph, visits: readonly StepVisit[]): PathTaken {
  const reached = new Set(visits.filter((v) => !v.skipped).map((v) => v.stepId));
  const results = new Map<string, Set<boolean>>();
  for (const v of visits)
    if (typeof v.result === 'boolean') (results.get(v.stepId) ?? results.set(v.stepId, new Set()).get(v.stepId)!).add(v.result);

  const steps = new Set<string>();
  const edges = new Set<string>();
  const trigger = graph.nodes[0];
  if (trigger && visits.length > 0) steps.add(trigger.id);
  const isEnd = new Map(graph.nodes.map((n) => [n.id, n.kind === 'end']));
  // Nodes come in flow order, so one pass over the edges in that order settles every end ("+") node.
  const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const edgesInOrder = [...graph.edges].sort((a, b) => order.get(a.source)! - order.get(b.source)!);
  for (const edge of edgesInOrder) {
    if (!steps.has(edge.source)) continue;
    if (edge.port === 'then' && !results.get(edge.source)?.has(true)) continue;
    if (edge.port === 'else' && !results.get(edge.source)?.has(false)) continue;
    const end = isEnd.get(edge.target) ?? false;
    if (!end && !reached.has(edge.target)) continue;
    edges.add(edge.id);
    steps.add(edge.target);
  }
  return { steps, edges };
}

/** A dry run's plan items (runtime.dryRun) as visits. */
export function visitsOfPlan(plan: readonly { kind: string; stepId: string; result?: boolean | null }[]): StepVisit[] {
  return plan.map((item) => ({
    stepId: item.stepId,
    skipped: item.kind === 'skipped',
    ...(item.kind === 'condition' ? { result: item.result ?? null } : {}),
  }));
}

/** A recorded run's steps (runs.get) as visits: a condition's outputs hold `{"result": true|false|null}`. */
export function visitsOfRun(steps: readonly { kind: string; stepId: string; status: string; outputs: unknown }[]): StepVisit[] {
  return steps.map((step) => {
    const skipped = step.kind === 'skipped' || step.status === 'skipped';
    if (step.kind !== 'condition') return { stepId: step.stepId, skipped };
    const outputs = typeof step.outputs === 'string' ? safeJson(step.outputs) : step.outputs;
    const result = outputs !== null && typeof outputs === 'object' && 'result' in outputs ? (outputs as { result: unknown }).result : null;
    return { stepId: step.stepId, skipped, result: typeof result === 'boolean' ? result : null };
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
