import { describe, expect, it } from 'vitest';
import { dropTargetAt, moveTargets } from '../../../electron/domain/canvas/canvas-drop';
import { moveStep } from '../../../electron/domain/canvas/step-move';
import { endId, workflowGraph } from '../../../electron/domain/canvas/workflow-graph';
import type { Step, WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { orderTagDefinition } from '../../support/transfer-fixture';

const action = (id: string): Step => ({ id, kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { tags: id } });
const ids = (steps: readonly Step[]): unknown[] =>
  steps.map((s) =>
    s.kind === 'condition' ? { [s.id]: { then: ids(s.then), else: ids(s.else) } } : s.kind === 'foreach' ? { [s.id]: ids(s.body) } : s.id,
  );

/** Order created → big (Then: points · Otherwise: tag) → pause → each (body: note). */
const definition: WorkflowDefinition = {
  ...orderTagDefinition,
  steps: [
    ...orderTagDefinition.steps,
    { id: 'pause', kind: 'wait', seconds: 3600 },
    { id: 'each', kind: 'foreach', list: 'order.lineItems', body: [action('note')] },
  ],
};

describe('moving a step on the canvas', () => {
  it('moves an action from Otherwise onto the line after the loop, leaving Otherwise empty', () => {
    const moved = moveStep(definition, 'tag', { parentId: null, branch: 'steps', index: 3 });
    expect(ids(moved.steps)).toEqual([{ big: { then: ['points'], else: [] } }, 'pause', { each: ['note'] }, 'tag']);
    expect(moved.positions).toBeUndefined();
  });

  it('moves a condition with both its branches into a loop, and back up the same list counted before the move', () => {
    const inLoop = moveStep(definition, 'big', { parentId: 'each', branch: 'body', index: 1 });
    expect(ids(inLoop.steps)).toEqual(['pause', { each: ['note', { big: { then: ['points'], else: ['tag'] } }] }]);
    // The wait dropped on the line between the trigger and the condition: to the top.
    const up = moveStep(definition, 'pause', { parentId: null, branch: 'steps', index: 0 });
    expect(ids(up.steps)).toEqual(['pause', { big: { then: ['points'], else: ['tag'] } }, { each: ['note'] }]);
    // The condition dropped on the line after the wait (index 2 before the move) lands after it.
    const down = moveStep(definition, 'big', { parentId: null, branch: 'steps', index: 2 });
    expect(ids(down.steps)).toEqual(['pause', { big: { then: ['points'], else: ['tag'] } }, { each: ['note'] }]);
  });

  it('changes nothing when dropped just before or after itself, and leaves the tree it was given untouched', () => {
    const before = structuredClone(definition);
    expect(moveStep(definition, 'pause', { parentId: null, branch: 'steps', index: 1 }).steps).toEqual(definition.steps);
    expect(moveStep(definition, 'pause', { parentId: null, branch: 'steps', index: 2 }).steps).toEqual(definition.steps);
    moveStep(definition, 'tag', { parentId: 'big', branch: 'then', index: 0 });
    expect(definition).toEqual(before);
  });

  it('refuses a move into the step itself or into a list that does not exist, naming the step', () => {
    expect(() => moveStep(definition, 'big', { parentId: 'big', branch: 'else', index: 0 })).toThrow(
      /step big cannot be moved into its own branches/,
    );
    expect(() => moveStep(definition, 'each', { parentId: 'each', branch: 'body', index: 1 })).toThrow(/own loop/);
    expect(() => moveStep(definition, 'pause', { parentId: 'tag', branch: 'then', index: 0 })).toThrow(/step tag has no list "then"/);
    expect(() => moveStep(definition, 'gone', { parentId: null, branch: 'steps', index: 0 })).toThrow(/step gone is not in the workflow/);
  });

  it('keeps an arrangement: the moved card goes below the card before its new place, its branches keep their shape, the rest stays', () => {
    const arranged: WorkflowDefinition = {
      ...definition,
      positions: {
        trigger: [500, 0],
        big: [500, 200],
        points: [100, 400],
        tag: [900, 400],
        pause: [500, 600],
        each: [500, 800],
        note: [900, 1000],
      },
    };
    const moved = moveStep(arranged, 'big', { parentId: 'each', branch: 'body', index: 1 });
    const at = moved.positions!;
    expect(at.trigger).toEqual([500, 0]);
    expect(at.pause).toEqual([500, 600]);
    expect(at.note).toEqual([900, 1000]);
    expect(at.big![0]).toBe(900);
    expect(at.big![1]).toBeGreaterThan(1000);
    expect([at.points![0] - at.big![0], at.points![1] - at.big![1]]).toEqual([-400, 200]);
    expect([at.tag![0] - at.big![0], at.tag![1] - at.big![1]]).toEqual([400, 200]);
  });
});

describe('where a dragged step can be dropped', () => {
  it('offers every line and "+" end outside the step and not next to it, in flow order', () => {
    const graph = workflowGraph(definition);
    const targets = moveTargets(graph, definition.steps, 'big');
    expect(targets.map((t) => t.id)).toEqual(['pause|output|each', 'each|body|note', endId('each', 'body'), endId(null, 'steps')]);
    expect(targets.at(-1)!.place).toEqual({ parentId: null, branch: 'steps', index: 3 });
    const forTag = moveTargets(graph, definition.steps, 'tag').map((t) => t.id);
    expect(forTag).toContain('big|then|points');
    expect(forTag).toContain(endId('big', 'then'));
    expect(forTag).not.toContain(endId('big', 'else'));
    expect(forTag).not.toContain('big|else|tag');
  });

  it('picks the "+" under the dragged card, the nearest to its centre when two are', () => {
    const card = { x: 100, y: 100, width: 264, height: 96 };
    expect(dropTargetAt(card, [{ id: 'far', x: 600, y: 148 }])).toBeNull();
    expect(
      dropTargetAt(card, [
        { id: 'edge', x: 110, y: 190 },
        { id: 'centre', x: 240, y: 150 },
      ]),
    ).toBe('centre');
    expect(dropTargetAt(card, [{ id: 'just below', x: 232, y: 206 }])).toBe('just below');
  });
});
