import type { ForEachStep, Step, WaitStep } from '$shared/domain/workflow/workflow-definition';
import { newId } from './editor-model';

/** Which list of steps: the workflow's own, or a branch of a condition or for-each. */
export type Branch = 'steps' | 'then' | 'else' | 'body';

/** A position in the tree: the list (by its parent step, null for the workflow's own) and the index in it. */
export interface Place {
  parentId: string | null;
  branch: Branch;
  index: number;
}

function childLists(step: Step): [Branch, Step[]][] {
  if (step.kind === 'condition')
    return [
      ['then', step.then],
      ['else', step.else],
    ];
  if (step.kind === 'foreach') return [['body', step.body]];
  return [];
}

/** Where the step with this id sits, or null. */
export function locate(steps: readonly Step[], id: string, parentId: string | null = null, branch: Branch = 'steps'): Place | null {
  for (const [index, step] of steps.entries()) {
    if (step.id === id) return { parentId, branch, index };
    for (const [childBranch, list] of childLists(step)) {
      const found = locate(list, id, step.id, childBranch);
      if (found) return found;
    }
  }
  return null;
}

/** The step with this id, anywhere in the tree, or undefined. */
export function findStep(steps: readonly Step[], id: string): Step | undefined {
  for (const step of steps) {
    if (step.id === id) return step;
    for (const [, list] of childLists(step)) {
      const found = findStep(list, id);
      if (found) return found;
    }
  }
  return undefined;
}

function insertInto(list: readonly Step[], index: number, step: Step): Step[] {
  const at = Math.max(0, Math.min(index, list.length));
  return [...list.slice(0, at), step, ...list.slice(at)];
}

/**
 * Puts a step back at a place (after an undo). When its parent is gone meanwhile, it goes to the end of the
 * workflow's own list rather than being lost.
 */
export function insertAt(steps: readonly Step[], place: Place, step: Step): Step[] {
  if (place.parentId === null) return insertInto(steps, place.index, step);
  let found = false;
  const walk = (list: readonly Step[]): Step[] =>
    list.map((s) => {
      if (s.id === place.parentId) {
        found = true;
        if (s.kind === 'condition' && (place.branch === 'then' || place.branch === 'else'))
          return { ...s, [place.branch]: insertInto(s[place.branch], place.index, step) };
        if (s.kind === 'foreach' && place.branch === 'body') return { ...s, body: insertInto(s.body, place.index, step) };
        return s;
      }
      if (s.kind === 'condition') return { ...s, then: walk(s.then), else: walk(s.else) };
      if (s.kind === 'foreach') return { ...s, body: walk(s.body) };
      return s;
    });
  const out = walk(steps);
  return found ? out : [...out, step];
}

/** A new For each: the admin picks the list it repeats over from the data tree. */
export function newForEach(): ForEachStep {
  return { id: newId('foreach'), kind: 'foreach', list: '', body: [] };
}

export function newWait(): WaitStep {
  return { id: newId('wait'), kind: 'wait', seconds: 3600 };
}

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';
export const unitSeconds: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** A wait's seconds in the largest whole unit (minutes at least; seconds only for imported odd values). */
export function durationOf(seconds: number): { amount: number; unit: DurationUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds >= unitSeconds[unit] && seconds % unitSeconds[unit] === 0) return { amount: seconds / unitSeconds[unit], unit };
  }
  return { amount: seconds, unit: 'seconds' };
}

/** Seconds for an amount typed in a unit; at least one second, whole seconds, as the model wants. */
export function secondsOf(amount: number, unit: DurationUnit): number {
  if (!Number.isFinite(amount) || amount <= 0) return unitSeconds[unit];
  return Math.max(1, Math.round(amount * unitSeconds[unit]));
}

/** How many steps a subtree holds (the step and everything inside it), for the removal notice. */
export function countSteps(steps: readonly Step[]): number {
  let n = 0;
  for (const s of steps) n += 1 + childLists(s).reduce((sum, [, list]) => sum + countSteps(list), 0);
  return n;
}
