import type { Step, StepPosition, WorkflowDefinition } from '../workflow/workflow-definition';

/** Which list of steps: the workflow's own, or a branch of a condition or for-each (as the editor names them). */
export type Branch = 'steps' | 'then' | 'else' | 'body';

/** A position in the tree: the list (by its parent step, null for the workflow's own) and the index in it. */
export interface Place {
  parentId: string | null;
  branch: Branch;
  index: number;
}

/**
 * A workflow's tree as the canvas draws it: the trigger on top, one card per step, and a "+" end at the end
 * of every list of steps (the workflow's own, each condition's Then and Otherwise, each For each's body).
 * Steps after a condition are joined from the ends of both its branches, as Flow draws them. Every edge says
 * where a step added on it goes (its `insert` place), so "+" on an edge and "+" at a branch end are one rule.
 */
export type CanvasNodeKind = 'trigger' | Step['kind'] | 'end';

/** An edge leaves a step from a port, named as .flow links name them (then = `true`, else = `false`). */
export type CanvasPort = 'output' | 'then' | 'else' | 'body' | 'after';

export interface CanvasNode {
  id: string;
  kind: CanvasNodeKind;
  /** The step (or trigger) it draws; null for an end and for a workflow without a trigger yet. */
  stepId: string | null;
  /** For a step: where it sits in the tree. For an end: where a step added there goes (the list's end). */
  place: Place | null;
  /** How deep in branches it sits (0 = the workflow's own list), for the automatic layout's columns. */
  depth: number;
}

export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  port: CanvasPort;
  /** Where a step added on this edge goes. */
  insert: Place;
}

export interface CanvasGraph {
  /** In flow order: the trigger, then each step before what follows it, Then before Otherwise. */
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

/** The node id of the trigger when the workflow has none yet. */
export const NO_TRIGGER = 'trigger:none';

export function endId(parentId: string | null, branch: Branch): string {
  return `end:${parentId ?? 'root'}:${branch}`;
}

export function edgeId(source: string, port: CanvasPort, target: string): string {
  return `${source}|${port}|${target}`;
}

/** A source of an edge: the node and the port it leaves from. */
interface Exit {
  node: string;
  port: CanvasPort;
}

export function workflowGraph(definition: Pick<WorkflowDefinition, 'trigger' | 'steps'>): CanvasGraph {
  const nodes: CanvasNode[] = [];
  const edges: CanvasEdge[] = [];
  const link = (from: Exit, target: string, insert: Place) =>
    edges.push({ id: edgeId(from.node, from.port, target), source: from.node, target, port: from.port, insert });

  /** Draws a list entered from `entry`; returns nothing: the list always ends in its "+" end. */
  const list = (steps: readonly Step[], parentId: string | null, branch: Branch, entry: Exit, depth: number) => {
    let from: Exit[] = [entry];
    steps.forEach((step, index) => {
      const place: Place = { parentId, branch, index };
      for (const exit of from) link(exit, step.id, place);
      nodes.push({ id: step.id, kind: step.kind, stepId: step.id, place, depth });
      from = stepExits(step, depth);
    });
    const end = endId(parentId, branch);
    const endPlace: Place = { parentId, branch, index: steps.length };
    nodes.push({ id: end, kind: 'end', stepId: null, place: endPlace, depth });
    for (const exit of from) link(exit, end, endPlace);
  };

  /** Draws what is inside a step and says where the flow goes on from it. */
  const stepExits = (step: Step, depth: number): Exit[] => {
    if (step.kind === 'condition') {
      list(step.then, step.id, 'then', { node: step.id, port: 'then' }, depth + 1);
      list(step.else, step.id, 'else', { node: step.id, port: 'else' }, depth + 1);
      return [
        { node: endId(step.id, 'then'), port: 'output' },
        { node: endId(step.id, 'else'), port: 'output' },
      ];
    }
    if (step.kind === 'foreach') {
      list(step.body, step.id, 'body', { node: step.id, port: 'body' }, depth + 1);
      return [{ node: step.id, port: 'after' }];
    }
    return [{ node: step.id, port: 'output' }];
  };

  const triggerId = definition.trigger?.id ?? NO_TRIGGER;
  nodes.push({ id: triggerId, kind: 'trigger', stepId: definition.trigger?.id ?? null, place: null, depth: 0 });
  list(definition.steps, null, 'steps', { node: triggerId, port: 'output' }, 0);
  return { nodes, edges };
}

/** The ids of the steps in the tree (and the trigger's), to drop positions of steps that are gone. */
export function keepPositionsOf(positions: Readonly<Record<string, StepPosition>>, graph: CanvasGraph): Record<string, StepPosition> {
  const ids = new Set(graph.nodes.filter((n) => n.stepId !== null).map((n) => n.id));
  return Object.fromEntries(Object.entries(positions).filter(([id]) => ids.has(id)));
}

/** The nodes an edge leads to from a node, and the one it comes from, for arrow keys along edges. */
export function neighbours(graph: CanvasGraph, id: string): { next: string[]; previous: string[] } {
  return {
    next: graph.edges.filter((e) => e.source === id).map((e) => e.target),
    previous: graph.edges.filter((e) => e.target === id).map((e) => e.source),
  };
}

/** One stop of Tab on an editable canvas: a card, the "+" on a line, or a "+" end. */
export interface TabStop {
  id: string;
  kind: 'card' | 'edge' | 'end';
}

/**
 * What Tab walks through on an editable canvas, in flow order: each card after the "+" on every line into it
 * (Then's before Otherwise's, as the nodes are ordered), and each list's "+" end after its last card. Lines
 * into an end have no "+" of their own (the end is theirs). A read-only canvas has only its cards.
 */
export function tabOrder(graph: CanvasGraph, editable: boolean): TabStop[] {
  const into = new Map<string, string[]>();
  for (const edge of graph.edges) (into.get(edge.target) ?? into.set(edge.target, []).get(edge.target)!).push(edge.id);
  const out: TabStop[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'end') {
      if (editable) out.push({ id: node.id, kind: 'end' });
      continue;
    }
    if (editable) for (const id of into.get(node.id) ?? []) out.push({ id, kind: 'edge' });
    out.push({ id: node.id, kind: 'card' });
  }
  return out;
}
