import type { Catalog } from '../../domain/catalog/catalog';
import type { Step, TaskRef, TriggerStep } from '../../domain/workflow/workflow-definition';
import { exportCondition } from './condition-export';
import { importCondition } from './condition-import';
import type { Environment } from '../../domain/environment/workflow-environment';
import { issue, type FlowIssue } from './flow-issue';
import type { FlowConfigValue, FlowStep } from './flow-json';
import { durationText, readWaitSeconds, waitConfigIds } from './wait-duration';

/**
 * One .flow step ↔ one node of our tree (children are linked separately, see graph-to-tree and
 * tree-to-graph). Triggers and actions are found in the catalog by task id; conditions, for-each and wait
 * by task type; anything else is an opaque step holding the raw JSON.
 */
export type PlacedStep = { kind: 'trigger'; trigger: TriggerStep } | { kind: 'step'; step: Step };

export interface StepCodecContext {
  catalog: Catalog;
  /** The data each condition reads, by step id (see conditionEnvironments); paths themselves are not translated. */
  environmentOf(stepId: string): Environment | null;
}

export const CONDITION_TASK = 'shopify::flow::condition';
export const FOREACH_TASK = 'shopify::flow::foreach';
export const WAIT_TASK = 'shopify::flow::wait';
/** Flow's own exports name the For each's list `listpath`; hand-made files have used the others. */
const LIST_CONFIG_IDS = ['listpath', 'list', 'array_path', 'collection', 'list_path', 'path', 'items'];
const UNMAPPED_LIST = 'flow-file/unmapped/list';

function stepPath(index: number): string {
  return `root.steps[${index}]`;
}

/** A task id the catalog does not know: `publisher::area::name` → app `publisher`, handle `name`. */
function guessedRef(taskId: string): TaskRef {
  const parts = taskId.split('::');
  const app = (parts[0] || 'unknown').replace(/-/g, '_');
  return { app, handle: parts[parts.length - 1] || taskId || 'unknown' };
}

/**
 * Reads one step. Pushes what it could not represent onto `issues`: unknown task ids need the admin's
 * confirmation (the step is then kept verbatim); unreadable settings are kept verbatim with a note.
 */
