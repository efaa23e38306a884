import { t } from '../../lib/i18n/i18n.svelte';
import type { CanvasEdge, CanvasNode } from '$shared/domain/canvas/workflow-graph';
import type { MoveTarget } from '$shared/domain/canvas/canvas-drop';

/**
 * What the canvas calls its ends, lines and the places a step can go, for screen readers, the "+" buttons
 * and the keyboard's "Move…" list: one wording for the canvas and the side panel.
 */
export type TitleOf = (id: string) => string | undefined;

/** "the workflow", "Otherwise of Big order": whose list a "+" end closes. */
export function endText(node: Pick<CanvasNode, 'place'> | undefined, titleOf: TitleOf): string {
  const place = node?.place;
  if (!place || place.parentId === null) return t('canvas.endOfWorkflow');
  const title = titleOf(place.parentId) ?? '';
  if (place.branch === 'then') return t('canvas.endOfThen', { title });
  if (place.branch === 'else') return t('canvas.endOfOtherwise', { title });
  return t('canvas.endOfBody', { title });
}

export function branchText(edge: Pick<CanvasEdge, 'port'>): string {
  if (edge.port === 'then') return t('canvas.then');
  if (edge.port === 'else') return t('canvas.otherwise');
  if (edge.port === 'body') return t('canvas.body');
  return '';
}

/** The two ends of a line by name, the first with its branch: "Big order (Otherwise)", "Add order tags". */
export function edgeEnds(edge: CanvasEdge, nodeOf: (id: string) => CanvasNode | undefined, titleOf: TitleOf): { from: string; to: string } {
  const name = (id: string) => titleOf(id) ?? endText(nodeOf(id), titleOf);
  const branch = branchText(edge);
  const from = name(edge.source);
  return { from: branch ? `${from} (${branch})` : from, to: name(edge.target) };
}

/** A place a step can be moved to, as the "Move…" list says it. */
export function targetText(
  target: MoveTarget,
  nodeOf: (id: string) => CanvasNode | undefined,
  edgeOf: (id: string) => CanvasEdge | undefined,
  titleOf: TitleOf,
): string {
  if (target.kind === 'end') return t('canvas.moveToEnd', { where: endText(nodeOf(target.id), titleOf) });
  return t('canvas.moveBetween', edgeEnds(edgeOf(target.id)!, nodeOf, titleOf));
}
