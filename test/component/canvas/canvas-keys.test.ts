import { describe, expect, it } from 'vitest';
import { arrowTarget, canvasKeyAction, type KeyPress } from '../../../renderer/src/components/canvas/canvas-keys';
import { endId, workflowGraph } from '../../../electron/domain/canvas/workflow-graph';
import type { Step, WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';

const action = (id: string): Step => ({ id, kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { tags: id } });
/** Order created → big (Then: points · Otherwise: tag) → each (body: note) → last. */
const definition: WorkflowDefinition = {
  trigger: { id: 'trigger', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [
    {
      id: 'big',
      kind: 'condition',
      condition: { kind: 'compare', field: 'order.totalPrice', operator: 'greater_than', value: 100 },
      then: [action('points')],
      else: [action('tag')],
    },
    { id: 'each', kind: 'foreach', list: 'order.lineItems', body: [action('note')] },
    action('last'),
  ],
};
const graph = workflowGraph(definition);
const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...more,
});
const card = (id: string) => ({ id, kind: 'card' as const });

describe('keys on the canvas', () => {
  it('Tab goes from a card to the "+" on the line after it, Shift+Tab back; a read-only canvas has only cards', () => {
    expect(canvasKeyAction(graph, true, press('Tab'), card('trigger'))).toEqual({
      do: 'tab',
      to: { id: 'trigger|output|big', kind: 'edge' },
    });
    expect(canvasKeyAction(graph, true, press('Tab', { shiftKey: true }), { id: 'trigger|output|big', kind: 'edge' })).toEqual({
      do: 'tab',
      to: card('trigger'),
    });
    expect(canvasKeyAction(graph, false, press('Tab'), card('trigger'))).toEqual({ do: 'tab', to: card('big') });
  });

  it('Tab past the last stop or before the first leaves the canvas; Ctrl+Tab is the browser’s', () => {
    expect(canvasKeyAction(graph, true, press('Tab'), { id: endId(null, 'steps'), kind: 'end' })).toEqual({
      do: 'tab-out',
      backwards: false,
    });
    expect(canvasKeyAction(graph, true, press('Tab', { shiftKey: true }), card('trigger'))).toEqual({ do: 'tab-out', backwards: true });
    expect(canvasKeyAction(graph, true, press('Tab', { ctrlKey: true }), card('trigger'))).toBeNull();
    expect(canvasKeyAction(graph, true, press('Tab'), null)).toBeNull();
  });

  it('Enter and Space open a card; Delete and Backspace remove a step, never the trigger, only when editable', () => {
    expect(canvasKeyAction(graph, true, press('Enter'), card('tag'))).toEqual({ do: 'open', id: 'tag' });
    expect(canvasKeyAction(graph, false, press(' '), card('trigger'))).toEqual({ do: 'open', id: 'trigger' });
    expect(canvasKeyAction(graph, true, press('Delete'), card('tag'))).toEqual({ do: 'remove', id: 'tag' });
    expect(canvasKeyAction(graph, true, press('Backspace'), card('each'))).toEqual({ do: 'remove', id: 'each' });
    expect(canvasKeyAction(graph, true, press('Delete'), card('trigger'))).toBeNull();
    expect(canvasKeyAction(graph, false, press('Delete'), card('tag'))).toBeNull();
  });

  it('keys other than Tab on a "+" are the button’s own', () => {
    expect(canvasKeyAction(graph, true, press('Enter'), { id: 'trigger|output|big', kind: 'edge' })).toBeNull();
    expect(canvasKeyAction(graph, true, press('ArrowDown'), { id: endId('big', 'then'), kind: 'end' })).toBeNull();
  });

  it('arrows follow the lines over the "+" ends: down into Then, right to Otherwise, down out of a branch to the loop', () => {
    expect(canvasKeyAction(graph, true, press('ArrowDown'), card('big'))).toEqual({ do: 'arrow', to: 'points' });
    expect(arrowTarget(graph, 'points', 'ArrowRight')).toBe('tag');
    expect(arrowTarget(graph, 'tag', 'ArrowLeft')).toBe('points');
    expect(arrowTarget(graph, 'points', 'ArrowDown')).toBe('each');
    expect(arrowTarget(graph, 'each', 'ArrowDown')).toBe('note');
    expect(arrowTarget(graph, 'each', 'ArrowRight')).toBeNull();
    expect(arrowTarget(graph, 'note', 'ArrowUp')).toBe('each');
    expect(arrowTarget(graph, 'big', 'ArrowUp')).toBe('trigger');
  });

  it('an arrow with nowhere to go is still the canvas’s key (the page does not scroll)', () => {
    expect(canvasKeyAction(graph, true, press('ArrowUp'), card('trigger'))).toEqual({ do: 'arrow', to: null });
    expect(canvasKeyAction(graph, true, press('ArrowDown'), card('last'))).toEqual({ do: 'arrow', to: null });
  });
});
