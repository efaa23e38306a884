import type { Catalog } from '../domain/catalog/catalog';
import type { WorkflowDefinition } from '../domain/workflow/workflow-definition';
import { compileWorkflow, type CompileProblem, type PlanItem } from './compile-workflow';

export interface Evaluation {
  /** Why parts of the workflow cannot be evaluated (a condition or template that does not compile). */
  problems: CompileProblem[];
  /** Every condition, action, loop and wait reached, in order. */
  plan: PlanItem[];
  /** Each condition reached and the branch it took (`null`: it could not be evaluated, so neither). */
  branches: { stepId: string; iteration: number | null; taken: 'then' | 'else' | null }[];
  /** The actions that would be carried out, with what. */
  actions: Extract<PlanItem, { kind: 'action' }>[];
}

/**
 * Pure: what a workflow does with one trigger event, without doing it. Dry runs use it directly; real runs
 * use the same compiled plan (compileWorkflow), so a dry run shows exactly what a run would do.
 */
export function evaluateWorkflow(definition: WorkflowDefinition, payload: Record<string, unknown>, catalog: Catalog): Evaluation {
  const compiled = compileWorkflow(definition, catalog);
  return summarize(compiled.problems, compiled.evaluate(payload));
}

export function summarize(problems: readonly CompileProblem[], plan: PlanItem[]): Evaluation {
  const branches: Evaluation['branches'] = [];
  const actions: Evaluation['actions'] = [];
  for (const item of plan) {
    if (item.kind === 'condition') {
      branches.push({ stepId: item.stepId, iteration: item.iteration, taken: item.result === null ? null : item.result ? 'then' : 'else' });
    } else if (item.kind === 'action') actions.push(item);
  }
  return { problems: [...problems], plan, branches, actions };
}
