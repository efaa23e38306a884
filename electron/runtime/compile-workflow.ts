import type { Catalog } from '../domain/catalog/catalog';
import type { CatalogAction, CatalogApp } from '../domain/catalog/catalog-schema';
import { compileCondition, ConditionCompileError, type CompiledCondition } from '../domain/conditions/compile-condition';
import { conditionShapes } from '../domain/conditions/condition-shapes';
import { Environment, forEachItemVariable } from '../domain/environment/workflow-environment';
import { compileReader, type Reader } from '../domain/conditions/read-field';
import { compileInputs, type CompiledInputs, type InputProblem } from '../domain/liquid/render-inputs';
import { objectReferenceTemplate } from '../domain/workflow/object-reference';
import type { Step, TaskRef, WorkflowDefinition } from '../domain/workflow/workflow-definition';
import { actionProperties } from './action-properties';
import { actionOutcome, type ActionOutcome } from './flow-actions/action-outcome';

/**
 * How an action is carried out: `app` is delivered to the app's endpoint (Flow POSTs to the app);
 * `recorded` cannot reach anything offline (Shopify's own actions, and the apps whose connection Flow
 * itself keeps), so the run records the intended change with its rendered inputs.
 */
export type Delivery = 'app' | 'recorded';

export interface CompileProblem {
  stepId: string;
  field: string | null;
  message: string;
}

/** One thing a run did or would do, in the order it happens. */
export type PlanItem =
  | { kind: 'condition'; stepId: string; result: boolean | null; error: string | null; iteration: number | null }
  | {
      kind: 'action';
      stepId: string;
      task: TaskRef;
      delivery: Delivery;
      /** The rendered text of each input field. */
      inputs: Record<string, string>;
      /** What the app receives, converted to the field types. */
      properties: Record<string, unknown>;
      /** What the step does: delivered to the app, recorded offline, done in the run, or carried out by Flow Admin. */
      outcome: ActionOutcome;
      /** The data the step gives later steps (`sendHttpRequest`, `runCode`, `count`, `getOrderData`). */
      output: { variable: string; value: unknown } | null;
      errors: InputProblem[];
      iteration: number | null;
    }
  | { kind: 'foreach'; stepId: string; count: number; iteration: number | null }
  | { kind: 'wait'; stepId: string; seconds: number; iteration: number | null }
  | { kind: 'skipped'; stepId: string; reason: string; iteration: number | null };

export interface CompiledWorkflow {
  readonly trigger: TaskRef | null;
  /** The trigger's own settings (e.g. a scheduled time's `recurrence`), as saved. */
  readonly triggerConfig: Readonly<Record<string, string>>;
  readonly problems: readonly CompileProblem[];
  /**
   * Pure: the same payload (and results) always give the same plan. Dates in templates render in `timeZone`
   * (the store's). `results` holds what the effects already carried out gave (by plan index): a run going on
   * after its Send HTTP request or Run code step evaluates again with the answer in its data.
   */
  evaluate(payload: Record<string, unknown>, timeZone?: string, results?: ReadonlyMap<number, unknown>): PlanItem[];
}

type CStep =
  | {
      kind: 'action';
      id: string;
      task: TaskRef;
      delivery: Delivery;
      app: CatalogApp | undefined;
      action: CatalogAction | undefined;
      inputs: CompiledInputs;
      problem: string | null;
    }
  | { kind: 'condition'; id: string; test: CompiledCondition | null; problem: string | null; then: CStep[]; else: CStep[] }
  | { kind: 'foreach'; id: string; read: Reader; itemVariable: string; body: CStep[] }
  | { kind: 'wait'; id: string; seconds: number }
  | { kind: 'opaque'; id: string; taskId: string };

