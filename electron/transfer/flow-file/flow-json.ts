import { z } from 'zod';
import { FlowFileError, issue, type FlowIssue } from './flow-issue';

/**
 * The JSON inside a .flow file, as far as this app reads it. Objects are loose: keys we do not know are
 * kept (and written back), never refused. Older exports have only steps, links, patched_fields and
 * workflow_name, so everything else in `root` is optional.
 */
const text = z.string({ message: 'must be text' });

export const flowConfigValue = z.looseObject({ config_field_id: text, value: text });
export type FlowConfigValue = z.infer<typeof flowConfigValue>;

export const flowStep = z.looseObject({
  step_id: text.min(1, { message: 'must not be empty' }).max(64, { message: 'must be at most 64 characters' }),
  task_id: text,
  task_type: text,
  config_field_values: z.array(flowConfigValue, { message: 'must be a list' }).optional(),
});
export type FlowStep = z.infer<typeof flowStep>;

export const flowLink = z.looseObject({ from_step_id: text, from_port_id: text, to_step_id: text, to_port_id: text.optional() });
export type FlowLink = z.infer<typeof flowLink>;

export const flowRoot = z.looseObject({
  steps: z.array(flowStep, { message: 'must be a list of steps' }),
  links: z.array(flowLink, { message: 'must be a list of links' }).optional(),
  workflow_name: z.string().nullish(),
});
export type FlowRoot = z.infer<typeof flowRoot>;

export const flowDocument = z.looseObject({ root: flowRoot });
export type FlowDocument = z.infer<typeof flowDocument>;

/** `root.steps[2].task_id` from zod's path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/**
 * Checks the shape: an object with a `root` holding `steps` and `links`, each step with an id, a task id and
 * a task type, each config value a string, and step ids unique (links name steps by id).
 * @throws FlowFileError for the first thing wrong, naming its JSON path
 */
export function readFlowDocument(value: unknown): FlowDocument {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw wrongEnvelope('(top)', 'the JSON must be an object with "__metadata" and "root"');
  }
  if (!('root' in value)) throw wrongEnvelope('root', 'missing: a .flow file keeps its workflow under "root"');
  const parsed = flowDocument.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    throw wrongEnvelope(jsonPath(first.path), `${first.message}${more}`);
  }
  // Validated, but the original objects are returned: zod's copies would reorder keys, and what we keep
  // verbatim must be exactly what the file had.
  const document = value as FlowDocument;
  const seen = new Map<string, number>();
  document.root.steps.forEach((step, i) => {
    const earlier = seen.get(step.step_id);
    if (earlier !== undefined) {
      throw new FlowFileError(
        issue(
          'duplicate_step_id',
          'error',
          { path: `root.steps[${i}].step_id`, stepId: step.step_id },
          `the same step id is used by root.steps[${earlier}]; links could not tell them apart`,
        ),
      );
    }
    seen.set(step.step_id, i);
  });
  return document;
}

function wrongEnvelope(path: string, message: string): FlowFileError {
  const found: FlowIssue = issue('wrong_envelope', 'error', { path }, message);
  return new FlowFileError(found);
}
