import type { Step } from '../workflow/workflow-definition';
import { checkMove } from './step-move';
import type { CanvasGraph, Place } from './workflow-graph';

/**
 * Where a step can be moved to on the canvas: every line with a "+" and every "+" end, except those inside
 * the step itself and those just before or after it (a move there changes nothing). In flow order, so the
 * keyboard's "Move…" list reads top to bottom as the canvas does.
 */
export interface MoveTarget {
  /** The edge's or the end node's id. */
  id: string;
  kind: 'edge' | 'end';
  place: Place;
}

export function moveTargets(graph: CanvasGraph, steps: readonly Step[], stepId: string): MoveTarget[] {
  const ends = new Set(graph.nodes.filter((n) => n.kind === 'end').map((n) => n.id));
  const out: MoveTarget[] = [];
  const allowed = (place: Place) => {
    const check = checkMove(steps, stepId, place);
    return check.ok && !check.noChange;
  };
  for (const node of graph.nodes) {
    // Lines into a node come before it in flow order; a line into an end has no "+" (the end is its "+").
    for (const edge of graph.edges) {
      if (edge.target === node.id && !ends.has(node.id) && allowed(edge.insert))
        out.push({ id: edge.id, kind: 'edge', place: edge.insert });
    }
    if (node.kind === 'end' && node.place && allowed(node.place)) out.push({ id: node.id, kind: 'end', place: node.place });
  }
  return out;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The target a dragged card is over: the one whose "+" (a point) lies inside the card, grown by `margin`; the
 * nearest to the card's centre when several do. Null when none is.
 */
export function dropTargetAt(card: Rect, points: readonly { id: string; x: number; y: number }[], margin = 16): string | null {
  const cx = card.x + card.width / 2;
  const cy = card.y + card.height / 2;
  let best: { id: string; distance: number } | null = null;
  for (const p of points) {
    const inside =
      p.x >= card.x - margin && p.x <= card.x + card.width + margin && p.y >= card.y - margin && p.y <= card.y + card.height + margin;
    if (!inside) continue;
    const distance = Math.hypot(p.x - cx, p.y - cy);
    if (!best || distance < best.distance) best = { id: p.id, distance };
  }
  return best?.id ?? null;
}
