import type { StepPosition } from '../workflow/workflow-definition';
import { autoLayout, BRANCH_X, GAP_Y, sizeOf, type NodePositions } from './canvas-layout';
import type { CanvasEdge, CanvasGraph, CanvasNode } from './workflow-graph';

/**
 * The admin's arrangement of a workflow on the canvas, and what happens to it when the tree changes. Cards
 * with a saved position stay there; a card without one (a step just added, from a "+" or the form view)
 * goes below the card before it; a moved step's cards go where the move put them. Cards those land on are
 * pushed down, and the cards those land on, and so on down the flow, so no two cards overlap after an add or
 * a move while every card out of the way keeps the place the admin gave it.
 */

/** Cards closer than this count as touching: pushed cards keep at least this much air. */
const CLEARANCE = 16;

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxOf(node: CanvasNode, at: { x: number; y: number }): Box {
  return { id: node.id, ...at, ...sizeOf(node) };
}

function overlaps(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width + CLEARANCE &&
    b.x < a.x + a.width + CLEARANCE &&
    a.y < b.y + b.height + CLEARANCE &&
    b.y < a.y + a.height + CLEARANCE
  );
}

function incomingEdges(graph: CanvasGraph): Map<string, CanvasEdge[]> {
  const into = new Map<string, CanvasEdge[]>();
  for (const edge of graph.edges) (into.get(edge.target) ?? into.set(edge.target, []).get(edge.target)!).push(edge);
  return into;
}

/**
 * Where a node without a saved position goes: below the node(s) before it (the lowest of them, when branches
 * join), one column to the right on a condition's Otherwise or a For each's body. Null when nothing before it
 * is placed yet.
 */
function placeBelow(
  node: CanvasNode,
  incoming: readonly CanvasEdge[],
  out: NodePositions,
  byId: ReadonlyMap<string, CanvasNode>,
): { x: number; y: number } | null {
  const placed = incoming.filter((e) => out[e.source]);
  const first = placed[0];
  if (!first) return null;
  const from = out[first.source]!;
  const fromSize = sizeOf(byId.get(first.source)!);
  const shift = first.port === 'else' || first.port === 'body' ? BRANCH_X : 0;
  const bottom = Math.max(...placed.map((e) => out[e.source]!.y + sizeOf(byId.get(e.source)!).height));
  return { x: Math.round(from.x + (fromSize.width - sizeOf(node).width) / 2 + shift), y: bottom + GAP_Y };
}

/** Saved positions where there are some, the rule (placeBelow) elsewhere; nothing pushed yet. */
function placeByRule(graph: CanvasGraph, arrangement: Readonly<Record<string, StepPosition>>): NodePositions {
  const out: NodePositions = {};
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const into = incomingEdges(graph);
  for (const node of graph.nodes) {
    const saved = node.stepId !== null ? arrangement[node.id] : undefined;
    out[node.id] = saved ? { x: saved[0], y: saved[1] } : (placeBelow(node, into.get(node.id) ?? [], out, byId) ?? { x: 0, y: 0 });
  }
  return out;
}

/**
 * Positions for every node: the automatic layout when the workflow has no arrangement at all; otherwise the
 * arrangement, each card without a saved position below the card before it, and `placedNow` (a moved step's
 * cards) where the arrangement says. Those new cards stay put; cards they would cover make room (makeRoom).
 */
export function placeGraph(
  graph: CanvasGraph,
  arrangement: Readonly<Record<string, StepPosition>> | undefined,
  placedNow: Iterable<string> = [],
): NodePositions {
  const arranged = arrangement ? graph.nodes.filter((n) => n.stepId !== null && arrangement[n.id]) : [];
  if (!arrangement || arranged.length === 0) return autoLayout(graph);
  const first = placeByRule(graph, arrangement);
  const fresh = new Set(placedNow);
  for (const node of graph.nodes) if (node.kind !== 'end' && !(node.stepId !== null && arrangement[node.id])) fresh.add(node.id);
  return clearEnds(graph, fresh.size === 0 ? first : makeRoom(graph, first, fresh));
}

