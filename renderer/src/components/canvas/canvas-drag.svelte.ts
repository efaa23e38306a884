import { getSmoothStepPath, Position, type Node } from '@xyflow/svelte';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- which "+" a dragged card is over is the domain's rule, unit-tested under Node.
import { dropTargetAt, type MoveTarget, type Rect } from '$shared/domain/canvas/canvas-drop';
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
    boxOf: (id: string) => Rect | undefined,
    edgeEnds: (id: string) => { source: string; target: string },
  ) {
    this.#stepId = stepId;
    this.#points = [];
    for (const target of targets) {
      if (target.kind === 'end') {
        const end = boxOf(target.id);
        if (end) this.#points.push({ id: target.id, place: target.place, x: end.x + end.width / 2, y: end.y + end.height / 2 });
        continue;
      }
      const { source, target: to } = edgeEnds(target.id);
      const a = boxOf(source);
      const b = boxOf(to);
      if (!a || !b) continue;
      const [, x, y] = getSmoothStepPath({
        sourceX: a.x + a.width / 2,
        sourceY: a.y + a.height,
        sourcePosition: Position.Bottom,
        targetX: b.x + b.width / 2,
        targetY: b.y,
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