/** Compiles a workflow version once: conditions into closures, Liquid parsed, catalog lookups done. */
export function compileWorkflow(definition: WorkflowDefinition, catalog: Catalog): CompiledWorkflow {
  const trigger = definition.trigger?.task ?? null;
  const triggerTask = trigger ? catalog.trigger(trigger.app, trigger.handle) : undefined;
  const environment = triggerTask ? Environment.ofTrigger(triggerTask, catalog.schema) : null;
  const problems: CompileProblem[] = [];

  // The environment follows the steps: an action's output is there for the steps after it.
  const compileSteps = (steps: readonly Step[], start: Environment | null): CStep[] => {
    let env = start;
    return steps.map((step): CStep => {
      switch (step.kind) {
        case 'action': {
          const app = catalog.app(step.task.app);
          const action = catalog.action(step.task.app, step.task.handle);
          if (env && action) env = env.after(action);
          const inputs = compileInputs(action ? runtimeInputs(action, step.inputs) : step.inputs);
          for (const p of inputs.problems) problems.push({ stepId: step.id, field: p.field, message: p.message });
          const problem = action ? null : `Unknown action ${step.task.app}:${step.task.handle}`;
          if (problem) problems.push({ stepId: step.id, field: null, message: problem });
          const delivery: Delivery = !app || app.builtIn || app.flowConnection ? 'recorded' : 'app';
          return { kind: 'action', id: step.id, task: step.task, delivery, app, action, inputs, problem };
        }
        case 'condition': {
          let test: CompiledCondition | null = null;
          let problem: string | null = null;
          try {
            test = compileCondition(step.condition, conditionShapes(step.condition, env));
          } catch (error) {
            problem = error instanceof ConditionCompileError ? error.message : String(error);
            problems.push({ stepId: step.id, field: error instanceof ConditionCompileError ? error.path : null, message: problem });
          }
          return { kind: 'condition', id: step.id, test, problem, then: compileSteps(step.then, env), else: compileSteps(step.else, env) };
        }
        case 'foreach': {
          const itemVariable = forEachItemVariable(step.list);
          const list = env?.resolve(step.list);
          const itemType = list?.ok ? { type: list.type.type, list: false } : null;
          const bodyEnv = env && itemType ? env.with(itemVariable, itemType) : env;
          return { kind: 'foreach', id: step.id, read: compileReader(step.list), itemVariable, body: compileSteps(step.body, bodyEnv) };
        }
        case 'wait':
          return { kind: 'wait', id: step.id, seconds: step.seconds };
        case 'opaque':
          return { kind: 'opaque', id: step.id, taskId: step.taskId };
      }
    });
  };

  const steps = compileSteps(definition.steps, environment);

  return {
    trigger,
    triggerConfig: definition.trigger?.config ?? {},
    problems,
    evaluate(payload, timeZone = 'UTC', results = noResults) {
      const items: PlanItem[] = [];
      // A scope of its own: steps add their outputs to it, and the event's payload stays as it was.
      walk(steps, { ...payload }, null, items, { timeZone, results });
      return items;
    },
  };
}

const noResults: ReadonlyMap<number, unknown> = new Map();

/** A hidden object field written as a path (`order.id`, as Flow's exports write it) renders as that path's value. */
function runtimeInputs(action: CatalogAction, inputs: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...inputs };
  for (const field of action.fields) {
    const value = inputs[field.key];
    if (field.type === 'object_reference' && value !== undefined) out[field.key] = objectReferenceTemplate(value);
  }
  return out;
}

interface WalkContext {
  timeZone: string;
  results: ReadonlyMap<number, unknown>;
}

function walk(steps: readonly CStep[], scope: Record<string, unknown>, iteration: number | null, out: PlanItem[], ctx: WalkContext): void {
  for (const step of steps) {
    switch (step.kind) {
      case 'action': {
        const rendered = step.inputs.render(scope, ctx.timeZone);
        const converted = actionProperties(step.action, rendered.values);
        const errors = [...rendered.errors, ...converted.errors];
        if (step.problem) errors.unshift({ field: '', message: step.problem });
        const index = out.length;
        const result = ctx.results.has(index) ? { value: ctx.results.get(index) } : undefined;
        const done = actionOutcome({ app: step.app, action: step.action, properties: converted.properties, scope, result });
        errors.push(...done.errors);
        // Later steps (in this branch or loop body and after it) read the step's output by its variable.
        if (done.output && errors.length === 0) scope[done.output.variable] = done.output.value;
        out.push({
          kind: 'action',
          stepId: step.id,
          task: step.task,
          delivery: step.delivery,
          inputs: rendered.values,
          properties: converted.properties,
          outcome: done.outcome,
          output: done.output,
          errors,
          iteration,
        });
        break;
      }
      case 'condition': {
        if (!step.test) {
          // A condition that cannot be evaluated takes neither branch: guessing one could send actions wrongly.
          out.push({ kind: 'condition', stepId: step.id, result: null, error: step.problem, iteration });
          break;
        }
        const result = step.test(scope);
        out.push({ kind: 'condition', stepId: step.id, result, error: null, iteration });
        walk(result ? step.then : step.else, scope, iteration, out, ctx);
        break;
      }
      case 'foreach': {
        const list = step.read(scope);
        const elements = Array.isArray(list) ? list : [];
        out.push({ kind: 'foreach', stepId: step.id, count: elements.length, iteration });
        elements.forEach((item, i) => walk(step.body, { ...scope, [step.itemVariable]: item }, i, out, ctx));
        break;
      }
      case 'wait':
        out.push({ kind: 'wait', stepId: step.id, seconds: step.seconds, iteration });
        break;
      case 'opaque':
        out.push({ kind: 'skipped', stepId: step.id, reason: `Step ${step.taskId} cannot run in Flow Admin`, iteration });
        break;
    }
  }
}