/**
 * Moves each "+" end that would sit on a card (or on an end already placed) sideways to the nearest free
 * spot on its row: in an admin's single column, an empty Then's end falls where the next card is. Ends are
 * never saved and never push a card, so this is the last word on them. An Otherwise's end looks right first,
 * every other end left first, as the branches lie in Flow.
 */
function clearEnds(graph: CanvasGraph, at: NodePositions): NodePositions {
  const out: NodePositions = { ...at };
  const taken: Box[] = graph.nodes.filter((n) => n.kind !== 'end' && out[n.id]).map((n) => boxOf(n, out[n.id]!));
  for (const node of graph.nodes) {
    if (node.kind !== 'end' || !out[node.id]) continue;
    const home = boxOf(node, out[node.id]!);
    const step = home.width + CLEARANCE;
    const first = node.place?.branch === 'else' ? 1 : -1;
    let box = home;
    for (let i = 1; taken.some((t) => overlaps(box, t)); i++) {
      const reach = Math.ceil(i / 2) * step * (i % 2 === 1 ? first : -first);
      box = { ...home, x: home.x + reach };
    }
    out[node.id] = { x: box.x, y: box.y };
    taken.push(box);
  }
  return out;
}

/**
 * Pushes cards down until none covers a card of `fresh` or a card pushed before it. One pass in flow order
 * (what comes later in the flow is what moves, as the branch below a new step does in Flow): the fresh cards
 * are where they are from the start; a card covering one of them, or a card already pushed, or a "+" end that
 * moved with them, goes below everything it covers (and stays clear of every card placed before it); the "+"
 * ends follow their list as placeBelow says. A card nothing new touches keeps its place, even if the admin
 * put it close to another: their arrangement, not ours.
 */
export function makeRoom(graph: CanvasGraph, at: NodePositions, fresh: ReadonlySet<string>): NodePositions {
  const out: NodePositions = {};
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const into = incomingEdges(graph);
  /** Everything placed for good: fresh cards from the start, the others as the pass reaches them. */
  const settled: Box[] = [];
  /** What changed: fresh cards, pushed cards, ends that moved with them. Only these push. */
  const moved: Box[] = [];
  const movedIds = new Set<string>();
  const settle = (box: Box, changed: boolean) => {
    out[box.id] = { x: box.x, y: box.y };
    settled.push(box);
    if (!changed) return;
    moved.push(box);
    movedIds.add(box.id);
  };
  for (const node of graph.nodes) {
    if (!fresh.has(node.id) || node.kind === 'end' || !at[node.id]) continue;
    settle(boxOf(node, at[node.id]!), true);
  }
  for (const node of graph.nodes) {
    if (out[node.id]) continue;
    const incoming = into.get(node.id) ?? [];
    if (node.kind === 'end') {
      const below = placeBelow(node, incoming, out, byId) ?? at[node.id] ?? { x: 0, y: 0 };
      settle(
        boxOf(node, below),
        incoming.some((e) => movedIds.has(e.source)),
      );
      continue;
    }
    const box = boxOf(node, at[node.id] ?? { x: 0, y: 0 });
    const pushed = moved.some((m) => overlaps(box, m));
    if (pushed) {
      // Below whatever it covers, again until it covers nothing: each round clears at least one box for good.
      let covered = settled.filter((s) => overlaps(box, s));
      while (covered.length > 0) {
        box.y = Math.max(...covered.map((s) => s.y + s.height)) + GAP_Y;
        covered = settled.filter((s) => overlaps(box, s));
      }
    }
    settle(box, pushed);
  }
  return out;
}

/** The arrangement to save: each step's (and the trigger's) position, ends left out (they follow their list). */
export function arrangementOf(graph: CanvasGraph, positions: NodePositions): Record<string, StepPosition> {
  const out: Record<string, StepPosition> = {};
  for (const node of graph.nodes) {
    const at = positions[node.id];
    if (node.stepId !== null && at) out[node.id] = [Math.round(at.x), Math.round(at.y)];
  }
  return out;
}
