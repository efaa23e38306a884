import { workflowDefinition, type WorkflowDefinition } from './workflow-definition';

/**
 * A definition as the workflow store keeps it (JSON text), read back through its schema: the one place a
 * stored definition becomes a `WorkflowDefinition`. Only definitions that passed the schema are written, so
 * a failure here means the file was damaged or written by something else; it says which workflow.
 */
export function parseStoredDefinition(json: string, where = 'stored workflow definition'): WorkflowDefinition {
  const parsed = tryParseStoredDefinition(json);
  if (!parsed.ok) throw new Error(`${where}: ${parsed.problem}`);
  return parsed.definition;
}

export type StoredDefinitionResult = { ok: true; definition: WorkflowDefinition } | { ok: false; problem: string };

/** As {@link parseStoredDefinition}, for callers that skip an unreadable definition instead (the runtime). */
export function tryParseStoredDefinition(json: string): StoredDefinitionResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  const parsed = workflowDefinition.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { ok: false, problem: `${first.path.join('.') || '(definition)'}: ${first.message}` };
  }
  return { ok: true, definition: parsed.data };
}

/**
 * Only the trigger's `app:handle` of a stored definition, without the schema check: routing indexes every
 * version by its trigger, and checks the whole definition once the first event for it arrives. Null when the
 * text is not JSON or names no trigger task.
 */
export function storedTriggerKey(json: string): string | null {
  try {
    const value: unknown = JSON.parse(json);
    const task: unknown = isObject(value) && isObject(value.trigger) ? value.trigger.task : undefined;
    return isObject(task) && typeof task.app === 'string' && typeof task.handle === 'string' ? `${task.app}:${task.handle}` : null;
  } catch {
    return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The text a definition is stored as. */
export function storedDefinitionText(definition: WorkflowDefinition): string {
  return JSON.stringify(definition);
}
