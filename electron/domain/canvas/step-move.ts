import type { Step, StepPosition, WorkflowDefinition } from '../workflow/workflow-definition';
import { arrangementOf, placeGraph } from './canvas-arrangement';
import { workflowGraph, type Branch, type Place } from './workflow-graph';

/**
 * Adding a step at a place in the tree, and moving a step (with everything inside it) to another place: what
 * the canvas does from a "+", when a card is dropped on a line or a "+" end, and what its "Move…" does from
 * the keyboard. Pure: a new tree and arrangement, the old ones untouched, so the editor's undo keeps them.
 */

function childLists(step: Step): [Branch, readonly Step[]][] {
  if (step.kind === 'condition') {
    return [
      ['then', step.then],
      ['else', step.else],
    ];
  }
  if (step.kind === 'foreach') return [['body', step.body]];
  return [];
}

/** Where the step with this id sits, or null. */
export function placeOf(steps: readonly Step[], id: string, parentId: string | null = null, branch: Branch = 'steps'): Place | null {
  for (const [index, step] of steps.entries()) {
    if (step.id === id) return { parentId, branch, index };
    for (const [childBranch, list] of childLists(step)) {
      const found = placeOf(list, id, step.id, childBranch);
      if (found) return found;
    }
  }
  return null;
}

function findIn(steps: readonly Step[], id: string): Step | undefined {
  for (const step of steps) {
    if (step.id === id) return step;
    for (const [, list] of childLists(step)) {
      const found = findIn(list, id);
      if (found) return found;
    }
  }
  return undefined;
}

/** The ids of a step and of every step inside it. */
export function subtreeIds(step: Step): Set<string> {
  const ids = new Set<string>([step.id]);
  for (const [, list] of childLists(step)) for (const inner of list) for (const id of subtreeIds(inner)) ids.add(id);
  return ids;
}

/** Where a move can take a step: not into itself or its own branches; null means anywhere else. */
export type MoveCheck = { ok: true; noChange: boolean } | { ok: false; reason: string };

export function checkMove(steps: readonly Step[], stepId: string, to: Place): MoveCheck {
  const step = findIn(steps, stepId);
  const from = placeOf(steps, stepId);
  if (!step || !from) return { ok: false, reason: `step ${stepId} is not in the workflow` };
  if (to.parentId !== null && subtreeIds(step).has(to.parentId))
    return { ok: false, reason: `step ${stepId} cannot be moved into its own ${to.branch === 'body' ? 'loop' : 'branches'}` };
  if (to.parentId !== null) {
    const parent = findIn(steps, to.parentId);
    const fits =
      parent &&
      ((parent.kind === 'condition' && (to.branch === 'then' || to.branch === 'else')) ||
        (parent.kind === 'foreach' && to.branch === 'body'));
    if (!fits) return { ok: false, reason: `step ${to.parentId} has no list "${to.branch}" to move step ${stepId} into` };
  } else if (to.branch !== 'steps') {
    return { ok: false, reason: `the workflow's own list is "steps", not "${to.branch}"` };
  }
  const sameList = from.parentId === to.parentId && from.branch === to.branch;
  // Just before or just after itself: the tree stays as it is.
  return { ok: true, noChange: sameList && (to.index === from.index || to.index === from.index + 1) };
}

function withoutStep(steps: readonly Step[], id: string): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    if (step.id === id) continue;
    if (step.kind === 'condition') out.push({ ...step, then: withoutStep(step.then, id), else: withoutStep(step.else, id) });
    else if (step.kind === 'foreach') out.push({ ...step, body: withoutStep(step.body, id) });
    else out.push(step);
  }
  return out;
}

