import type { CanvasGraph, CanvasNode } from './workflow-graph';

/**
 * Where each node of a workflow's graph sits on the canvas (top-left corners, as .flow's `step_position`).
 * The automatic layout (a workflow without an arrangement, and "Tidy up"): top-down, the trigger on top and a
 * condition's Then to the left of its Otherwise. An admin's arrangement, and steps added to it, are
 * canvas-arrangement.ts's.
 */
export const CARD = { width: 264, height: 96 } as const;
export const END = { width: 40, height: 40 } as const;
export const GAP_Y = 64;
export const GAP_X = 48;
/** How far right of its parent a condition's Otherwise or a For each's body starts when placed by rule. */
export const BRANCH_X = CARD.width + GAP_X;

export type NodePositions = Record<string, { x: number; y: number }>;

export function sizeOf(node: Pick<CanvasNode, 'kind'>): { width: number; height: number } {
  return node.kind === 'end' ? END : CARD;
}

/**
 * The automatic top-down layout. A workflow is a tree whose branches join again, so it is laid out as one:
 * each list is a column, a condition's Then and Otherwise are columns side by side under it (Then left), a
 * For each's body is a column to its right. Linear in the number of steps; dagre took 250–470 ms for 60
 * steps here (its ordering and ranking passes), more than the whole render may take.
 */
export function autoLayout(graph: CanvasGraph): NodePositions {
  const out: NodePositions = {};
  const lists = listsOf(graph);
  const widths = new Map<string, number>();
  const listWidth = (key: string): number => {
    const known = widths.get(key);
    if (known !== undefined) return known;
    const width = Math.max(CARD.width, ...(lists.get(key) ?? []).map(stepWidth));
    widths.set(key, width);
    return width;
  };
  const stepWidth = (node: CanvasNode): number => {
    if (node.kind === 'condition')
      return Math.max(CARD.width, listWidth(listKey(node.id, 'then')) + GAP_X + listWidth(listKey(node.id, 'else')));
    if (node.kind === 'foreach') return CARD.width + GAP_X + listWidth(listKey(node.id, 'body'));
    return CARD.width;
  };
  /** Places a list in a column `width` wide from `left`, starting at `top`; returns the y below it. */
  const column = (key: string, left: number, top: number): number => {
    const width = listWidth(key);
    let y = top;
    for (const node of lists.get(key) ?? []) {
      const size = sizeOf(node);
      const own = node.kind === 'end' ? END.width : stepWidth(node);
      const blockLeft = left + (width - own) / 2;
      if (node.kind === 'condition') {
        out[node.id] = { x: Math.round(blockLeft + (own - CARD.width) / 2), y };
        const below = y + CARD.height + GAP_Y;
        const thenWidth = listWidth(listKey(node.id, 'then'));
        const thenBottom = column(
          listKey(node.id, 'then'),
          blockLeft + (own - thenWidth - GAP_X - listWidth(listKey(node.id, 'else'))) / 2,
          below,
        );
        const elseBottom = column(
          listKey(node.id, 'else'),
          blockLeft + (own + thenWidth + GAP_X - listWidth(listKey(node.id, 'else'))) / 2,
          below,
        );
        y = Math.max(thenBottom, elseBottom);
      } else if (node.kind === 'foreach') {
        out[node.id] = { x: Math.round(blockLeft), y };
        const bodyBottom = column(listKey(node.id, 'body'), blockLeft + CARD.width + GAP_X, y + CARD.height + GAP_Y);
        y = Math.max(y + CARD.height + GAP_Y, bodyBottom);
      } else {
        out[node.id] = { x: Math.round(left + (width - size.width) / 2), y };
        y += size.height + GAP_Y;
      }
    }
    return y;
  };
  const trigger = graph.nodes[0];
  const rootWidth = listWidth(listKey(null, 'steps'));
  if (trigger) out[trigger.id] = { x: Math.round((rootWidth - CARD.width) / 2), y: 0 };
  column(listKey(null, 'steps'), 0, CARD.height + GAP_Y);
  return out;
}

function listKey(parentId: string | null, branch: string): string {
  return `${parentId ?? ''}|${branch}`;
}

/** Each list's nodes in order (its steps, then its end), by parent and branch. */
function listsOf(graph: CanvasGraph): Map<string, CanvasNode[]> {
  const lists = new Map<string, CanvasNode[]>();
  for (const node of graph.nodes) {
    if (!node.place) continue;
    const key = listKey(node.place.parentId, node.place.branch);
    (lists.get(key) ?? lists.set(key, []).get(key)!).push(node);
  }
  return lists;
}

/** Everything drawn, cards and "+" ends, in flow coordinates (what "Zoom to fit" shows); one card's size when empty. */
export function boundsOf(graph: CanvasGraph, positions: NodePositions): { x: number; y: number; width: number; height: number } {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const node of graph.nodes) {
    const at = positions[node.id];
    if (!at) continue;
    const size = sizeOf(node);
    [x0, y0, x1, y1] = [Math.min(x0, at.x), Math.min(y0, at.y), Math.max(x1, at.x + size.width), Math.max(y1, at.y + size.height)];
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : { x: 0, y: 0, width: CARD.width, height: CARD.height };
}
