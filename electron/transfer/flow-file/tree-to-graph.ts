import type { Step, TriggerStep } from '../../domain/workflow/workflow-definition';
import type { FlowLink } from './flow-json';
import { plainLink } from './kept-flow-file';
import type { PlacedStep } from './step-codec';

/**
 * Our tree as Flow's steps and links, each step with a default position on the canvas (top to bottom, a
 * condition's else branch to the right of its then branch). Steps after a condition are linked from the
 * end of both branches, which is how Flow joins them.
 */
export interface GraphNode {
  placed: PlacedStep;
  position: [number, number];
}

const ROW = 200;
const COLUMN = 400;

export function treeToGraph(trigger: TriggerStep | null, steps: readonly Step[]): { nodes: GraphNode[]; links: FlowLink[] } {
  const nodes: GraphNode[] = [];
  const links: FlowLink[] = [];
  let top = 0;
  if (trigger) {
    nodes.push({ placed: { kind: 'trigger', trigger }, position: [0, 0] });
    top = ROW;
  }
  /** Links `from`'s port to the first step of `list` (or to `next` when the list is empty). */
  const enter = (from: string | null, port: string, list: readonly Step[], next: string | null) => {
    const to = list[0]?.id ?? next;
    if (from !== null && to !== null) links.push(plainLink(from, port, to));
  };
  /** Places a list; `next` is where it goes on when it ends (null: it ends the workflow or a loop body). */
  const place = (list: readonly Step[], x: number, y: number, next: string | null): number => {
    list.forEach((step, i) => {
      const after = list[i + 1]?.id ?? next;
      nodes.push({ placed: { kind: 'step', step }, position: [x, y] });
      if (step.kind === 'condition') {
        enter(step.id, 'true', step.then, after);
        enter(step.id, 'false', step.else, after);
        const thenEnd = place(step.then, x, y + ROW, after);
        const elseEnd = place(step.else, x + COLUMN * Math.max(1, width(step.then)), y + ROW, after);
        y = Math.max(thenEnd, elseEnd, y + ROW);
      } else if (step.kind === 'foreach') {
        enter(step.id, 'loop_body', step.body, null);
        if (after !== null) links.push(plainLink(step.id, 'after', after));
        y = Math.max(place(step.body, x + COLUMN, y + ROW, null), y + ROW);
      } else {
        if (after !== null) links.push(plainLink(step.id, 'output', after));
        y += ROW;
      }
    });
    return y;
  };
  if (trigger) enter(trigger.id, 'output', steps, null);
  place(steps, 0, top, null);
  return { nodes, links };
}

/** How many columns a list needs side by side. */
function width(list: readonly Step[]): number {
  let w = 1;
  for (const step of list) {
    if (step.kind === 'condition') w = Math.max(w, Math.max(1, width(step.then)) + Math.max(1, width(step.else)));
    if (step.kind === 'foreach') w = Math.max(w, 1 + width(step.body));
  }
  return w;
}
