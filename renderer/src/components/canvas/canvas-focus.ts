import type { TabStop } from '$shared/domain/canvas/workflow-graph';

/**
 * The canvas's focusable elements and its Tab stops (canvas-keys.ts), one to the other: a card is xyflow's node
 * element, the "+" of a line or of a list's end is the button in its label (CanvasEdges).
 */

/** The element of a Tab stop inside the canvas, if it is drawn. */
export function stopElement(root: ParentNode | undefined, stop: TabStop): HTMLElement | null {
  const id = CSS.escape(stop.id);
  if (stop.kind === 'card') return root?.querySelector<HTMLElement>(`.svelte-flow__node[data-id="${id}"]`) ?? null;
  const holder = stop.kind === 'end' ? 'canvas-end' : 'flow-edge-label';
  return root?.querySelector<HTMLElement>(`.${holder}[data-id="${id}"] button.add`) ?? null;
}

/** Which Tab stop an element is, if any (a card itself, not something inside it). */
export function stopOf(el: Element): TabStop | null {
  if (el.matches('.svelte-flow__node')) return { id: el.getAttribute('data-id') ?? '', kind: 'card' };
  if (!el.matches('button.add')) return null;
  const holder = el.closest('.canvas-end, .flow-edge-label');
  if (!holder) return null;
  return { id: holder.getAttribute('data-id') ?? '', kind: holder.matches('.canvas-end') ? 'end' : 'edge' };
}

type Box = Pick<DOMRect, 'left' | 'right' | 'top' | 'bottom'>;

/** How far to pan so that `el` sits inside `pane` with `margin` to spare; zero when it already does. */
export function panToShow(pane: Box, el: Box, margin = 32): { dx: number; dy: number } {
  const shift = (low: number, high: number, min: number, max: number) =>
    low < min + margin ? min + margin - low : high > max - margin ? max - margin - high : 0;
  return { dx: shift(el.left, el.right, pane.left, pane.right), dy: shift(el.top, el.bottom, pane.top, pane.bottom) };
}