function insertInto(steps: readonly Step[], to: Place, moved: Step): Step[] {
  const put = (list: readonly Step[]) => [...list.slice(0, to.index), moved, ...list.slice(to.index)];
  if (to.parentId === null) return put(steps);
  return steps.map((step) => {
    if (step.id === to.parentId) {
      if (step.kind === 'condition' && (to.branch === 'then' || to.branch === 'else'))
        return { ...step, [to.branch]: put(step[to.branch]) };
      if (step.kind === 'foreach') return { ...step, body: put(step.body) };
    }
    if (step.kind === 'condition') return { ...step, then: insertInto(step.then, to, moved), else: insertInto(step.else, to, moved) };
    if (step.kind === 'foreach') return { ...step, body: insertInto(step.body, to, moved) };
    return step;
  });
}

/**
 * The definition with `step` added at `place` (as an edge's or an end's `insert` says it). An arranged
 * workflow stays arranged: the new card goes below the card before it, the cards it would cover are pushed
 * down (and what they cover, down the flow), every other card stays where the admin put it.
 * Throws, naming the place, when its list does not exist.
 */
export function addStep(
  definition: Pick<WorkflowDefinition, 'trigger' | 'steps' | 'positions'>,
  place: Place,
  step: Step,
): { steps: Step[]; positions?: Record<string, StepPosition> } {
  if (place.parentId !== null) {
    const parent = findIn(definition.steps, place.parentId);
    const fits =
      parent &&
      ((parent.kind === 'condition' && (place.branch === 'then' || place.branch === 'else')) ||
        (parent.kind === 'foreach' && place.branch === 'body'));
    if (!fits) throw new Error(`Cannot add: step ${place.parentId} has no list "${place.branch}"`);
  }
  const steps = insertInto(definition.steps, place, step);
  if (!definition.positions) return { steps };
  const graph = workflowGraph({ trigger: definition.trigger, steps });
  return { steps, positions: arrangementOf(graph, placeGraph(graph, definition.positions)) };
}

/**
 * The definition with the step moved to `to` (a place as an edge's or an end's `insert` says it, counted in
 * the tree before the move). An arranged workflow stays arranged: the moved card goes below the card before
 * its new place (the rule for an added step) and the cards inside it keep their places relative to it, so the
 * branches it carries keep their shape; cards they would cover are pushed down (see makeRoom), every other
 * card stays where the admin put it.
 * Throws, naming the step and the place, for a move into itself or into a list that does not exist.
 */
export function moveStep(
  definition: Pick<WorkflowDefinition, 'trigger' | 'steps' | 'positions'>,
  stepId: string,
  to: Place,
): { steps: Step[]; positions?: Record<string, StepPosition> } {
  const check = checkMove(definition.steps, stepId, to);
  if (!check.ok) throw new Error(`Cannot move: ${check.reason}`);
  const keep = { steps: [...definition.steps], ...(definition.positions ? { positions: definition.positions } : {}) };
  if (check.noChange) return keep;
  const from = placeOf(definition.steps, stepId)!;
  const step = findIn(definition.steps, stepId)!;
  // Counted before the move: later in the same list means one place less once the step is out of it.
  const sameList = from.parentId === to.parentId && from.branch === to.branch;
  const at: Place = sameList && to.index > from.index ? { ...to, index: to.index - 1 } : to;
  const steps = insertInto(withoutStep(definition.steps, stepId), at, step);
  if (!definition.positions) return { steps };

  const inside = subtreeIds(step);
  const others = Object.fromEntries(Object.entries(definition.positions).filter(([id]) => !inside.has(id)));
  const graph = workflowGraph({ trigger: definition.trigger, steps });
  const arrangement: Record<string, StepPosition> = { ...others };
  const old = definition.positions[stepId];
  // Where the rule puts the moved card (it has no saved position among the others).
  const now = placeGraph(graph, others)[stepId];
  if (old && now) {
    const [dx, dy] = [now.x - old[0], now.y - old[1]];
    for (const id of inside) {
      const was = definition.positions[id];
      if (was) arrangement[id] = [was[0] + dx, was[1] + dy];
    }
  }
  return { steps, positions: arrangementOf(graph, placeGraph(graph, arrangement, inside)) };
}
