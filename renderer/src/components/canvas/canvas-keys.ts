// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the keys follow the domain's graph of the tree (its lines and Tab order), one rule with the canvas's drawing.
import { neighbours, tabOrder, type CanvasGraph, type TabStop } from '$shared/domain/canvas/workflow-graph';

/**
 * What a key does on the canvas, decided from the graph alone (WorkflowCanvas finds the elements and moves
 * the focus): Tab and Shift+Tab walk the cards and the "+" buttons in flow order; on a focused card, Enter or
 * Space opens it, Delete or Backspace asks to remove it (not the trigger, and only when editable), and the
 * arrow keys follow its lines to the next card that way.
 */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export type CanvasKeyAction =
  /** Focus this Tab stop (the one after, or before, the focused one). */
  | { do: 'tab'; to: TabStop }
  /** Past the last stop (or before the first): the browser's own Tab goes on from the last (first) card. */
  | { do: 'tab-out'; backwards: boolean }
  | { do: 'open'; id: string }
  | { do: 'remove'; id: string }
  /** An arrow key: to that card, or nowhere (the key is still the canvas's, not the page's scroll). */
  | { do: 'arrow'; to: string | null };

/** The action for a key pressed on `on` (the focused card or "+", null for anything else), or null: not the canvas's. */
export function canvasKeyAction(graph: CanvasGraph, editable: boolean, press: KeyPress, on: TabStop | null): CanvasKeyAction | null {
  if (!on) return null;
  if (press.key === 'Tab') {
    if (press.altKey || press.ctrlKey || press.metaKey) return null;
    const stops = tabOrder(graph, editable);
    const i = stops.findIndex((s) => s.id === on.id && s.kind === on.kind);
    if (i < 0) return null;
    const next = stops[press.shiftKey ? i - 1 : i + 1];
    return next ? { do: 'tab', to: next } : { do: 'tab-out', backwards: press.shiftKey };
  }
  if (on.kind !== 'card') return null;
  if (press.key === 'Enter' || press.key === ' ') return { do: 'open', id: on.id };
  if (press.key === 'Delete' || press.key === 'Backspace')
    return editable && on.id !== graph.nodes[0]?.id ? { do: 'remove', id: on.id } : null;
  if (press.key.startsWith('Arrow')) return { do: 'arrow', to: arrowTarget(graph, on.id, press.key) };
  return null;
}

/**
 * Where an arrow key goes from a card: down and up follow the line out of (into) it, over "+" ends, to the
 * next card; left and right go to the other ways out of the step before (Then ↔ Otherwise). Null at the end.
 */
export function arrowTarget(graph: CanvasGraph, id: string, key: string): string | null {
  const ends = new Set(graph.nodes.filter((n) => n.kind === 'end').map((n) => n.id));
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    let at = id;
    for (let guard = 0; guard < graph.nodes.length; guard++) {
      const near = neighbours(graph, at);
      const next = key === 'ArrowDown' ? near.next[0] : near.previous[0];
      if (!next) return null;
      if (!ends.has(next)) return next;
      at = next;
    }
    return null;
  }
  if (key !== 'ArrowLeft' && key !== 'ArrowRight') return null;
  const before = neighbours(graph, id).previous[0];
  if (!before) return null;
  const siblings = neighbours(graph, before).next.filter((n) => !ends.has(n));
  const i = siblings.indexOf(id);
  return siblings[key === 'ArrowRight' ? i + 1 : i - 1] ?? null;
}