export function readStep(raw: FlowStep, index: number, ctx: StepCodecContext, issues: FlowIssue[]): PlacedStep {
  const at = { path: `${stepPath(index)}.task_id`, stepId: raw.step_id };
  const config = raw.config_field_values ?? [];
  const type = raw.task_type.toUpperCase();
  const id = raw.step_id;

  if (type === 'TRIGGER') {
    const found = ctx.catalog.findTask(raw.task_id);
    if (!found)
      issues.push(
        issue(
          'unknown_task',
          'confirm',
          at,
          `the trigger "${raw.task_id}" is not in this app's catalog; if imported, the workflow keeps it but cannot run`,
        ),
      );
    const task = found ? { app: found.app.id, handle: found.task.handle } : guessedRef(raw.task_id);
    return { kind: 'trigger', trigger: { id, task, config: configRecord(config, raw, index, issues) } };
  }
  if (type === 'ACTION') {
    const found = ctx.catalog.findTask(raw.task_id);
    if (!found) {
      issues.push(
        issue(
          'unknown_task',
          'confirm',
          at,
          `the action "${raw.task_id}" is not in this app's catalog; if imported, the step is kept verbatim and written back on export`,
        ),
      );
      return { kind: 'step', step: { id, kind: 'opaque', taskId: raw.task_id, raw } };
    }
    return {
      kind: 'step',
      step: {
        id,
        kind: 'action',
        task: { app: found.app.id, handle: found.task.handle },
        inputs: configRecord(config, raw, index, issues),
      },
    };
  }
  if (type === 'CONDITION') {
    const entry = config.findIndex((c) => c.config_field_id === 'condition');
    const path = entry >= 0 ? `${stepPath(index)}.config_field_values[${entry}].value` : `${stepPath(index)}.config_field_values`;
    const text = entry >= 0 ? config[entry]!.value : 'no condition';
    const condition = importCondition(text, { env: ctx.environmentOf(id), stepId: id, path, issues });
    return { kind: 'step', step: { id, kind: 'condition', condition, then: [], else: [] } };
  }
  if (type === 'FOREACH') {
    const entry = config.find((c) => LIST_CONFIG_IDS.includes(c.config_field_id));
    const listPath = entry ? listPathOf(entry.value) : null;
    if (listPath === null) {
      issues.push(
        issue(
          'step_kept_verbatim',
          'note',
          { path: `${stepPath(index)}.config_field_values`, stepId: id },
          'the for-each does not say which list it repeats for; its settings are kept verbatim, and the workflow cannot run until a list is chosen',
        ),
      );
    }
    return { kind: 'step', step: { id, kind: 'foreach', list: listPath ?? UNMAPPED_LIST, body: [] } };
  }
  if (type === 'WAIT') {
    const seconds = readWaitSeconds(config);
    if (seconds !== null) return { kind: 'step', step: { id, kind: 'wait', seconds } };
    issues.push(
      issue(
        'step_kept_verbatim',
        'note',
        { path: `${stepPath(index)}.config_field_values`, stepId: id },
        "the wait step's duration could not be read; the step is kept verbatim and written back on export",
      ),
    );
    return { kind: 'step', step: { id, kind: 'opaque', taskId: raw.task_id, raw } };
  }
  issues.push(
    issue(
      'unknown_task',
      'confirm',
      { path: `${stepPath(index)}.task_type`, stepId: id },
      `the task type "${raw.task_type}" (${raw.task_id}) is not one this app knows; if imported, the step is kept verbatim and written back on export`,
    ),
  );
  return { kind: 'step', step: { id, kind: 'opaque', taskId: raw.task_id, raw } };
}

function listPathOf(value: string): string | null {
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const inner = parsed.value ?? parsed.path ?? parsed.array_path;
      return typeof inner === 'string' && inner.trim() ? inner.trim() : null;
    } catch {
      return null;
    }
  }
  return text || null;
}

function configRecord(config: readonly FlowConfigValue[], raw: FlowStep, index: number, issues: FlowIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  config.forEach((c, i) => {
    if (Object.hasOwn(out, c.config_field_id)) {
      issues.push(
        issue(
          'duplicate_config_field',
          'note',
          { path: `${stepPath(index)}.config_field_values[${i}]`, stepId: raw.step_id },
          `"${c.config_field_id}" is set twice; the first value is used, and the step is written back as it was unless it is changed`,
        ),
      );
      return;
    }
    out[c.config_field_id] = c.value;
  });
  return out;
}

/** What a step says, without its children, its position or its id: equal content = unchanged step. */
export function ownContent(placed: PlacedStep): unknown {
  if (placed.kind === 'trigger') return { task: placed.trigger.task, config: placed.trigger.config };
  const s = placed.step;
  switch (s.kind) {
    case 'action':
      return { kind: s.kind, task: s.task, inputs: s.inputs };
    case 'condition':
      return { kind: s.kind, condition: s.condition };
    case 'foreach':
      return { kind: s.kind, list: s.list };
    case 'wait':
      return { kind: s.kind, seconds: s.seconds };
    case 'opaque':
      return { kind: s.kind, taskId: s.taskId, raw: s.raw };
  }
}

/** The catalog's task id of a trigger or action reference, whichever of the app's lists has the handle. */
export function taskIdOf(ref: TaskRef, catalog: Catalog): string | null {
  return catalog.trigger(ref.app, ref.handle)?.taskId ?? catalog.action(ref.app, ref.handle)?.taskId ?? null;
}

/** The file's own task id when it names the same task (an alias such as `shopify::admin::product_added`): a changed step keeps it. */
function keptTaskId(ref: TaskRef, kept: FlowStep | null, catalog: Catalog): string | null {
  if (!kept) return null;
  const found = catalog.findTask(kept.task_id);
  return found && found.app.id === ref.app && found.task.handle === ref.handle ? kept.task_id : null;
}

