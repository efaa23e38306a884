/**
 * Every kind of problem validation reports, as a runtime list so API schemas and the UI's translations can
 * be checked against it.
 */
export const problemCodes = [
  'trigger_missing',
  'unknown_app',
  'unknown_trigger',
  'unknown_action',
  'action_used_as_trigger', // R1: the app gives this as an action, not as a trigger
  'trigger_used_as_action', // R1: the app gives this as a trigger, not as an action
  'app_not_installed_in_organization', // R3, R5: the app is on the Not installed list
  'deprecated_trigger', // not offered for new workflows
  'connector_as_condition', // R4
  'unknown_field',
  'missing_required_field',
  'wrong_type',
  'wrong_format',
  'invalid_liquid',
  'unknown_variable',
  'unknown_condition_field',
  'operator_not_for_type',
  'constraint_requires_trigger', // e.g. Klevu promote/demote only after "Inventory quantity changed"
  'early_access_only',
  'duplicate_step_id',
  'opaque_step',
  'missing_data', // F3: the action's object (an order for Add order tags) is not in the workflow's data
] as const;

/**
 * One thing wrong with a workflow, with where it is. `code` and `params` let the UI say it in either
 * language; `message` says it in English for the API and the logs.
 */
export type ProblemCode = (typeof problemCodes)[number];

export interface ValidationProblem {
  code: ProblemCode;
  /** Errors make a workflow invalid; warnings are shown but do not stop it. */
  severity: 'error' | 'warning';
  /** The step it concerns (the trigger's id for the trigger), or null for the workflow as a whole. */
  stepId: string | null;
  /** The input field or condition path within the step, when it concerns one. */
  field: string | null;
  message: string;
  params: Record<string, string | number>;
}

/** True when the problems leave the workflow valid (warnings only). */
export function hasErrors(problems: readonly ValidationProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
