import { getSmoothStepPath, Position, type Node } from '@xyflow/svelte';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- which "+" a dragged card is over is the domain's rule, unit-tested under Node.
import { dropTargetAt, type MoveTarget } from '$shared/domain/canvas/canvas-drop';
import type { Place } from '$shared/domain/canvas/workflow-graph';

/**
 * A card being dragged over the canvas: which line or "+" end it would be moved to if dropped now. `target`
 * is state the lines and ends read to light up, so nothing else on the canvas is rebuilt while dragging.
 */
export class CanvasDrag {
  target = $state<string | null>(null);
  #stepId: string | null = null;
  #points: { id: string; place: Place; x: number; y: number }[] = [];

  /** A step's card starts moving: where each of its targets' "+" sits now (a line's middle, an end's centre). */
  start(
    stepId: string,
    targets: readonly MoveTarget[],
    nodes: readonly Node[],
    edgeEnds: (id: string) => { source: string; target: string },
  ) {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const middle = (n: Node) => ({ x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 });
    this.#stepId = stepId;
    this.#points = [];
    for (const target of targets) {
      if (target.kind === 'end') {
        const end = byId.get(target.id);
        if (end) this.#points.push({ id: target.id, place: target.place, ...middle(end) });
        continue;
      }
      const { source, target: to } = edgeEnds(target.id);
      const a = byId.get(source);
      const b = byId.get(to);
      if (!a || !b) continue;
      const [, x, y] = getSmoothStepPath({
        sourceX: a.position.x + (a.width ?? 0) / 2,
        sourceY: a.position.y + (a.height ?? 0),
        sourcePosition: Position.Bottom,
        targetX: b.position.x + (b.width ?? 0) / 2,
        targetY: b.position.y,
        targetPosition: Position.Top,
        borderRadius: 12,
      });
      this.#points.push({ id: target.id, place: target.place, x, y });
    }
  }

  /** The dragged card is now at `node`'s position. */
  over(node: Node) {
    if (this.#stepId === null) return;
    const next = dropTargetAt({ x: node.position.x, y: node.position.y, width: node.width ?? 0, height: node.height ?? 0 }, this.#points);
    if (next !== this.target) this.target = next;
  }

  /** The card is dropped: the step and the place it goes to, or null when it is not over a target. */
  end(): { stepId: string; place: Place } | null {
    const place = this.#points.find((p) => p.id === this.target)?.place;
    const stepId = this.#stepId;
    this.#stepId = null;
    this.#points = [];
    this.target = null;
    return stepId !== null && place ? { stepId, place } : null;
  }
}