const entries = (record: Record<string, string>): FlowConfigValue[] =>
  Object.entries(record).map(([config_field_id, value]) => ({ config_field_id, value }));

/**
 * The step an export writes for a node. `kept` is the step as imported (if it was): its condition text
 * lets parts kept verbatim be written back, and its task id names tasks the catalog does not know.
 */
export function writeStep(placed: PlacedStep, position: [number, number], kept: FlowStep | null, ctx: StepCodecContext): FlowStep {
  if (placed.kind === 'step' && placed.step.kind === 'opaque') {
    const raw = placed.step.raw as FlowStep;
    return raw.step_id === placed.step.id ? raw : { ...raw, step_id: placed.step.id };
  }
  let taskId: string;
  let taskType: string;
  let config: FlowConfigValue[];
  if (placed.kind === 'trigger') {
    const { trigger } = placed;
    taskId =
      keptTaskId(trigger.task, kept, ctx.catalog) ??
      taskIdOf(trigger.task, ctx.catalog) ??
      kept?.task_id ??
      `${trigger.task.app.replace(/_/g, '-')}::flow-connectors::${trigger.task.handle}`;
    taskType = 'TRIGGER';
    config = entries(trigger.config);
  } else {
    const s = placed.step;
    switch (s.kind) {
      case 'action':
        taskId =
          keptTaskId(s.task, kept, ctx.catalog) ??
          taskIdOf(s.task, ctx.catalog) ??
          kept?.task_id ??
          `${s.task.app.replace(/_/g, '-')}::flow-connectors::${s.task.handle}`;
        taskType = 'ACTION';
        config = entries(s.inputs);
        break;
      case 'condition': {
        const keptText = kept?.config_field_values?.find((c) => c.config_field_id === 'condition')?.value ?? null;
        taskId = kept?.task_id ?? CONDITION_TASK;
        taskType = 'CONDITION';
        config = [
          { config_field_id: 'condition', value: exportCondition(s.condition, { env: ctx.environmentOf(s.id), stepId: s.id, keptText }) },
        ];
        config.push(...(kept?.config_field_values ?? []).filter((c) => c.config_field_id !== 'condition'));
        break;
      }
      case 'foreach':
        taskId = kept?.task_id ?? FOREACH_TASK;
        taskType = 'FOREACH';
        {
          // A changed list keeps the file's own name for the setting.
          const listId = kept?.config_field_values?.find((c) => LIST_CONFIG_IDS.includes(c.config_field_id))?.config_field_id ?? 'listpath';
          config = s.list === UNMAPPED_LIST ? [] : [{ config_field_id: listId, value: s.list }];
          config.push(
            ...(kept?.config_field_values ?? []).filter((c) => !LIST_CONFIG_IDS.includes(c.config_field_id) || s.list === UNMAPPED_LIST),
          );
          break;
        }
      case 'wait':
        taskId = kept?.task_id ?? WAIT_TASK;
        taskType = 'WAIT';
        config = [{ config_field_id: 'duration', value: durationText(s.seconds) }];
        config.push(...(kept?.config_field_values ?? []).filter((c) => !waitConfigIds.has(c.config_field_id)));
        break;
      default:
        throw new Error('an opaque step is written as it is');
    }
  }
  const fresh: FlowStep = {
    step_id: placed.kind === 'trigger' ? placed.trigger.id : placed.step.id,
    step_position: position,
    config_field_values: config,
    task_id: taskId,
    task_version: '0.1',
    task_type: taskType,
    description: null,
    note: null,
    name: null,
  };
  if (!kept) return fresh;
  // A changed step keeps what the model does not hold (position, note, name, unknown keys) from the file.
  return { ...kept, step_id: fresh.step_id, config_field_values: config, task_id: taskId, task_type: taskType };
}
