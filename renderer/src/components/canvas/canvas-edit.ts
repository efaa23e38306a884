import type { Step } from '$shared/domain/workflow/workflow-definition';

/**
 * Changes to the tree the canvas makes on one step found by id: replace it (its form changed) or remove it
 * (with what is inside it). Pure: a new tree, the old one untouched, so undo can keep it.
 */
export function mapSteps(steps: readonly Step[], fn: (step: Step) => Step | null): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const mapped = fn(step);
    if (mapped === null) continue;
    if (mapped.kind === 'condition') out.push({ ...mapped, then: mapSteps(mapped.then, fn), else: mapSteps(mapped.else, fn) });
    else if (mapped.kind === 'foreach') out.push({ ...mapped, body: mapSteps(mapped.body, fn) });
    else out.push(mapped);
  }
  return out;
}

export function replaceStep(steps: readonly Step[], next: Step): Step[] {
  return mapSteps(steps, (s) => (s.id === next.id ? next : s));
}

export function removeStep(steps: readonly Step[], id: string): Step[] {
  return mapSteps(steps, (s) => (s.id === id ? null : s));
}
